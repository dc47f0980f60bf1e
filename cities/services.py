"""Writes to cities' records: each validated against the model's rules first."""

from django.db import transaction

from cities.models import Partner, Person, ProgressEntry, SisterCityTie, StaffMember


@transaction.atomic
def partner_create(*, city, **fields) -> Partner:
    """Record a foreign counterpart of ``city``."""
    partner = Partner(city=city, **fields)
    partner.full_clean()
    partner.save()
    return partner


@transaction.atomic
def sister_city_tie_create(*, city, partner_city, **fields) -> SisterCityTie:
    """Tie ``city`` to a foreign city; refuses self-ties and a second live tie of a kind."""
    tie = SisterCityTie(city=city, partner_city=partner_city, **fields)
    tie.full_clean()
    tie.save()
    return tie


@transaction.atomic
def progress_entry_add(*, commitment, date, value, note="") -> ProgressEntry:
    """Record a measured value of a commitment's indicator."""
    entry = ProgressEntry(commitment=commitment, date=date, value=value, note=note)
    entry.full_clean()
    entry.save()
    return entry


@transaction.atomic
def staff_member_assign(*, user, city, role) -> StaffMember:
    """Place ``user`` in ``city`` with ``role``, replacing any earlier placement."""
    staff, _ = StaffMember.objects.update_or_create(
        user=user, defaults={"city": city, "role": role}
    )
    return staff


@transaction.atomic
def partner_update(*, partner: Partner, **fields) -> Partner:
    """Change a partner's details or its sensitivity note."""
    for name, value in fields.items():
        setattr(partner, name, value)
    partner.full_clean()
    partner.save()
    return partner


@transaction.atomic
def person_add(*, partner: Partner, **fields) -> Person:
    """Record a contact at a partner organisation."""
    person = Person(partner=partner, **fields)
    person.full_clean()
    person.save()
    return person
