"""Writes made by spreadsheet imports: through the same services as every door.

An import saves many engagements in one transaction; the import job
(``jobs``) wraps it in ``report_refresh_batch`` so the reports are refreshed
once for all the periods it touched, not once per row. New engagements are
checked row by row (``engagement_draft``) and saved together
(``engagements_bulk_create``); a row that changes an engagement goes through
``engagement_update``.
"""

from __future__ import annotations

from django.db import transaction

from cities.models import Partner
from cities.records import record_adopt, record_fields, records_bulk_create
from cities.services import partner_create, partner_update
from engagements.models import Engagement, EngagementImportKey
from engagements.services import (
    EngagementDraft,
    engagement_draft,
    engagement_update,
    engagements_bulk_create,
)


def engagement_import_draft(
    *, city, engagement: Engagement, author, partners, topics, sdg_targets
) -> EngagementDraft:
    """An import row's new engagement, checked by the rules of ``engagement_create``
    (``engagement_draft``) and kept for ``engagement_import_create_many``.

    ``engagement`` carries the row's values; it is owned by the importing user.
    Raises the ValidationError the row is marked with.
    """
    # The row's own instance is checked and saved: it carries the row's values
    # already, and a copy of every field into a second one cost a model per row.
    return engagement_draft(
        city=city,
        author=author,
        partners=partners,
        topics=topics,
        sdg_targets=sdg_targets,
        engagement=engagement,
    )


@transaction.atomic
def engagement_import_create_many(*, city, author, drafts: dict[str, EngagementDraft]) -> None:
    """Save the new engagements of an import ({import key: draft}) and remember their keys.

    One bulk write for the lot (``engagements_bulk_create``), partners the
    rows named for the first time included.
    """
    engagements_bulk_create(city=city, author=author, drafts=list(drafts.values()))
    # By ids: a loaded city or engagement would be set through its descriptor per row.
    records_bulk_create(
        [
            EngagementImportKey(city_id=city.pk, key=key, engagement_id=draft.engagement.pk)
            for key, draft in drafts.items()
        ]
    )


@transaction.atomic
def engagement_import_update(
    *, engagement: Engagement, author, partners, topics, sdg_targets
) -> Engagement:
    """Change an engagement an earlier import created, from a row with its import key.

    Partners the row names for the first time (``partner_draft``) are created first.
    """
    for partner in partners:
        if partner.pk is None:
            partner_import_save(partner=partner, author=author)
    return engagement_update(
        engagement=engagement,
        editor=author,
        partners=partners,
        topics=topics,
        sdg_targets=sdg_targets,
    )


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
