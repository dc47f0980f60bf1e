"""A city's trash: a deleted record goes there whole, and comes back whole.

``record_trash`` asks Django's deletion collector what deleting a record
removes (the record, every row that cascades from it, the many-to-many links,
the rows of its import keys) and what it empties (a delegation's head who was
one of a deleted partner's people), stores all of it in a ``TrashEntry``, then
deletes the record. ``trash_restore`` puts every row back with its own id and
refills the emptied references, so pages, exports, feeds and reports see the
record exactly as it was; until then it is simply not in any table, so no
query anywhere has to learn to skip it.

The engagements app listens (``trash_listeners``) to refresh the reports a
trashed or restored record counts in; this app cannot import it.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable, Iterable

from django.apps import apps
from django.core import serializers
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, models, router, transaction
from django.db.models.deletion import Collector
from django.db.models.signals import post_save
from django.utils.translation import gettext as _

from cities.models import TrashEntry
from cities.records import record_delete, record_save

# Called as listener(city_id=…, records=[instances]) when records leave for
# the trash (before they are deleted) and when they come back (after).
TrashListener = Callable[..., None]
trash_listeners: list[TrashListener] = []

TRASHED_REASON = "Moved to the trash"
RESTORED_REASON = "Restored from the trash"


def _notify(*, city_id: int, records: list[models.Model]) -> None:
    for listener in trash_listeners:
        listener(city_id=city_id, records=records)


class _ExactEncoder(DjangoJSONEncoder):
    """Django's encoder, but times keep their microseconds (it rounds them to
    milliseconds), so a restored record's timestamps are the ones it had."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


def _serialized(instances: Iterable[models.Model]) -> list[dict]:
    """The rows as fixtures: {"model", "pk", "fields"}, every value as JSON."""
    python = serializers.serialize("python", instances)
    return json.loads(json.dumps(python, cls=_ExactEncoder))


def _emptied_references(collector: Collector) -> list[dict]:
    """The references the deletion sets to null, with the value each one had."""
    emptied = []
    for (field, _value), groups in collector.field_updates.items():
        for objs in groups:
            if isinstance(objs, models.QuerySet):
                rows = list(objs.values_list("pk", field.attname))
            else:
                rows = [(obj.pk, getattr(obj, field.attname)) for obj in objs]
            emptied.extend(
                {"model": field.model._meta.label_lower, "pk": pk, "field": field.name, "value": v}
                for pk, v in rows
            )
    return emptied


def record_trash(instance: models.Model, *, city, title: str, editor=None) -> TrashEntry:
    """Move ``instance`` and everything that belongs to it to ``city``'s trash.

    Call inside the delete service's transaction, in place of ``record_delete``.
    """
    using = router.db_for_write(type(instance))
    # Locked first: a part added meanwhile by another transaction (a follow-up)
    # waits, then fails on its missing parent, instead of being deleted unseen.
    type(instance)._base_manager.using(using).select_for_update().filter(pk=instance.pk).exists()
    collector = Collector(using=using, origin=instance)
    collector.collect([instance])
    collector.sort()
    # Deleted children first, so put back in reverse; the fast-deleted rows
    # (links, import keys) only point at rows restored before them.
    removed = [obj for model, objs in collector.data.items() for obj in objs]
    links = [obj for queryset in collector.fast_deletes for obj in queryset]
    entry = record_save(
        TrashEntry(city=city),
        editor=editor,
        model_label=instance._meta.label_lower,
        record_id=instance.pk,
        title=title[:300],
        deleted_by=editor,
        records=_serialized(reversed(removed)) + _serialized(links),
        links=_emptied_references(collector),
    )
    _notify(city_id=city.pk, records=[*removed, *links])
    instance._history_user = editor
    instance._change_reason = TRASHED_REASON
    # What ``record_delete`` (Model.delete) does, with the collector whose rows
    # were just stored: exactly what is deleted is what can be restored.
    collector.delete()
    return entry


# --- Restoring ---------------------------------------------------------------------


def _target_exists(field: models.ForeignKey, value, restored: set) -> bool:
    model = field.related_model
    if (model._meta.label_lower, value) in restored:
        return True
    lookup = "pk" if field.target_field.primary_key else field.target_field.name
    return model._base_manager.filter(**{lookup: value}).exists()


def _vanished(obj: models.Model, restored: set) -> list[tuple[models.Field, object]]:
    """The references of ``obj`` to rows that are not there (nor restored just now)."""
    return [
        (field, value)
        for field in obj._meta.concrete_fields
        if field.is_relation
        and (value := getattr(obj, field.attname)) is not None
        and not _target_exists(field, value, restored)
    ]


