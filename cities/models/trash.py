import datetime

from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cities.scoping import CityScopedQuerySet


def trash_retention() -> datetime.timedelta:
    """How long a deleted record waits in its city's trash before it is purged."""
    return datetime.timedelta(days=settings.TRASH_RETENTION_DAYS)


class TrashEntryQuerySet(CityScopedQuerySet):
    def expired(self, now: datetime.datetime):
        """Entries kept for the whole retention period: the daily purge removes them."""
        return self.filter(deleted_at__lte=now - trash_retention())

    def for_list(self):
        """What the trash page shows, without the snapshots themselves."""
        return self.select_related("deleted_by", "city__city").defer("records", "links")


class TrashEntry(models.Model):
    """A deleted engagement, partner, sister-city tie or commitment, whole.

    ``records`` holds every row its deletion removed (the record, its parts,
    its links), serialized as Django fixtures in the order they are put back;
    ``links`` holds the references other records had to them, which the
    deletion emptied (a delegation's head who was one of a deleted partner's
    people). Restoring puts all of them back with their own ids.
    """

    city = models.ForeignKey(
        "cities.ParticipatingCity", on_delete=models.CASCADE, related_name="trash"
    )
    model_label = models.CharField(max_length=100)
    record_id = models.PositiveBigIntegerField()
    title = models.CharField(max_length=300)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    deleted_at = models.DateTimeField(default=timezone.now)
    records = models.JSONField(default=list, blank=True)
    links = models.JSONField(default=list, blank=True)

    objects = TrashEntryQuerySet.as_manager()
    # Who trashed, restored or purged what; the snapshot itself is not copied,
    # so a purge really removes the record's data.
    history = HistoricalRecords(excluded_fields=["records", "links"])

    class Meta:
        verbose_name = _("trashed record")
        verbose_name_plural = _("trash")
        ordering = ["-deleted_at", "-pk"]
        indexes = [models.Index(fields=["city", "-deleted_at"], name="trash_city_deleted")]

    def __str__(self):
        return self.title

    @property
    def kind(self) -> str:
        """What was deleted, in words: "engagement", "partner"…"""
        return apps.get_model(self.model_label)._meta.verbose_name

    @property
    def purge_at(self) -> datetime.datetime:
        return self.deleted_at + trash_retention()

    def days_left(self, now: datetime.datetime | None = None) -> int:
        """Whole days before the daily purge removes it (0 on its last day)."""
        return max((self.purge_at - (now or timezone.now())).days, 0)
