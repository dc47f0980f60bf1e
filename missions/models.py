"""What a city plans abroad and at home, and how much of it the other cities see.

A city keeps its planned outbound missions and expected inbound delegations
here (a country and a month, optionally a partner and topics). Its
``MissionSharing`` setting decides what the other participating cities see of
them: nothing, the country and month, or the partner and topics too. Other
cities never read these rows directly: ``missions.selectors.shared_plans``
hands them a projection (``SharedPlan``) holding only what the level allows.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from cities.scoping import CityScopedQuerySet
from missions.choices import SHARING_LEVELS_VISIBLE, PlanDirection, SharingLevel


def validate_first_of_month(value: datetime.date) -> None:
    """A plan's month is stored as its first day."""
    if value is not None and value.day != 1:
        raise ValidationError(_("Give the month only (stored as its first day)."), code="month")


class MissionSharing(models.Model):
    """How much of its planned missions a city shares with the other cities.

    A city without a row shares nothing: sharing is opt-in.
    """

    city = models.OneToOneField(
        "cities.ParticipatingCity",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="mission_sharing",
    )
    level = models.CharField(
        _("sharing with other cities"),
        max_length=20,
        choices=SharingLevel.choices,
        default=SharingLevel.OFF,
    )
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mission sharing setting")
        constraints = [
            models.CheckConstraint(
                condition=Q(level__in=SharingLevel.values), name="missionsharing_level_valid"
            ),
        ]

    def __str__(self):
        return f"{self.city}: {self.get_level_display()}"


class PlannedMissionQuerySet(CityScopedQuerySet):
    def from_month(self, month: datetime.date):
        return self.filter(month__gte=month.replace(day=1))

    def shared(self):
        """Plans their city shows the other cities: sharing on, and not kept private."""
        return self.filter(private=False, city__mission_sharing__level__in=SHARING_LEVELS_VISIBLE)

    def for_list(self):
        return self.select_related("partner").prefetch_related("topics")


class PlannedMission(models.Model):
    """A mission a city plans to send abroad, or a delegation it expects to host.

    Kept to a month, since plans this early rarely have dates; the title and
    notes are the city's own and are never shared.
    """

    city = models.ForeignKey(
        "cities.ParticipatingCity", on_delete=models.CASCADE, related_name="planned_missions"
    )
    direction = models.CharField(_("direction"), max_length=10, choices=PlanDirection.choices)
    title = models.CharField(_("title"), max_length=200)
    country = CountryField(_("country"))
    month = models.DateField(_("month"), validators=[validate_first_of_month])
    partner = models.ForeignKey(
        "cities.Partner",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="planned_missions",
        verbose_name=_("partner"),
    )
    topics = models.ManyToManyField(
        "engagements.Topic", blank=True, related_name="planned_missions", verbose_name=_("topics")
    )
    private = models.BooleanField(
        _("keep this plan to our city"),
        default=False,
        help_text=_("Not shared with other cities, whatever the city's sharing setting."),
    )
    notes = models.TextField(_("notes"), blank=True, help_text=_("Never shared."))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PlannedMissionQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[topics])

    class Meta:
        verbose_name = _("planned mission")
        ordering = ["month", "country", "pk"]
        indexes = [
            models.Index(fields=["city", "month"], name="plannedmission_city_month"),
            models.Index(fields=["country", "month"], name="plannedmission_country_month"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(direction__in=PlanDirection.values),
                name="plannedmission_direction_valid",
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.country.code}, {self.month:%Y-%m})"
