"""Writes made by spreadsheet imports: validated like every other write.

An import saves many engagements in one transaction, so it refreshes the
reports once for all the days it touched (``report_refresh_on_commit`` after
the whole file) instead of once per row as ``engagement_create`` does.
"""

from __future__ import annotations

from django.db import transaction

from cities.models import Partner
from engagements.models import Engagement, EngagementImportKey

TRUSTED_FIELDS = ["city", "owner", "created_by", "updated_by"]


@transaction.atomic
def engagement_import_save(
    *, engagement: Engagement, author, key: str, partners, topics, sdg_targets
) -> Engagement:
    """Create or update an engagement from an import row and remember its import key.

    ``engagement`` carries the row's values (and its city); a new one is
    owned by the importing user unless the row names no owner either way.
    """
    is_new = engagement.pk is None
    if is_new:
        engagement.created_by = author
        engagement.owner = engagement.owner or author
    engagement.updated_by = author
    engagement._history_user = author
    # City and users come from the import job, not the file: no need to look
    # each of them up again for every row.
    engagement.full_clean(exclude=TRUSTED_FIELDS)
    engagement.save()
    for name, values in (
        ("partners", partners),
        ("topics", topics),
        ("sdg_targets", sdg_targets),
    ):
        if values or not is_new:
            getattr(engagement, name).set(values)
    if is_new:
        EngagementImportKey.objects.create(
            city_id=engagement.city_id, key=key, engagement=engagement
        )
    return engagement


@transaction.atomic
def partner_import_save(*, partner: Partner, author) -> Partner:
    """Create or update a partner from an import row (matched by name and country)."""
    partner._history_user = author
    partner.full_clean(exclude=["city"])
    partner.save()
    return partner
