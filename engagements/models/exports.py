from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cities.scoping import is_site_admin
from engagements.choices import ExportFormat, ExportJobState

CONTENT_TYPES = {
    ExportFormat.CSV: "text/csv; charset=utf-8",
    ExportFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def export_filename(list_name: str, file_format: str, day) -> str:
    """The name of a list's export file, streamed or written by a job: list and day."""
    return f"{list_name}-{day:%Y-%m-%d}.{file_format}"


class ExportJobQuerySet(models.QuerySet):
    def for_user(self, user):
        """The jobs ``user`` may see: their own, or every job for a site admin.

        An export holds what its requester may see, so even a colleague of the
        same city gets a 404 rather than someone else's file.
        """
        if is_site_admin(user):
            return self.all()
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(user=user)


class ExportJob(models.Model):
    """A list export too large to stream within the server's timeout, written by a worker.

    Holds what was asked (the list, its format and filter parameters, as the
    requester saw it) and the file once written, so the requester downloads it
    whole from the job's page instead of a response cut at the timeout.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    city = models.ForeignKey(
        "cities.ParticipatingCity",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The city the export covers; empty for a site admin's (every city)."),
    )
    list_name = models.CharField(max_length=30)
    file_format = models.CharField(max_length=4, choices=ExportFormat.choices)
    query = models.TextField(blank=True, help_text=_("The list's filter parameters."))
    state = models.CharField(
        max_length=10, choices=ExportJobState.choices, default=ExportJobState.QUEUED
    )
    rows_total = models.PositiveIntegerField(default=0, help_text=_("Rows counted at the start."))
    rows_done = models.PositiveIntegerField(default=0)
    file = models.FileField(upload_to="exports/", blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(
        default=timezone.now, help_text=_("Last sign of life: queued, started or a chunk written.")
    )
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = ExportJobQuerySet.as_manager()

    class Meta:
        verbose_name = _("export job")
        verbose_name_plural = _("export jobs")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(state__in=ExportJobState.values), name="exportjob_state_valid"
            ),
        ]

    def __str__(self):
        return f"Export {self.pk} of {self.list_name}.{self.file_format} ({self.state})"

    @property
    def percent(self) -> int:
        if self.state == ExportJobState.DONE:
            return 100
        # Rows added while the file is written can take it past the count.
        return min(99, round(100 * self.rows_done / self.rows_total)) if self.rows_total else 0

    @property
    def finished(self) -> bool:
        return self.state in (ExportJobState.DONE, ExportJobState.FAILED)

    @property
    def filename(self) -> str:
        day = timezone.localdate(self.created_at) if self.created_at else timezone.localdate()
        return export_filename(self.list_name, self.file_format, day)

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.file_format]
