from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cities.scoping import CityScopedQuerySet
from cities.validators import validate_plausible_date
from engagements.choices import FollowUpStatus


def past_due(today) -> Q:
    """Due before ``today``: what makes an open follow-up overdue."""
    return Q(due_date__lt=today)


def overdue_condition(today) -> Q:
    """The one definition of an overdue follow-up: still open, due before ``today``.

    The follow-ups page, the dashboard's figure and list, and the stored
    reports all count with it, so they agree.
    """
    return Q(status=FollowUpStatus.OPEN) & past_due(today)


class FollowUpQuerySet(CityScopedQuerySet):
    # The follow-up's own copy of its engagement's city: a city's open ones by
    # due date are one range of ``followup_open_city_due``, with no join.
    city_lookup = "city"

    def open(self):
        return self.filter(status=FollowUpStatus.OPEN)

    def overdue(self, today):
        return self.filter(overdue_condition(today))

    def unassigned(self):
        return self.filter(owner__isnull=True)

    def standing(self, today) -> dict:
        """How many are open and how many of those overdue, in one query.

        Only open ones are read, so one city's count is an index-only scan of
        its range of ``followup_open_city_due`` whatever the number done.
        """
        # Overdue among the open ones is ``past_due``: a status named in the count
        # itself would be read from each row, not from the index whose condition it is.
        return (
            self.open()
            .order_by()
            .aggregate(open=Count("pk"), overdue=Count("pk", filter=past_due(today)))
        )


class FollowUp(models.Model):
    """An action item that came out of an engagement."""

    engagement = models.ForeignKey(
        "engagements.Engagement", on_delete=models.CASCADE, related_name="follow_ups"
    )
    # Always its engagement's city (set by the services, moved with the
    # engagement): the dashboard reads a city's open follow-ups by due date
    # from one index instead of joining every engagement of the city.
    city = models.ForeignKey(
        "cities.ParticipatingCity",
        on_delete=models.CASCADE,
        related_name="+",
        editable=False,
        verbose_name=_("city"),
    )
    description = models.CharField(max_length=500, verbose_name=_("description"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="follow_ups",
        verbose_name=_("owner"),
    )
    due_date = models.DateField(
        null=True, blank=True, validators=[validate_plausible_date], verbose_name=_("due date")
    )
    status = models.CharField(
        max_length=10,
        choices=FollowUpStatus.choices,
        default=FollowUpStatus.OPEN,
        verbose_name=_("status"),
    )
    completed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = FollowUpQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["due_date", "pk"]
        indexes = [
            models.Index(fields=["owner", "status", "due_date"]),
            # A city's open follow-ups, soonest first: the dashboard's overdue
            # list is a range scan stopped at its limit, its open and overdue
            # counts an index-only scan of the city's open ones.
            models.Index(
                fields=["city", "due_date", "id"],
                condition=Q(status=FollowUpStatus.OPEN),
                name="followup_open_city_due",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=FollowUpStatus.values), name="followup_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(status=FollowUpStatus.DONE, completed_at__isnull=False)
                | (~Q(status=FollowUpStatus.DONE) & Q(completed_at__isnull=True)),
                name="followup_completed_at_iff_done",
            ),
        ]

    def __str__(self):
        return self.description
