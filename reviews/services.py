"""Writes to Voluntary Local Reviews: the review's settings and its goals' narratives.

Figures are never written: the draft reads them from the records each time.
"""

from __future__ import annotations

from django.db import transaction

from cities.records import record_save
from reviews.models import GoalNarrative, LocalReview


@transaction.atomic
def local_review_create(*, city, year: int, editor, priority_goals=None, **fields) -> LocalReview:
    """Start ``city``'s review of ``year`` (all goals unless told otherwise)."""
    return record_save(
        LocalReview(city=city, year=year),
        editor=editor,
        m2m={"priority_goals": priority_goals},
        **fields,
    )


@transaction.atomic
def local_review_update(*, review: LocalReview, editor, priority_goals=None, **fields):
    """Change which goals a review covers, and the year's HLPF priority goals."""
    return record_save(review, editor=editor, m2m={"priority_goals": priority_goals}, **fields)


@transaction.atomic
def goal_narrative_create(*, review: LocalReview, goal, editor, text: str) -> GoalNarrative:
    """Write the narrative of one goal of a review."""
    return record_save(GoalNarrative(review=review, goal=goal), editor=editor, text=text)


@transaction.atomic
def goal_narrative_update(*, narrative: GoalNarrative, editor, text: str) -> GoalNarrative:
    """Rewrite the narrative of one goal; the history keeps the earlier text."""
    return record_save(narrative, editor=editor, text=text)
