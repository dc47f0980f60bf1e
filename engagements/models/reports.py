from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cities.scoping import CityScopedQuerySet
from engagements.choices import PeriodKind, ReportJobState


class CityReport(models.Model):
    """The figures of a participating city's international work over one period.

    Built by Celery jobs with SQL aggregation and read by the dashboards, so
    a dashboard never counts engagements itself. One row per city and period;
    a rebuild replaces it atomically.
    """

    city = models.ForeignKey(
        "cities.ParticipatingCity", on_delete=models.CASCADE, related_name="reports"
    )
    period_kind = models.CharField(max_length=10, choices=PeriodKind.choices)
    period_start = models.DateField()
    period_end = models.DateField(help_text=_("Last day of the period, inclusive."))
    figures = models.JSONField(default=dict)
    computed_at = models.DateTimeField()

    objects = CityScopedQuerySet.as_manager()

    class Meta:
        ordering = ["city", "period_kind", "-period_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["city", "period_kind", "period_start"], name="report_one_per_city_period"
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")), name="report_period_ordered"
            ),
        ]

    def __str__(self):
        return f"{self.city} {self.period_kind} from {self.period_start}"


class ReportRefresh(models.Model):
    """A report whose figures an edit changed and no job has rebuilt since: the outbox.

    Written in the same transaction as the edit, so a refresh is never lost
    with the broker or the worker: the sweeper queues again any row still here
    a minute later. One row per city and period collapses a burst of saves into
    one job. Each edit bumps ``version``; the job deletes the row when it has
    stored the figures, only if no edit came in meanwhile (the version it read).
    """

    city = models.ForeignKey("cities.ParticipatingCity", on_delete=models.CASCADE, related_name="+")
    period_kind = models.CharField(max_length=10, choices=PeriodKind.choices)
    period_start = models.DateField()
    requested_at = models.DateTimeField(help_text=_("When an edit last asked for this refresh."))
    version = models.PositiveIntegerField(default=1)
    queued_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text=_("When a job waiting to start was queued for it; empty: none waiting."),
    )

    objects = CityScopedQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["city", "period_kind", "period_start"], name="refresh_one_per_city_period"
            ),
        ]

    def __str__(self):
        return f"Refresh of {self.city_id} {self.period_kind} from {self.period_start}"


class ReportJob(models.Model):
    """A rebuild someone asked for with the dashboard's "Refresh now" button.

    Holds the periods to rebuild and how many are done, so the page can show
    the job's progress while a worker runs it.
    """

    city = models.ForeignKey(
        "cities.ParticipatingCity", on_delete=models.CASCADE, related_name="report_jobs"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    periods = models.JSONField(
        default=list, help_text=_("[[period kind, first day ISO], …] to rebuild, in order.")
    )
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    state = models.CharField(
        max_length=10, choices=ReportJobState.choices, default=ReportJobState.QUEUED
    )
    error = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(
        default=timezone.now, help_text=_("Last sign of life: queued, started or a period done.")
    )
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = CityScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(done__lte=F("total")), name="reportjob_done_le_total"
            ),
            models.CheckConstraint(
                condition=Q(state__in=ReportJobState.values), name="reportjob_state_valid"
            ),
        ]

    def __str__(self):
        return f"Report job {self.pk} for {self.city_id} ({self.state})"

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 100

    @property
    def finished(self) -> bool:
        return self.state in (ReportJobState.DONE, ReportJobState.FAILED)
