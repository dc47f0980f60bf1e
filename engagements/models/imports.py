from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cities.scoping import CityScopedQuerySet
from engagements.choices import ImportKind, ImportStatus


class ImportJob(models.Model):
    """One spreadsheet a user uploaded to import engagements or partners into a city.

    The file is kept in the database, so a Celery worker on another machine
    reads exactly what was uploaded. The import is previewed first (every
    row's outcome, nothing written), then committed all at once; progress is
    kept here for the page that polls it.
    """

    city = models.ForeignKey(
        "cities.ParticipatingCity", on_delete=models.CASCADE, related_name="import_jobs"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    kind = models.CharField(max_length=20, choices=ImportKind.choices)
    filename = models.CharField(max_length=255)
    file_format = models.CharField(max_length=4)  # csv or xlsx
    data = models.BinaryField()
    status = models.CharField(
        max_length=20, choices=ImportStatus.choices, default=ImportStatus.PREVIEW_QUEUED
    )
    total_rows = models.PositiveIntegerField(default=0)
    processed_rows = models.PositiveIntegerField(default=0)
    summary = models.JSONField(default=dict, blank=True)
    rows = models.JSONField(default=list, blank=True)
    error = models.TextField(blank=True)
    task_id = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = CityScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("import job")
        verbose_name_plural = _("import jobs")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_kind_display()} from {self.filename}"

    @property
    def percent(self) -> int:
        if not self.total_rows:
            return 0
        return min(100, round(100 * self.processed_rows / self.total_rows))

    @property
    def is_running(self) -> bool:
        return self.status in {
            ImportStatus.PREVIEW_QUEUED,
            ImportStatus.PREVIEWING,
            ImportStatus.IMPORT_QUEUED,
            ImportStatus.IMPORTING,
        }


class EngagementImportKey(models.Model):
    """The import key of an imported engagement, so importing its row again changes nothing."""

    city = models.ForeignKey("cities.ParticipatingCity", on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=200)
    engagement = models.OneToOneField(
        "engagements.Engagement", on_delete=models.CASCADE, related_name="import_key"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["city", "key"], name="import_key_unique_per_city")
        ]

    def __str__(self):
        return self.key