class _OtherTrash:
    """The city's other trashed records, for the links of a restored record that
    point into them: each such link is handed to the entry holding its target,
    so it comes back when that record does (an engagement restored while its
    partner is still in the trash gets the partner back when the partner is)."""

    def __init__(self, entry: TrashEntry):
        self.entry = entry
        self.holders: dict[tuple[str, object], TrashEntry] | None = None
        self.changed: dict[int, TrashEntry] = {}

    def holder(self, field: models.Field, value) -> TrashEntry | None:
        if self.holders is None:
            self.holders = {}
            others = TrashEntry.objects.filter(city_id=self.entry.city_id).exclude(pk=self.entry.pk)
            for other in others.select_for_update():
                for record in other.records:
                    self.holders[(record["model"], record["pk"])] = other
        return self.holders.get((field.related_model._meta.label_lower, value))

    def hand_over_row(self, record: dict, missing) -> bool:
        """Give a row that cannot come back yet to the entry holding what it needs."""
        holders = {self.holder(field, value) for field, value in missing}
        if len(holders) != 1 or None in holders:
            return False  # what it points at is gone for good
        (holder,) = holders
        holder.records.append(record)
        self.changed[holder.pk] = holder
        return True

    def hand_over_reference(self, obj: models.Model, field: models.Field, value) -> None:
        if (holder := self.holder(field, value)) is not None:
            holder.links.append(
                {"model": obj._meta.label_lower, "pk": obj.pk, "field": field.name, "value": value}
            )
            self.changed[holder.pk] = holder

    def save(self) -> None:
        for holder in self.changed.values():
            TrashEntry.objects.filter(pk=holder.pk).update(
                records=holder.records, links=holder.links
            )


def _refill(reference: dict) -> None:
    model = apps.get_model(reference["model"])
    field = model._meta.get_field(reference["field"])
    if not _target_exists(field, reference["value"], set()):
        return
    # Only if nobody chose another value since the deletion emptied it.
    model._base_manager.filter(pk=reference["pk"], **{f"{field.attname}__isnull": True}).update(
        **{field.attname: reference["value"]}
    )


@transaction.atomic
def trash_restore(entry: TrashEntry, *, editor=None) -> list[models.Model]:
    """Put a trashed record back whole, with its own ids; returns the rows restored.

    A record whose place was taken meanwhile (a new live tie of the same kind,
    an import key used by a newer engagement) is refused with a ValidationError
    naming the clash. A link to a record trashed since (a partner) waits in
    that record's entry and comes back with it; a link to a record purged
    since is left out; a link made again meanwhile is kept once.
    """
    # Two editors pressing Restore at once: the second waits, then finds it gone.
    if not TrashEntry.objects.select_for_update().filter(pk=entry.pk).exists():
        raise ValidationError(_("“%(title)s” was restored already.") % {"title": entry.title})
    restored: list[models.Model] = []
    seen: set = set()
    other_trash = _OtherTrash(entry)
    for record in entry.records:
        # A column dropped by a migration since the deletion is ignored; one
        # added since takes its default.
        obj = next(serializers.deserialize("python", [record], ignorenonexistent=True)).object
        missing = _vanished(obj, seen)
        if any(not field.null for field, _value in missing):
            # It cannot exist without what it points at (a link to a partner
            # trashed since): it waits with that record, or is gone with it.
            other_trash.hand_over_row(record, missing)
            continue
        for field, value in missing:  # an optional reference: left empty for now
            setattr(obj, field.attname, None)
            other_trash.hand_over_reference(obj, field, value)
        try:
            obj.validate_unique()
            obj.validate_constraints()
        except ValidationError as error:
            if obj._meta.auto_created:
                continue  # that link was made again since: keep the one there is
            raise ValidationError(
                _("“%(title)s” cannot be restored: %(reason)s")
                % {"title": entry.title, "reason": " ".join(error.messages)}
            ) from error
        try:
            with transaction.atomic():
                # raw: every field as it was stored (created_at, updated_at too).
                obj.save_base(raw=True, force_insert=True)
        except IntegrityError as error:
            raise ValidationError(
                _("“%(title)s” cannot be restored: it clashes with a record saved since.")
                % {"title": entry.title}
            ) from error
        seen.add((obj._meta.label_lower, obj.pk))
        restored.append(obj)
    for reference in entry.links:
        _refill(reference)
    other_trash.save()
    _record_restored(restored, editor)
    _notify(city_id=entry.city_id, records=restored)
    entry._change_reason = RESTORED_REASON
    record_delete(entry, editor=editor)
    return restored


def _record_restored(restored: list[models.Model], editor) -> None:
    """Write each restored record's history ("created", by ``editor``), now that
    its links are back too (an engagement's history keeps its partners)."""
    for obj in restored:
        if not hasattr(obj._meta, "simple_history_manager_attribute"):
            continue
        obj._history_user = editor
        obj._change_reason = RESTORED_REASON
        # The raw save above told simple-history nothing; this is the save signal
        # an ordinary create sends.
        post_save.send(sender=type(obj), instance=obj, created=True, raw=False, using=obj._state.db)


def trash_purge(entry: TrashEntry, *, editor=None) -> None:
    """Remove a trashed record for good; its history keeps who purged it and when."""
    entry._change_reason = "Purged"
    record_delete(entry, editor=editor)
