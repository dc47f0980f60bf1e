from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cities.choices import DatePrecision, TieKind, TieStatus
from cities.scoping import CityScopedQuerySet
from cities.validators import validate_plausible_date


class SisterCityTieQuerySet(CityScopedQuerySet):
    def live(self):
        return self.exclude(status=TieStatus.ENDED)


class SisterCityTie(models.Model):
    """A formal relationship between a participating city and a foreign city.

    A city is never tied to itself, and a pair of cities holds at most one
    live (not ended) tie of each kind: both are enforced by the database.
    """

    city = models.ForeignKey(
        "cities.ParticipatingCity", on_delete=models.CASCADE, related_name="ties"
    )
    partner_city = models.ForeignKey(
        "cities.City", on_delete=models.PROTECT, related_name="ties_as_partner"
    )
    kind = models.CharField(
        max_length=20, choices=TieKind.choices, default=TieKind.SISTER_CITY, verbose_name=_("kind")
    )
    established_on = models.DateField(null=True, blank=True, validators=[validate_plausible_date])
    # Many old ties are known by their year only: stored as 1 January, shown as the year.
    established_precision = models.CharField(
        max_length=4, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    signatories = models.TextField(blank=True)
    status = models.CharField(
        max_length=10, choices=TieStatus.choices, default=TieStatus.ACTIVE, verbose_name=_("status")
    )
    ended_on = models.DateField(null=True, blank=True, validators=[validate_plausible_date])
    focus_areas = models.CharField(max_length=300, blank=True)
    notes = models.TextField(blank=True)

    objects = SisterCityTieQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("sister-city tie")
        ordering = ["partner_city__name"]
        indexes = [models.Index(fields=["city", "status"])]
        constraints = [
            # ParticipatingCity's primary key is its City's, so this compares cities.
            models.CheckConstraint(condition=~Q(city=F("partner_city")), name="tie_not_to_itself"),
            models.UniqueConstraint(
                fields=["city", "partner_city", "kind"],
                condition=~Q(status=TieStatus.ENDED),
                name="tie_one_live_per_pair_and_kind",
                violation_error_message="These cities already have a live tie of this kind.",
            ),
            models.CheckConstraint(
                condition=Q(status=TieStatus.ENDED, ended_on__isnull=False)
                | (~Q(status=TieStatus.ENDED) & Q(ended_on__isnull=True)),
                name="tie_ended_on_iff_ended",
                violation_error_message="An ended tie needs its end date; a live tie has none.",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True)
                | Q(established_on__isnull=True)
                | Q(ended_on__gte=F("established_on")),
                name="tie_ends_after_it_starts",
                violation_error_message="A tie cannot end before it was established.",
            ),
            models.CheckConstraint(condition=Q(kind__in=TieKind.values), name="tie_kind_valid"),
            models.CheckConstraint(
                condition=Q(status__in=TieStatus.values), name="tie_status_valid"
            ),
        ]

    def __str__(self):
        return f"{self.city} – {self.partner_city} ({self.get_kind_display()})"

    @property
    def established_year_only(self) -> bool:
        """Only the year the tie was made is known: show the year, never "1 January"."""
        return self.established_precision == DatePrecision.YEAR
