from .commitments import Commitment, ProgressEntry, progress_status
from .networks import CityNetwork, NetworkMembership
from .partners import Partner, Person
from .places import City, ParticipatingCity, StaffMember
from .sdg import SdgGoal, SdgIndicator, SdgTarget
from .ties import SisterCityTie
from .trash import TrashEntry

__all__ = [
    "City",
    "CityNetwork",
    "Commitment",
    "NetworkMembership",
    "ParticipatingCity",
    "Partner",
    "Person",
    "ProgressEntry",
    "SdgGoal",
    "SdgIndicator",
    "SdgTarget",
    "SisterCityTie",
    "StaffMember",
    "TrashEntry",
    "progress_status",
]
from .access import (  # noqa: F401 - interop: feeds, API retries, saved views
    CalendarFeed,
    IdempotencyKey,
    SavedView,
    UserPreference,
)
