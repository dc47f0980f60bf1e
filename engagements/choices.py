from django.db import models


class EngagementKind(models.TextChoices):
    INBOUND_DELEGATION = "inbound_delegation", "Inbound delegation or official visit"
    OUTBOUND_MISSION = "outbound_mission", "Outbound mission"
    MEETING = "meeting", "Meeting"
    CONFERENCE = "conference", "Conference or summit"
    AGREEMENT = "agreement", "Agreement or MOU signed"
    HOSTED_EVENT = "hosted_event", "Hosted event"
    CONSULAR_TRAINING = "consular_training", "Consular-corps or training event"
    VIRTUAL_MEETING = "virtual_meeting", "Virtual meeting"
    TRADE_MISSION = "trade_mission", "Trade or investment mission"


class EngagementStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    CONFIRMED = "confirmed", "Confirmed"
    COMPLETED = "completed", "Completed"
    CANCELLED = "cancelled", "Cancelled"


class TopicCode(models.TextChoices):
    CLIMATE = "climate", "Climate"
    TRADE = "trade", "Trade and investment"
    TOURISM = "tourism", "Tourism"
    EDUCATION = "education", "Education and students"
    MIGRATION = "migration", "Migration and inclusion"
    PUBLIC_SAFETY = "public_safety", "Public safety"
    HEALTH = "health", "Health"
    CULTURE = "culture", "Culture"
    TECHNOLOGY = "technology", "Technology"
    RESILIENCE = "resilience", "Resilience"
    OTHER = "other", "Other"


class Direction(models.TextChoices):
    INBOUND = "inbound", "Inbound (we host)"
    OUTBOUND = "outbound", "Outbound (we travel)"


# The kinds of engagement that are visits: they get a delegation record
# (members, itinerary, protocol checklist), and travel this way unless their
# delegation says otherwise.
INBOUND_VISIT_KINDS = (EngagementKind.INBOUND_DELEGATION,)
OUTBOUND_VISIT_KINDS = (EngagementKind.OUTBOUND_MISSION, EngagementKind.TRADE_MISSION)
VISIT_KINDS = INBOUND_VISIT_KINDS + OUTBOUND_VISIT_KINDS


def visit_direction(kind: str) -> str:
    """Which way a visit of ``kind`` travels, as first set up."""
    return Direction.INBOUND if kind in INBOUND_VISIT_KINDS else Direction.OUTBOUND


class ProtocolLevel(models.TextChoices):
    HEAD_OF_STATE = "head_of_state", "Head of state or government"
    MINISTER = "minister", "Minister"
    AMBASSADOR = "ambassador", "Ambassador or consul general"
    MAYOR = "mayor", "Mayor or governor"
    SENIOR_OFFICIAL = "senior_official", "Senior official"
    WORKING_LEVEL = "working_level", "Working level"
    NON_GOVERNMENTAL = "non_governmental", "Business or civil society"


class MemberRole(models.TextChoices):
    HEAD = "head", "Head of delegation"
    MEMBER = "member", "Member"
    STAFF = "staff", "Staff / aide"
    INTERPRETER = "interpreter", "Interpreter"
    SECURITY = "security", "Security"
    PRESS = "press", "Press"


class Attendance(models.TextChoices):
    INVITED = "invited", "Invited"
    CONFIRMED = "confirmed", "Confirmed"
    DECLINED = "declined", "Declined"
    ATTENDED = "attended", "Attended"
    NO_SHOW = "no_show", "Did not attend"


class GiftDirection(models.TextChoices):
    GIVEN = "given", "Given by the city"
    RECEIVED = "received", "Received by the city"


class FollowUpStatus(models.TextChoices):
    OPEN = "open", "Open"
    DONE = "done", "Done"
    CANCELLED = "cancelled", "Cancelled"


class PeriodKind(models.TextChoices):
    MONTH = "month", "Month"
    QUARTER = "quarter", "Quarter"
    YEAR = "year", "Year"


class ReportJobState(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


class ImportKind(models.TextChoices):
    ENGAGEMENTS = "engagements", "Engagements"
    PARTNERS = "partners", "Partners"


class ImportStatus(models.TextChoices):
    PREVIEW_QUEUED = "preview_queued", "Waiting to be checked"
    PREVIEWING = "previewing", "Checking every row"
    PREVIEWED = "previewed", "Checked: ready to import"
    INVALID = "invalid", "Checked: some rows cannot be imported"
    IMPORT_QUEUED = "import_queued", "Waiting to be imported"
    IMPORTING = "importing", "Importing"
    DONE = "done", "Imported"
    FAILED = "failed", "Failed: nothing was imported"
