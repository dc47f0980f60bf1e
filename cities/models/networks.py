from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cities.choices import MembershipStatus, NetworkRole
from cities.scoping import CityScopedQuerySet
from cities.validators import validate_plausible_date


class CityNetwork(models.Model):
    """A network of cities: C40, ICLEI, UCLG, the Global Covenant of Mayors…"""

    name = models.CharField(max_length=200, unique=True)
    acronym = models.CharField(max_length=30, blank=True)
    website = models.URLField(blank=True)
    focus = models.CharField(max_length=200, blank=True)
    description = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("city network")
        verbose_name_plural = _("city networks")
        ordering = ["name"]

    def __str__(self):
        return self.acronym or self.name


class NetworkMembershipQuerySet(CityScopedQuerySet):
    pass


class NetworkMembership(models.Model):
    """A participating city's membership of a city network."""

    city = models.ForeignKey(
        "cities.ParticipatingCity", on_delete=models.CASCADE, related_name="network_memberships"
    )
    network = models.ForeignKey(CityNetwork, on_delete=models.PROTECT, related_name="memberships")
    since = models.DateField(null=True, blank=True, validators=[validate_plausible_date])
    until = models.DateField(null=True, blank=True, validators=[validate_plausible_date])
    role = models.CharField(max_length=30, choices=NetworkRole.choices, default=NetworkRole.MEMBER)
    status = models.CharField(
        max_length=10, choices=MembershipStatus.choices, default=MembershipStatus.ACTIVE
    )
    notes = models.TextField(blank=True)

    objects = NetworkMembershipQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("network membership")
        verbose_name_plural = _("network memberships")
        ordering = ["network__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["city", "network"],
                name="membership_once_per_network",
                violation_error_message="The city already has a membership of this network.",
            ),
            models.CheckConstraint(
                condition=Q(until__isnull=True) | Q(since__isnull=True) | Q(until__gte=F("since")),
                name="membership_ends_after_it_starts",
                violation_error_message="A membership cannot end before it started.",
            ),
        ]

    def __str__(self):
        return f"{self.city} in {self.network}"
