import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from cities.scoping import CityScopedQuerySet
from visits.choices import (
    OPEN_REQUEST_STATUSES,
    HostLevel,
    ReminderKind,
    RequesterKind,
    VisitRequestStatus,
)

# No 0/O or 1/I: a reference is read out on the phone.
REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def new_reference() -> str:
    return "VR-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))


class VisitRequestQuerySet(CityScopedQuerySet):
    def open(self):
        return self.filter(status__in=OPEN_REQUEST_STATUSES)


class VisitRequest(models.Model):
    """A courtesy-visit request sent by a consulate, government or organisation
    through a city's public form, waiting in the city's triage queue.

    Accepting it creates the engagement (with its delegation); its reference
    number is what the requester quotes in every email.
    """

    city = models.ForeignKey(
        "cities.ParticipatingCity", on_delete=models.CASCADE, related_name="visit_requests"
    )
    reference = models.CharField(max_length=16, unique=True, default=new_reference, editable=False)
    status = models.CharField(
        max_length=12, choices=VisitRequestStatus.choices, default=VisitRequestStatus.PENDING
    )
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default="en"
    )
    organisation = models.CharField(_("organisation"), max_length=250)
    country = CountryField(_("country"))
    requester_kind = models.CharField(
        _("kind of organisation"), max_length=30, choices=RequesterKind.choices
    )
    contact_name = models.CharField(_("contact person"), max_length=200)
    contact_email = models.EmailField(_("contact email"))
    visitors = models.TextField(
        _("who is coming"), help_text=_("One person a line: name, title. The head first.")
    )
    purpose = models.TextField(_("purpose of the visit"))
    topics = models.ManyToManyField(
        "engagements.Topic", blank=True, related_name="+", verbose_name=_("topics")
    )
    preferred_start = models.DateField(_("preferred first day"))
    preferred_end = models.DateField(_("preferred last day"), null=True, blank=True)
    host_level = models.CharField(_("level asked for"), max_length=20, choices=HostLevel.choices)
    interpretation_needed = models.BooleanField(_("interpretation needed"), default=False)
    interpretation_language = models.CharField(_("interpretation from"), max_length=100, blank=True)
    press_expected = models.BooleanField(_("press expected"), default=False)
    flagged_engagements = models.ManyToManyField(
        "engagements.Engagement",
        blank=True,
        related_name="+",
        help_text=_("Earlier engagements that made it a duplicate request when it came in."),
    )
    submitted_at = models.DateTimeField(auto_now_add=True)
    staff_message = models.TextField(
        _("message to the requester"),
        blank=True,
        help_text=_("Why it was declined, or what more is needed."),
    )
    duplicate_reason = models.TextField(
        _("why accept a duplicate request"),
        blank=True,
        help_text=_("Kept with the request when an earlier visit on the same topic is flagged."),
    )
    engagement = models.OneToOneField(
        "engagements.Engagement",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="visit_request",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    objects = VisitRequestQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[topics])

    class Meta:
        verbose_name = _("visit request")
        verbose_name_plural = _("visit requests")
        ordering = ["-submitted_at", "-pk"]
        indexes = [models.Index(fields=["city", "status", "-submitted_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=VisitRequestStatus.values),
                name="visitrequest_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(preferred_end__isnull=True)
                | Q(preferred_end__gte=models.F("preferred_start")),
                name="visitrequest_ends_after_it_starts",
                violation_error_message=_("The last day cannot be before the first day."),
            ),
        ]

    def __str__(self):
        return f"{self.reference} {self.organisation}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_REQUEST_STATUSES

    def visitor_lines(self) -> list[tuple[str, str]]:
        """(name, title) of each visitor the requester listed, the head first."""
        people = []
        for line in self.visitors.splitlines():
            name, _sep, title = line.partition(",")
            if name.strip():
                people.append((name.strip()[:200], title.strip()[:200]))
        return people


class BriefingQuerySet(CityScopedQuerySet):
    city_lookup = "engagement__city"


class Briefing(models.Model):
    """What staff write for the mayor's briefing pack of a visit: the talking points."""

    engagement = models.OneToOneField(
        "engagements.Engagement", on_delete=models.CASCADE, related_name="briefing"
    )
    talking_points = models.TextField(_("talking points"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = BriefingQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("briefing")
        verbose_name_plural = _("briefings")

    def __str__(self):
        return f"Briefing: {self.engagement}"


class ReminderPreference(models.Model):
    """Which reminder emails a user receives; every kind is on until they turn it off."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_preference"
    )
    follow_ups = models.BooleanField(ReminderKind.FOLLOW_UPS.label, default=True)
    visit_checklists = models.BooleanField(ReminderKind.VISIT_CHECKLISTS.label, default=True)
    weekly_digest = models.BooleanField(ReminderKind.WEEKLY_DIGEST.label, default=True)

    def __str__(self):
        return f"Reminders of {self.user}"


class ReminderDelivery(models.Model):
    """One reminder email sent to one user for one day: the claim that makes a
    second run of the same day's job send nothing."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=ReminderKind.choices)
    day = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind", "day"], name="reminder_once_a_day"),
        ]

    def __str__(self):
        return f"{self.kind} to {self.user} on {self.day}"
