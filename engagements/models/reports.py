from django.db import models
from django.db.models import F, Q

from cities.scoping import CityScopedQuerySet


class PeriodKind(models.TextChoices):
    MONTH = "month", "Month"
    QUARTER = "quarter", "Quarter"
    YEAR = "year", "Year"


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
    period_end = models.DateField(help_text="Last day of the period, inclusive.")
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
