import datetime
from decimal import Decimal

from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.db.models import F, OuterRef, Q, Subquery
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cities.choices import CommitmentFramework, ProgressStatus
from cities.scoping import CityScopedQuerySet
from cities.validators import validate_plausible_date

# Ratio of the observed yearly rate of change to the rate needed to reach the
# target on time; the thresholds of the Open SDG progress calculation.
SUBSTANTIAL_RATIO = Decimal("0.95")
MODERATE_RATIO = Decimal("0.5")


class CommitmentQuerySet(CityScopedQuerySet):
    def with_latest_progress(self):
        """Annotate ``latest_value`` and ``latest_date`` in one query, for lists."""
        latest = ProgressEntry.objects.filter(commitment=OuterRef("pk")).order_by("-date", "-pk")
        return self.annotate(
            latest_value=Subquery(latest.values("value")[:1]),
            latest_date=Subquery(latest.values("date")[:1]),
        )


class Commitment(models.Model):
    """A participating city's pledge under a framework, measured by one indicator.

    Progress is judged from the baseline, the latest progress entry and the
    target, on the scale Open SDG platforms use.
    """

    city = models.ForeignKey(
        "cities.ParticipatingCity", on_delete=models.CASCADE, related_name="commitments"
    )
    framework = models.CharField(
        max_length=30,
        choices=CommitmentFramework.choices,
        default=CommitmentFramework.SDGS,
        verbose_name=_("framework"),
    )
    title = models.CharField(max_length=250)
    description = models.TextField(blank=True)
    sdg_targets = models.ManyToManyField("cities.SdgTarget", blank=True, related_name="commitments")
    indicator = models.ForeignKey(
        "cities.SdgIndicator",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="commitments",
        help_text=_("The SDG indicator this pledge is measured by, if it follows one."),
    )
    indicator_description = models.CharField(_("measured by"), max_length=300, blank=True)
    unit = models.CharField(max_length=50, blank=True)
    baseline_value = models.DecimalField(max_digits=16, decimal_places=4, null=True, blank=True)
    baseline_year = models.PositiveSmallIntegerField(null=True, blank=True)
    target_value = models.DecimalField(max_digits=16, decimal_places=4, null=True, blank=True)
    target_year = models.PositiveSmallIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CommitmentQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        ordering = ["title"]
        indexes = [models.Index(fields=["city", "framework"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(target_year__isnull=True)
                | Q(baseline_year__isnull=True)
                | Q(target_year__gt=F("baseline_year")),
                name="commitment_target_after_baseline",
                violation_error_message="The target year must come after the baseline year.",
            ),
            models.CheckConstraint(
                condition=Q(framework__in=CommitmentFramework.values),
                name="commitment_framework_valid",
            ),
        ]

    def __str__(self):
        return self.title

    def latest_entry(self):
        """(value, date) of the latest progress entry, from the annotation if present."""
        if hasattr(self, "latest_value"):
            return self.latest_value, self.latest_date
        entry = self.progress_entries.order_by("-date", "-pk").first()
        return (entry.value, entry.date) if entry else (None, None)

    @property
    def progress_status(self) -> ProgressStatus:
        latest, latest_date = self.latest_entry()
        return progress_status(
            baseline=self.baseline_value,
            baseline_year=self.baseline_year,
            target=self.target_value,
            target_year=self.target_year,
            latest=latest,
            latest_date=latest_date,
        )

    @property
    def progress_fraction(self) -> float | None:
        """Share of the way from baseline to target, clamped to 0..1, for a bar."""
        latest, _ = self.latest_entry()
        if None in (latest, self.baseline_value, self.target_value):
            return None
        span = self.target_value - self.baseline_value
        if span == 0:
            return 1.0
        return float(min(max((Decimal(latest) - self.baseline_value) / span, 0), 1))


def progress_status(*, baseline, baseline_year, target, target_year, latest, latest_date):
    """Classify progress toward a target on the Open SDG scale."""
    if None in (baseline, baseline_year, target, target_year, latest, latest_date):
        return ProgressStatus.NOT_AVAILABLE
    baseline, target, latest = Decimal(baseline), Decimal(target), Decimal(latest)
    rising = target >= baseline
    if (rising and latest >= target) or (not rising and latest <= target):
        return ProgressStatus.TARGET_ACHIEVED
    baseline_date = datetime.date(baseline_year, 7, 1)
    years_observed = Decimal((latest_date - baseline_date).days) / Decimal("365.25")
    years_needed = Decimal(target_year - baseline_year)
    if years_observed <= 0 or years_needed <= 0:
        return ProgressStatus.NOT_AVAILABLE
    observed_rate = (latest - baseline) / years_observed
    needed_rate = (target - baseline) / years_needed
    ratio = observed_rate / needed_rate
    if ratio >= SUBSTANTIAL_RATIO:
        return ProgressStatus.SUBSTANTIAL
    if ratio >= MODERATE_RATIO:
        return ProgressStatus.MODERATE
    if ratio >= 0:
        return ProgressStatus.LIMITED
    return ProgressStatus.DETERIORATION


class ProgressEntryQuerySet(CityScopedQuerySet):
    city_lookup = "commitment__city"


class ProgressEntry(models.Model):
    """A measured value of a commitment's indicator on a date."""

    commitment = models.ForeignKey(
        Commitment, on_delete=models.CASCADE, related_name="progress_entries"
    )
    date = models.DateField(validators=[validate_plausible_date], verbose_name=_("date"))
    value = models.DecimalField(max_digits=16, decimal_places=4, verbose_name=_("value"))
    note = models.CharField(max_length=300, blank=True, verbose_name=_("note"))

    objects = ProgressEntryQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("progress entry")
        verbose_name_plural = _("progress entries")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(
                fields=["commitment", "date"],
                name="progress_one_entry_per_day",
                violation_error_message="This commitment already has a value for that date.",
            ),
        ]

    def __str__(self):
        # The history of an entry outlives a commitment moved to the trash.
        try:
            return f"{self.commitment}: {self.value} on {self.date}"
        except ObjectDoesNotExist:
            return f"{self.value} on {self.date}"
