from .delegations import Delegation, DelegationMember, Gift, ItineraryItem
from .engagements import Engagement, Topic
from .follow_ups import FollowUp
from .reports import CityReport, PeriodKind

__all__ = [
    "CityReport",
    "Delegation",
    "DelegationMember",
    "Engagement",
    "FollowUp",
    "Gift",
    "ItineraryItem",
    "PeriodKind",
    "Topic",
]
from .imports import EngagementImportKey, ImportJob  # noqa: F401 - interop: imports
