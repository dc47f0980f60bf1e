from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class EngagementKind(models.TextChoices):
    INBOUND_DELEGATION = "inbound_delegation", _("Inbound delegation or official visit")
    OUTBOUND_MISSION = "outbound_mission", _("Outbound mission")
    MEETING = "meeting", _("Meeting")
    CONFERENCE = "conference", _("Conference or summit")
    AGREEMENT = "agreement", _("Agreement or MOU signed")
    HOSTED_EVENT = "hosted_event", _("Hosted event")
    CONSULAR_TRAINING = "consular_training", _("Consular-corps or training event")
    VIRTUAL_MEETING = "virtual_meeting", _("Virtual meeting")
    TRADE_MISSION = "trade_mission", _("Trade or investment mission")


class EngagementStatus(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("engagement status", "Planned")
    CONFIRMED = "confirmed", pgettext_lazy("engagement status", "Confirmed")
    COMPLETED = "completed", pgettext_lazy("engagement status", "Completed")
    CANCELLED = "cancelled", pgettext_lazy("engagement status", "Cancelled")


class TopicCode(models.TextChoices):
    CLIMATE = "climate", _("Climate")
    TRADE = "trade", _("Trade and investment")
    TOURISM = "tourism", _("Tourism")
    EDUCATION = "education", _("Education and students")
    MIGRATION = "migration", _("Migration and inclusion")
    PUBLIC_SAFETY = "public_safety", _("Public safety")
    HEALTH = "health", _("Health")
    CULTURE = "culture", _("Culture")
    TECHNOLOGY = "technology", _("Technology")
    RESILIENCE = "resilience", _("Resilience")
    OTHER = "other", _("Other")


class Direction(models.TextChoices):
    INBOUND = "inbound", _("Inbound (we host)")
    OUTBOUND = "outbound", _("Outbound (we travel)")


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
    HEAD_OF_STATE = "head_of_state", _("Head of state or government")
    MINISTER = "minister", _("Minister")
    AMBASSADOR = "ambassador", _("Ambassador or consul general")
    MAYOR = "mayor", _("Mayor or governor")
    SENIOR_OFFICIAL = "senior_official", _("Senior official")
    WORKING_LEVEL = "working_level", _("Working level")
    NON_GOVERNMENTAL = "non_governmental", _("Business or civil society")


class MemberRole(models.TextChoices):
    HEAD = "head", _("Head of delegation")
    MEMBER = "member", pgettext_lazy("role in a delegation", "Member")
    STAFF = "staff", _("Staff / aide")
    INTERPRETER = "interpreter", _("Interpreter")
    SECURITY = "security", pgettext_lazy("role in a delegation", "Security")
    PRESS = "press", pgettext_lazy("role in a delegation", "Press")


class Attendance(models.TextChoices):
    INVITED = "invited", pgettext_lazy("delegation member attendance", "Invited")
    CONFIRMED = "confirmed", pgettext_lazy("delegation member attendance", "Confirmed")
    DECLINED = "declined", pgettext_lazy("delegation member attendance", "Declined")
    ATTENDED = "attended", pgettext_lazy("delegation member attendance", "Attended")
    NO_SHOW = "no_show", _("Did not attend")


class GiftDirection(models.TextChoices):
    GIVEN = "given", _("Given by the city")
    RECEIVED = "received", _("Received by the city")


class FollowUpStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("follow-up status", "Open")
    DONE = "done", pgettext_lazy("follow-up status", "Done")
    CANCELLED = "cancelled", pgettext_lazy("follow-up status", "Cancelled")


class PeriodKind(models.TextChoices):
    MONTH = "month", pgettext_lazy("report period", "Month")
    QUARTER = "quarter", pgettext_lazy("report period", "Quarter")
    YEAR = "year", pgettext_lazy("report period", "Year")


class ReportJobState(models.TextChoices):
    QUEUED = "queued", pgettext_lazy("report refresh job state", "Queued")
    RUNNING = "running", pgettext_lazy("report refresh job state", "Running")
    DONE = "done", pgettext_lazy("report refresh job state", "Done")
    FAILED = "failed", pgettext_lazy("report refresh job state", "Failed")


class ExportJobState(models.TextChoices):
    QUEUED = "queued", pgettext_lazy("export job state", "Queued")
    RUNNING = "running", pgettext_lazy("export job state", "Running")
    DONE = "done", pgettext_lazy("export job state", "Done")
    FAILED = "failed", pgettext_lazy("export job state", "Failed")


class ExportFormat(models.TextChoices):
    CSV = "csv", "CSV"
    XLSX = "xlsx", "XLSX"


class ImportKind(models.TextChoices):
    ENGAGEMENTS = "engagements", pgettext_lazy("what an import holds", "Engagements")
    PARTNERS = "partners", pgettext_lazy("what an import holds", "Partners")


class ImportStatus(models.TextChoices):
    PREVIEW_QUEUED = "preview_queued", _("Waiting to be checked")
    PREVIEWING = "previewing", _("Checking every row")
    PREVIEWED = "previewed", _("Checked: ready to import")
    INVALID = "invalid", _("Checked: some rows cannot be imported")
    IMPORT_QUEUED = "import_queued", _("Waiting to be imported")
    IMPORTING = "importing", _("Importing")
    DONE = "done", _("Imported")
    FAILED = "failed", _("Failed: nothing was imported")
