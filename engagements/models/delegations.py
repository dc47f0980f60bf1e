from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cities.scoping import CityScopedQuerySet
from cities.validators import validate_plausible_date
from engagements.choices import Attendance, Direction, GiftDirection, MemberRole, ProtocolLevel


class DelegationQuerySet(CityScopedQuerySet):
    city_lookup = "engagement__city"


class Delegation(models.Model):
    """The visit details of an inbound or outbound engagement, and its protocol checklist."""

    engagement = models.OneToOneField(
        "engagements.Engagement", on_delete=models.CASCADE, related_name="delegation"
    )
    direction = models.CharField(
        max_length=10, choices=Direction.choices, verbose_name=_("direction")
    )
    head = models.ForeignKey(
        "cities.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="delegations_headed",
        verbose_name=_("head of delegation"),
    )
    protocol_level = models.CharField(
        max_length=30, choices=ProtocolLevel.choices, blank=True, verbose_name=_("protocol level")
    )
    interpreters_needed = models.BooleanField(default=False, verbose_name=_("interpreters needed"))
    interpreter_notes = models.CharField(
        max_length=300, blank=True, verbose_name=_("interpreter notes")
    )
    press_needed = models.BooleanField(_("press"), default=False)
    photographer_needed = models.BooleanField(_("photographer"), default=False)
    press_notes = models.CharField(max_length=300, blank=True, verbose_name=_("press notes"))
    security_needed = models.BooleanField(_("security"), default=False)
    security_notes = models.CharField(max_length=300, blank=True, verbose_name=_("security notes"))
    notes = models.TextField(blank=True, verbose_name=_("notes"))

    objects = DelegationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")
        constraints = [
            models.CheckConstraint(
                condition=Q(direction__in=Direction.values), name="delegation_direction_valid"
            ),
        ]

    def __str__(self):
        # The history of a delegation outlives an engagement moved to the trash.
        try:
            return f"Delegation: {self.engagement.title}"
        except ObjectDoesNotExist:
            return f"Delegation #{self.pk}"

    @property
    def leader(self):
        """Who leads the delegation: its head (a partner's contact), else the
        member listed with the head's role. Reads prefetched members when there."""
        if self.head_id:
            return self.head
        return next((m for m in self.members.all() if m.role == MemberRole.HEAD), None)


class DelegationPartQuerySet(CityScopedQuerySet):
    """Members, itinerary items and gifts: scoped through their delegation."""

    city_lookup = "delegation__engagement__city"


class DelegationMember(models.Model):
    """A person in a delegation, with their role and whether they came."""

    delegation = models.ForeignKey(Delegation, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(
        "cities.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    name = models.CharField(max_length=200, verbose_name=_("name"))
    title = models.CharField(max_length=200, blank=True, verbose_name=_("title"))
    organisation = models.CharField(max_length=200, blank=True, verbose_name=_("organisation"))
    role = models.CharField(
        max_length=20, choices=MemberRole.choices, default=MemberRole.MEMBER, verbose_name=_("role")
    )
    attendance = models.CharField(
        max_length=12,
        choices=Attendance.choices,
        default=Attendance.INVITED,
        verbose_name=_("attendance"),
    )

    objects = DelegationPartQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("delegation member")
        verbose_name_plural = _("delegation members")
        ordering = ["role", "name"]

    def __str__(self):
        return self.name


class ItineraryItem(models.Model):
    """One slot of a visit's programme: when, where, what, and who is responsible."""

    delegation = models.ForeignKey(Delegation, on_delete=models.CASCADE, related_name="itinerary")
    date = models.DateField(validators=[validate_plausible_date], verbose_name=_("date"))
    start_time = models.TimeField(null=True, blank=True, verbose_name=_("start time"))
    end_time = models.TimeField(null=True, blank=True, verbose_name=_("end time"))
    place = models.CharField(max_length=250, verbose_name=_("place"))
    activity = models.CharField(max_length=300, verbose_name=_("activity"))
    responsible = models.CharField(_("responsible person"), max_length=200, blank=True)

    objects = DelegationPartQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("itinerary item")
        verbose_name_plural = _("itinerary items")
        ordering = ["date", "start_time"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__isnull=True)
                | Q(start_time__isnull=True)
                | Q(end_time__gte=F("start_time")),
                name="itinerary_ends_after_it_starts",
                violation_error_message="An itinerary item cannot end before it starts.",
            ),
        ]

    def __str__(self):
        return f"{self.date} {self.activity}"


class Gift(models.Model):
    """A gift given or received during a visit: the ethics register."""

    delegation = models.ForeignKey(Delegation, on_delete=models.CASCADE, related_name="gifts")
    direction = models.CharField(
        max_length=10, choices=GiftDirection.choices, verbose_name=_("direction")
    )
    description = models.CharField(max_length=300, verbose_name=_("description"))
    value_usd = models.DecimalField(
        _("value (USD)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    giver = models.CharField(max_length=200, verbose_name=_("giver"))
    recipient = models.CharField(max_length=200, verbose_name=_("recipient"))
    disposition = models.CharField(
        max_length=200,
        blank=True,
        help_text=_("Where the gift is kept or how it was handled."),
        verbose_name=_("disposition"),
    )

    objects = DelegationPartQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("gift")
        verbose_name_plural = _("gifts")
        ordering = ["delegation", "direction"]
        constraints = [
            models.CheckConstraint(
                condition=Q(value_usd__isnull=True) | Q(value_usd__gte=0),
                name="gift_value_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(direction__in=GiftDirection.values), name="gift_direction_valid"
            ),
        ]

    def __str__(self):
        return self.description
