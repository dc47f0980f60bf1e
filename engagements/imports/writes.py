"""Writes made by spreadsheet imports: through the same services as every door.

An import saves many engagements in one transaction; the import job
(``jobs``) wraps it in ``report_refresh_batch`` so the reports are refreshed
once for all the periods it touched, not once per row.
"""

from __future__ import annotations

from django.db import transaction

from cities.models import Partner
from cities.records import record_adopt, record_fields
from cities.services import partner_create, partner_update
from engagements.models import Engagement, EngagementImportKey
from engagements.services import engagement_create, engagement_update

# Set by the import job, not read from the file.
JOB_FIELDS = ("city", "created_by", "updated_by")


@transaction.atomic
def engagement_import_save(
    *, engagement: Engagement, author, key: str, partners, topics, sdg_targets
) -> Engagement:
    """Create or update an engagement from an import row and remember its import key.

    ``engagement`` carries the row's values (and its city); a new one is
    owned by the importing user.
    """
    if engagement.pk is not None:
        return engagement_update(
            engagement=engagement,
            editor=author,
            partners=partners,
            topics=topics,
            sdg_targets=sdg_targets,
        )
    saved = engagement_create(
        city=engagement.city,
        author=author,
        partners=partners or None,
        topics=topics or None,
        sdg_targets=sdg_targets or None,
        **record_fields(engagement, exclude=(*JOB_FIELDS, "owner")),
    )
    EngagementImportKey.objects.create(city_id=saved.city_id, key=key, engagement=saved)
    record_adopt(engagement, saved)
    return saved


@transaction.atomic
def partner_import_save(*, partner: Partner, author) -> Partner:
    """Create or update a partner from an import row (matched by name and country)."""
    if partner.pk is not None:
        return partner_update(partner=partner, editor=author)
    saved = partner_create(
        city=partner.city, editor=author, **record_fields(partner, exclude=("city",))
    )
    record_adopt(partner, saved)
    return saved
