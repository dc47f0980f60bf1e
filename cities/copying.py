"""Writing many new rows to PostgreSQL with COPY, for ``records_bulk_create``.

A bulk INSERT of thousands of rows spends most of its time in Python:
Django compiles one placeholder and prepares one value per cell, and the
driver then quotes every value into the statement's text. COPY streams the
rows as they are. The ids are taken from the table's sequence first (one
query), so the caller knows each row's id, as ``bulk_create`` tells it.
"""

from __future__ import annotations

import datetime
import decimal

from django.conf import settings
from django.db import connections, models, router
from django.utils import timezone
from simple_history.models import HistoricalRecords

# Fields whose value of one of PLAIN_TYPES is already what the database
# stores; any other (a country, a JSON document, an enum member) goes through
# the field's own ``get_db_prep_save``.
PLAIN_FIELDS = frozenset(
    {
        "AutoField",
        "BigAutoField",
        "BigIntegerField",
        "BooleanField",
        "CharField",
        "DateField",
        "DateTimeField",
        "DecimalField",
        "ForeignKey",
        "IntegerField",
        "OneToOneField",
        "PositiveBigIntegerField",
        "PositiveIntegerField",
        "PositiveSmallIntegerField",
        "SlugField",
        "SmallIntegerField",
        "TextField",
    }
)
PLAIN_TYPES = frozenset(
    {str, int, bool, type(None), datetime.date, datetime.datetime, decimal.Decimal}
)


def copy_connection(model: type[models.Model]):
    """The connection ``model`` is written to, if it can take COPY; else None."""
    connection = connections[router.db_for_write(model)]
    if connection.vendor != "postgresql" or model._meta.parents:
        return None
    return connection


def _columns(model: type[models.Model]) -> list[models.Field]:
    # A generated column is the database's to compute.
    return [field for field in model._meta.concrete_fields if not field.generated]


def reserve_ids(model: type[models.Model], count: int, connection) -> list[int]:
    """``count`` new primary keys of ``model``, drawn from its table's sequence."""
    if not count:
        return []
    pk = model._meta.pk
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [connection.ops.quote_name(model._meta.db_table), pk.column, count],
        )
        return [row[0] for row in cursor.fetchall()]


def copy_rows(model: type[models.Model], rows: list[dict], connection) -> None:
    """Write ``rows`` ({attname: value}, every column but generated ones) with one COPY."""
    if not rows:
        return
    columns = _columns(model)
    prepare = [
        (field.attname, field, field.get_internal_type() in PLAIN_FIELDS) for field in columns
    ]
    quote = connection.ops.quote_name
    statement = "COPY {} ({}) FROM STDIN".format(
        quote(model._meta.db_table), ", ".join(quote(field.column) for field in columns)
    )
    with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(
                [
                    value
                    if plain and type(value) in PLAIN_TYPES
                    else field.get_db_prep_save(value, connection)
                    for attname, field, plain in prepare
                    for value in (row[attname],)
                ]
            )


def copy_instances(instances: list[models.Model], connection) -> None:
    """Save new ``instances`` of one model: ids drawn, then one COPY; like ``bulk_create``."""
    model = type(instances[0])
    pk = model._meta.pk
    for instance, pk_value in zip(
        instances, reserve_ids(model, len(instances), connection), strict=True
    ):
        setattr(instance, pk.attname, pk_value)
    columns = _columns(model)
    rows = [
        # pre_save: the value a save would write (``auto_now`` stamps included).
        {field.attname: field.pre_save(instance, True) for field in columns}
        for instance in instances
    ]
    copy_rows(model, rows, connection)
    for instance in instances:
        instance._state.adding = False
        instance._state.db = connection.alias


def _history_model(model: type[models.Model]):
    manager = getattr(model._meta, "simple_history_manager_attribute", None)
    if not manager or not getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
        return None
    return getattr(model, manager).model


# The columns of a history entry that are not copies of the record's own.
HISTORY_COLUMNS = frozenset(
    {"history_id", "history_date", "history_change_reason", "history_type", "history_user_id"}
)


def copy_fits(model: type[models.Model], m2m_names) -> bool:
    """Whether ``records_copy`` writes every column of ``model``'s rows, its history's
    and its links' (anything unusual goes through ``bulk_create`` instead)."""
    history = _history_model(model)
    if history is not None:
        known = HISTORY_COLUMNS | {field.attname for field in history.tracked_fields}
        if {field.attname for field in _columns(history)} - known:
            return False
    for name in m2m_names:
        field = model._meta.get_field(name)
        if not field.remote_field.through._meta.auto_created:
            return False
    return True


def records_copy(
    instances: list[models.Model], *, editor, m2m: dict[str, list], connection
) -> None:
    """``records_bulk_create`` by COPY: the records, their "created" history entries,
    their links and the links' history, as simple-history would write them."""
    model = type(instances[0])
    copy_instances(instances, connection)
    history = _history_model(model)
    history_of = {}
    if history is not None:
        now = timezone.now()
        tracked = [field.attname for field in history.tracked_fields]
        entries = []
        for instance, history_id in zip(
            instances, reserve_ids(history, len(instances), connection), strict=True
        ):
            entry = {name: getattr(instance, name) for name in tracked}
            entry.update(
                history_id=history_id,
                history_date=getattr(instance, "_history_date", now),
                history_change_reason=getattr(instance, "_change_reason", None) or "",
                history_type="+",
                history_user_id=getattr(editor, "pk", None),
            )
            entries.append(entry)
            history_of[instance.pk] = history_id
        copy_rows(history, entries, connection)
    for name, related in m2m.items():
        field = model._meta.get_field(name)
        through = field.remote_field.through
        source, target = f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"
        links = [
            {source: instance.pk, target: pk}
            for instance, records in zip(instances, related, strict=True)
            # A record named twice in a cell is linked once, as .set() would.
            for pk in dict.fromkeys(record.pk for record in records)
        ]
        for link, link_id in zip(links, reserve_ids(through, len(links), connection), strict=True):
            link["id"] = link_id
        copy_rows(through, links, connection)
        link_history = HistoricalRecords.m2m_models.get(field) if history_of else None
        if link_history is not None:
            kept = [
                {**link, "history_id": history_of[link[source]], "m2m_history_id": kept_id}
                for link, kept_id in zip(
                    links, reserve_ids(link_history, len(links), connection), strict=True
                )
            ]
            copy_rows(link_history, kept, connection)
