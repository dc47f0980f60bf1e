"""How every service writes one record: validated, attributed, then saved.

The services of both apps end here, so a record saved from a page, the API,
an import, the admin or the demo data is checked by the same model rules
(fields, check and unique constraints) and its history names who did it.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models


def _loaded_relations(instance: models.Model) -> list[str]:
    """Foreign keys whose object the caller handed over already loaded.

    ``full_clean`` looks each foreign key up again to prove it exists; an
    object the caller holds came from the database, so that query is skipped
    (an import of thousands of rows would pay it on every row).
    """
    return [
        field.name
        for field in instance._meta.concrete_fields
        if field.is_relation
        and field.is_cached(instance)
        and getattr(field.get_cached_value(instance), "pk", None) is not None
    ]


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
    for name, value in fields.items():
        setattr(instance, name, value)
    loaded = _loaded_relations(instance)
    instance.full_clean(exclude=loaded, validate_unique=False, validate_constraints=False)
    # Uniqueness and constraints are checked with every field, loaded ones included.
    instance.validate_unique()
    instance.validate_constraints()
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
