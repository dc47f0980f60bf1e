"""The staff pages of engagements, delegations and follow-ups."""

from engagements.views.bulk import engagement_bulk, follow_up_bulk
from engagements.views.engagements import (
    engagement_create,
    engagement_delete,
    engagement_edit,
    engagement_list,
    engagement_show,
)
from engagements.views.lists import follow_up_done, follow_up_list, gift_register, upcoming
from engagements.views.parts import (
    delegation_edit,
    itinerary_print,
    part_add,
    part_delete,
    part_edit,
    part_section,
)
from engagements.views.relationships import partner_detail, tie_detail, tie_list
from engagements.views.suggestions import sdg_suggestions

__all__ = [
    "delegation_edit",
    "engagement_bulk",
    "engagement_create",
    "engagement_delete",
    "engagement_edit",
    "engagement_list",
    "engagement_show",
    "follow_up_bulk",
    "follow_up_done",
    "follow_up_list",
    "gift_register",
    "itinerary_print",
    "part_add",
    "part_delete",
    "part_edit",
    "part_section",
    "partner_detail",
    "sdg_suggestions",
    "tie_detail",
    "tie_list",
    "upcoming",
]
