from .delegations import Delegation, DelegationMember, Gift, ItineraryItem
from .engagements import Engagement, Topic
from .exports import ExportJob
from .follow_ups import FollowUp
from .reports import CityReport, ReportJob, ReportRefresh

__all__ = [
    "CityReport",
    "Delegation",
    "DelegationMember",
    "Engagement",
    "EngagementImportKey",
    "ExportJob",
    "FollowUp",
    "Gift",
    "ImportJob",
    "ItineraryItem",
    "ReportJob",
    "ReportRefresh",
    "Topic",
]
from .imports import EngagementImportKey, ImportJob
