"""How every service writes one record: validated, attributed, then saved.

The services of both apps end here, so a record saved from a page, the API,
an import, the admin or the demo data is checked by the same model rules
(fields, check and unique constraints) and its history names who did it.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from cities.copying import copy_connection, copy_fits, records_copy


def _loaded_relations(instance: models.Model) -> list[str]:
    """Foreign keys whose object the caller handed over already loaded.

    ``full_clean`` looks each foreign key up again to prove it exists; an
    object the caller holds came from the database, so that query is skipped
    (an import of thousands of rows would pay it on every row).
    """
    return [
        field.name
        for field in _relations(type(instance))
        if field.is_cached(instance)
        and getattr(field.get_cached_value(instance), "pk", None) is not None
    ]


# The fields each model's records are looked at for, found once per model: an
# import walks them for every row.
@functools.cache
def _relations(model: type[models.Model]) -> tuple[models.Field, ...]:
    return tuple(field for field in model._meta.concrete_fields if field.is_relation)


@functools.cache
def _with_choices(model: type[models.Model]) -> tuple[models.Field, ...]:
    return tuple(field for field in model._meta.concrete_fields if field.choices)


@functools.cache
def _choice_values(field: models.Field) -> frozenset:
    """The values a field with choices accepts (its labels, which translate, left out)."""
    return frozenset(value for value, _label in field.flatchoices)


def _listed_values(instance: models.Model, *, exclude: list[str]) -> dict:
    """{field: value} of the fields with choices whose value is one of them.

    ``full_clean`` would check each against the whole list of labelled
    choices, built anew every time: 4 ms a row for a country (250 names
    translated). A value found in the field's cached set of values passes
    that check; only the field's validators are left to run. Anything else
    (empty, unknown) goes through ``full_clean`` for its usual message.
    """
    listed = {}
    for field in _with_choices(type(instance)):
        if field.name in exclude:
            continue
        value = getattr(instance, field.attname)
        if value not in field.empty_values and value in _choice_values(field):
            listed[field] = value
    return listed


def record_validate(instance: models.Model, *, unique: bool = True) -> None:
    """Check ``instance`` against every model rule: its fields, then its constraints.

    Check constraints are evaluated in Python where their condition is simple
    (comparisons of the record's own fields), so a record costs no query per
    constraint; the model's constraint stays the one statement of the rule.
    ``unique=False`` leaves uniqueness to the caller: a bulk writer checks it
    for its whole batch at once (the database's constraint backs both).
    """
    loaded = _loaded_relations(instance)
    listed = _listed_values(instance, exclude=loaded)
    instance.full_clean(
        exclude=[*loaded, *(field.name for field in listed)],
        validate_unique=False,
        validate_constraints=False,
    )
    for field, value in listed.items():
        field.run_validators(value)
    # Uniqueness and constraints are checked with every field, loaded ones included.
    if unique:
        instance.validate_unique()
    errors: dict = {}
    for model_class, constraints in instance.get_constraints():
        for constraint in constraints:
            if isinstance(constraint, models.UniqueConstraint) and not unique:
                continue
            try:
                if not _check_in_python(constraint, instance):
                    constraint.validate(model_class, instance)
            except ValidationError as error:
                # As Model.validate_constraints files them.
                fields = getattr(constraint, "fields", ())
                if getattr(error, "code", None) == "unique" and len(fields) == 1:
                    errors.setdefault(fields[0], []).append(error)
                else:
                    errors = error.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)


class _NotInPython(Exception):
    """A condition the Python evaluation does not cover: the database judges it."""


COMPARISONS = {
    "exact": operator.eq,
    "gt": operator.gt,
    "gte": operator.ge,
    "lt": operator.lt,
    "lte": operator.le,
}


def _compile(node, fields):
    """A condition as a function of a record: its truth as SQL sees it, None unknown (NULL).

    Built once per constraint (``_compiled_check``): walking the condition's
    tree for every record of a large import cost more than the rest of its checks.
    """
    if isinstance(node, Q):
        parts = [_compile(child, fields) for child in node.children]
        is_and, negated = node.connector == Q.AND, node.negated

        def holds(instance):
            results = [part(instance) for part in parts]
            if is_and:
                result = False if False in results else (None if None in results else True)
            else:
                result = True if True in results else (None if None in results else False)
            return result if result is None or not negated else not result

        return holds
    if not isinstance(node, tuple):
        raise _NotInPython
    lookup, expected = node
    name, _, op = lookup.partition("__")
    if name not in fields or "__" in op:
        raise _NotInPython
    value_of = operator.attrgetter(name)
    if isinstance(expected, F):
        if expected.name not in fields:
            raise _NotInPython
        expected_of = operator.attrgetter(expected.name)
    elif hasattr(expected, "resolve_expression"):
        raise _NotInPython
    else:
        expected_of = lambda instance, constant=expected: constant  # noqa: E731
    if op == "isnull":
        return lambda instance: (value_of(instance) is None) == bool(expected_of(instance))
    if op == "in":

        def within(instance):
            value = value_of(instance)
            return None if value is None else value in list(expected_of(instance))

        return within
    op = op or "exact"
    if op not in COMPARISONS:
        raise _NotInPython
    compare = COMPARISONS[op]

    def compared(instance):
        value, other = value_of(instance), expected_of(instance)
        if op == "exact" and other is None:
            return value is None
        if value is None or other is None:
            return None
        return compare(value, other)

    return compared


@functools.cache
def _plain_fields(model: type[models.Model]) -> frozenset[str]:
    """The fields a condition may compare in Python: the record's own values, no relations."""
    return frozenset(
        field.name
        for field in model._meta.concrete_fields
        if not field.is_relation and field.name == field.attname
    )


# {(model, constraint's id): its condition compiled, or None if the database must judge it}
_COMPILED: dict[tuple[type, int], object] = {}


def _compiled_check(model: type[models.Model], constraint):
    key = (model, id(constraint))
    if key not in _COMPILED:
        try:
            _COMPILED[key] = _compile(Q(constraint.condition), _plain_fields(model))
        except _NotInPython:
            _COMPILED[key] = None
    return _COMPILED[key]


def _check_in_python(constraint, instance: models.Model) -> bool:
    """Judge a check constraint without a query; False if the database must judge it.

    Raises the constraint's ValidationError when the condition is false; a
    condition that is unknown (a NULL compared) passes, as in the database.
    """
    if not isinstance(constraint, models.CheckConstraint):
        return False
    holds = _compiled_check(type(instance), constraint)
    if holds is None:
        return False
    try:
        result = holds(instance)
    except TypeError:
        return False
    if result is False:
        raise ValidationError(
            constraint.get_violation_error_message(), code=constraint.violation_error_code
        )
    return True


def record_draft(instance: models.Model, *, unique: bool = True, **fields) -> models.Model:
    """``instance`` with ``fields`` set and checked against every model rule, not saved:
    what ``record_save`` writes, and what a bulk writer collects for one batch."""
    for name, value in fields.items():
        setattr(instance, name, value)
    record_validate(instance, unique=unique)
    return instance


def record_save(
    instance: models.Model,
    *,
    editor=None,
    m2m: dict[str, Iterable] | None = None,
    **fields,
) -> models.Model:
    """Set ``fields`` on ``instance``, validate it against every model rule, save it.

    ``m2m`` links ({"sdg_targets": [...]}) are set after the save; a value of
    None leaves that link as it is. ``editor`` is recorded in the history.
    """
    record_draft(instance, **fields)
    instance._history_user = editor
    instance.save()
    for name, values in (m2m or {}).items():
        if values is not None:
            getattr(instance, name).set(values)
    return instance


def record_delete(instance: models.Model, *, editor=None) -> None:
    """Delete ``instance``; simple-history keeps it, attributed to ``editor``, for restoring."""
    instance._history_user = editor
    instance.delete()


def record_adopt(instance: models.Model, saved: models.Model) -> None:
    """Make ``instance`` the row a create service saved from its values.

    For doors that built the instance first and go on using it (the admin's
    log entry and redirect, import-export's row result).
    """
    if saved is instance:
        return
    for field in instance._meta.concrete_fields:
        setattr(instance, field.attname, getattr(saved, field.attname))
    instance._state.adding = False
    instance._state.db = saved._state.db


def record_fields(instance: models.Model, *, exclude: Iterable[str] = ()) -> dict:
    """The editable values an unsaved ``instance`` carries, as a service's keywords.

    For doors that build the instance first (the admin's forms, imports).
    """
    skip = set(exclude)
    return {
        field.name: getattr(instance, field.name)
        for field in instance._meta.concrete_fields
        if field.editable and not field.primary_key and field.name not in skip
    }


def records_bulk_create(
    instances: list[models.Model],
    *,
    editor=None,
    m2m: dict[str, list[Iterable]] | None = None,
    batch_size: int = 1000,
) -> list[models.Model]:
    """Save many new records of one model at once, with their links and their history.

    The bulk writers' ``record_save``: the caller has validated each record
    (``record_validate``). ``m2m`` gives, for each link name, one list of
    related records per instance. Each record gets one "created" history
    entry attributed to ``editor``, holding its links, as a record saved
    with its links would; a few queries per batch, not per record.
    """
    if not instances:
        return instances
    model = type(instances[0])
    for instance in instances:
        instance._history_user = editor
    connection = copy_connection(model)
    if connection is not None and copy_fits(model, m2m or {}):
        # PostgreSQL: COPY, several times faster than INSERTs of the same rows.
        records_copy(instances, editor=editor, m2m=m2m or {}, connection=connection)
        return instances
    model.objects.bulk_create(instances, batch_size=batch_size)
    manager = getattr(model._meta, "simple_history_manager_attribute", None)
    history = (
        getattr(model, manager).bulk_history_create(
            instances, default_user=editor, batch_size=batch_size
        )
        if manager
        else None
    ) or []  # None too when history is switched off (SIMPLE_HISTORY_ENABLED)
    history_of = {instance.pk: entry for instance, entry in zip(instances, history, strict=False)}
    for name, related in (m2m or {}).items():
        field = model._meta.get_field(name)
        through = field.remote_field.through
        source, target = f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"
        links = []
        for instance, records in zip(instances, related, strict=True):
            # A record named twice in a cell is linked once, as .set() would.
            for pk in dict.fromkeys(record.pk for record in records):
                links.append(through(**{source: instance.pk, target: pk}))
        through.objects.bulk_create(links, batch_size=batch_size)
        link_history = HistoricalRecords.m2m_models.get(field) if history_of else None
        if link_history is not None:
            link_history.objects.bulk_create(
                [
                    link_history(
                        id=link.pk,
                        history=history_of[getattr(link, source)],
                        **{source: getattr(link, source), target: getattr(link, target)},
                    )
                    for link in links
                ],
                batch_size=batch_size,
            )
    return instances
