import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeedQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class CalendarFeed(models.Model):
    """A secret calendar URL through which a user subscribes to a city's engagements.

    The token is the only credential of the URL (calendar apps cannot log
    in), so it is long and random, and revoking the feed ends it at once.
    The feed shows what its user may still see: if they lose their place in
    the city, it empties.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feeds"
    )
    city = models.ForeignKey(
        "cities.ParticipatingCity", on_delete=models.CASCADE, related_name="calendar_feeds"
    )
    token = models.CharField(max_length=64, unique=True, default=new_feed_token, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = CalendarFeedQuerySet.as_manager()

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "city"],
                condition=Q(revoked_at__isnull=True),
                name="calendarfeed_one_active_per_user_and_city",
            ),
        ]

    def __str__(self):
        return f"Calendar of {self.city} for {self.user}"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


# The lists a user may save a view of, by their URL name.
SAVED_VIEW_LISTS = (
    "engagement_list",
    "partner_list",
    "tie_list",
    "commitment_list",
    "follow_up_list",
    "gift_register",
    "membership_list",
)


class SavedView(models.Model):
    """A named set of filters of one list that a user opens again ("Japan, last 12 months").

    It keeps the list's query string, so a view saved with a relative period
    ("last 12 months") moves with the calendar; it is the user's own, and
    shows only what they may see when they open it.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_views"
    )
    # The URL name of the list (one of SAVED_VIEW_LISTS, checked by the form).
    list_name = models.CharField(max_length=40)
    name = models.CharField(max_length=80)
    query = models.CharField(max_length=2000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("saved view")
        verbose_name_plural = _("saved views")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "list_name", "name"], name="saved_view_name_unique_per_list"
            )
        ]

    def __str__(self):
        return self.name


class IdempotencyKey(models.Model):
    """An API client's ``Idempotency-Key`` for one create, and the answer it got.

    A client that lost the answer (a timeout, a dropped connection) sends the
    same request with the same key again and gets the first answer back instead
    of a second record. Keys are the user's own and expire after
    ``IDEMPOTENCY_KEY_TTL`` seconds.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="idempotency_keys"
    )
    key = models.CharField(max_length=255)
    # What the key was first used for: method, path and body, hashed.
    fingerprint = models.CharField(max_length=64)
    response_status = models.PositiveSmallIntegerField()
    response_body = models.JSONField()
    created_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="idempotencykey_unique_per_user"),
        ]
        indexes = [models.Index(fields=["created_at"], name="idempotencykey_created_at")]

    def __str__(self):
        return f"Idempotency key {self.key} of {self.user}"


class UserPreference(models.Model):
    """What a user chose for themselves and that follows them from device to device:
    the language of their pages (blank: their city's, else their browser's)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="preference"
    )
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, blank=True
    )

    def __str__(self):
        return f"Preferences of {self.user}"
