"""Writes to a city's planned missions and its sharing setting.

Every door (the pages, the demo data) calls these; each ends in
``cities.records.record_save`` / ``record_delete`` (model rules, history).
"""

from __future__ import annotations

from django.db import transaction

from cities.models import ParticipatingCity
from cities.records import record_delete, record_save
from cities.services import require_same_city
from missions.models import MissionSharing, PlannedMission


@transaction.atomic
def mission_sharing_set(*, city: ParticipatingCity, level: str, editor=None) -> MissionSharing:
    """Choose what the other cities see of ``city``'s plans (off turns sharing off at once)."""
    sharing = MissionSharing.objects.select_for_update().filter(city=city).first()
    if sharing is None:
        sharing = MissionSharing(city=city)
    return record_save(sharing, editor=editor, level=level)


@transaction.atomic
def planned_mission_create(
    *, city: ParticipatingCity, editor=None, topics=None, **fields
) -> PlannedMission:
    """Record a mission ``city`` plans to send, or a delegation it expects."""
    require_same_city([fields.get("partner")], city.pk, field="partner")
    return record_save(PlannedMission(city=city), editor=editor, m2m={"topics": topics}, **fields)


@transaction.atomic
def planned_mission_update(
    *, plan: PlannedMission, editor=None, topics=None, **fields
) -> PlannedMission:
    """Change a plan; ``topics`` replaces its topics when given."""
    require_same_city([fields.get("partner", plan.partner)], plan.city_id, field="partner")
    return record_save(plan, editor=editor, m2m={"topics": topics}, **fields)


@transaction.atomic
def planned_mission_delete(*, plan: PlannedMission, editor=None) -> None:
    """Drop a plan that will not happen (history keeps it)."""
    record_delete(plan, editor=editor)
