"""Demo visit requests for Los Angeles, written through the visits services: the
Nagoya mayor's visit (requested, accepted, programmed and briefed) and a few
requests still waiting in the triage queue."""

from __future__ import annotations

import datetime

from cities.models import SdgTarget
from engagements.choices import EngagementStatus, GiftDirection, ProtocolLevel
from engagements.models import Delegation, Topic
from engagements.services import (
    delegation_update,
    engagement_update,
    follow_up_create,
    gift_create,
    itinerary_item_create,
)
from visits.models import VisitRequest
from visits.services import (
    briefing_update,
    visit_request_accept,
    visit_request_ask_more,
    visit_request_submit,
)

NAGOYA_REQUEST = {
    "organisation": "City of Nagoya",
    "country": "JP",
    "requester_kind": "foreign_city",
    "contact_name": "Yuki Tanaka",
    "contact_email": "international@nagoya.example.jp",
    "visitors": (
        "Takashi Hirose, Mayor of Nagoya\n"
        "Aya Mori, Director-General for International Affairs\n"
        "Kenji Ito, Executive Director, Nagoya Port Authority\n"
        "Emi Sato, Youth exchange coordinator"
    ),
    "purpose": (
        "Courtesy call on the Mayor of Los Angeles to renew the 1959 sister-city "
        "partnership: a green-shipping corridor between the two ports and the next "
        "round of the high-school exchange."
    ),
    "host_level": "mayor",
    "interpretation_needed": True,
    "interpretation_language": "Japanese",
    "press_expected": True,
    "language": "en",
}
NAGOYA_TOPICS = ("trade", "climate", "education")
NAGOYA_TARGETS = ("13.2", "9.1", "14.1")
NAGOYA_PROGRAMME = (
    (0, (9, 30), (10, 30), "City Hall, Tom Bradley Tower", "Courtesy call on the Mayor"),
    (0, (11, 0), (12, 30), "Port of Los Angeles", "Green-shipping corridor briefing and port tour"),
    (0, (18, 30), (20, 30), "Getty House", "Sister-city dinner hosted by the Mayor"),
    (1, (10, 0), (11, 30), "Los Angeles Unified School District", "Youth exchange planning"),
    (1, (14, 0), (15, 0), "City Hall", "Joint press availability"),
)
NAGOYA_TALKING_POINTS = (
    "Welcome Mayor Hirose on his first visit since taking office.\n"
    "Thank Nagoya for hosting the 2025 youth delegation; propose doubling places in 2027.\n"
    "Green-shipping corridor: invite Nagoya Port to sign the joint emissions roadmap at "
    "the C40 ports forum.\n"
    "The 70th anniversary of the tie comes in 2029: propose a joint planning committee."
)
PENDING_REQUESTS = (
    {
        "organisation": "Consulate General of the Republic of Korea in Los Angeles",
        "country": "KR",
        "requester_kind": "consulate",
        "contact_name": "Min-jun Lee",
        "contact_email": "protocol@korea-la.example.kr",
        "visitors": "Seo Jae-won, Consul General\nPark Ji-hoon, Consul for trade",
        "purpose": "Introductory call of the new consul general; semiconductor supply chains.",
        "host_level": "deputy_mayor",
        "topics": ("trade", "technology"),
        "days": 30,
    },
    {
        "organisation": "Government of Mexico City",
        "country": "MX",
        "requester_kind": "foreign_city",
        "contact_name": "Lucía Hernández",
        "contact_email": "asuntos.internacionales@cdmx.example.mx",
        "visitors": "Clara Ruiz, Secretary of Inclusion\nDiego Flores, Adviser",
        "purpose": "Exchange on services for newly arrived migrants ahead of the World Cup.",
        "host_level": "staff",
        "topics": ("migration", "culture"),
        "days": 52,
        "language": "es",
        "interpretation_needed": True,
        "interpretation_language": "Spanish",
    },
    {
        "organisation": "University of Melbourne",
        "country": "AU",
        "requester_kind": "academic",
        "contact_name": "Oliver Grant",
        "contact_email": "global@unimelb.example.au",
        "visitors": "Prof. Hannah Wu, Deputy Vice-Chancellor (International)",
        "purpose": "Study tour on urban heat resilience with the Climate Emergency office.",
        "host_level": "staff",
        "topics": ("resilience", "education"),
        "days": 75,
        "ask_more": "Which days in that week suit the delegation, and how many students come?",
    },
)


def seed_visit_requests(participating, editor, *, today: datetime.date) -> dict[str, int]:
    """The demo visits of ``participating``, once (skipped when it has visit requests)."""
    if VisitRequest.objects.filter(city=participating).exists():
        return {}
    topics = {topic.code: topic for topic in Topic.objects.all()}
    start = today + datetime.timedelta(days=18)
    nagoya = visit_request_submit(
        city=participating,
        topics=[topics[code] for code in NAGOYA_TOPICS],
        preferred_start=start,
        preferred_end=start + datetime.timedelta(days=1),
        **NAGOYA_REQUEST,
    )
    reason = (
        "Sister city since 1959: a visit by the new mayor is expected every term."
        if nagoya.flagged_engagements.exists()
        else ""
    )
    engagement = visit_request_accept(visit_request=nagoya, editor=editor, duplicate_reason=reason)
    engagement_update(
        engagement=engagement,
        editor=editor,
        sdg_targets=list(SdgTarget.objects.filter(code__in=NAGOYA_TARGETS)),
        title="Visit of the Mayor of Nagoya",
        location="Los Angeles City Hall and Port of Los Angeles",
        status=EngagementStatus.CONFIRMED,
    )
    delegation = Delegation.objects.get(engagement=engagement)
    delegation_update(
        delegation=delegation,
        editor=editor,
        protocol_level=ProtocolLevel.MAYOR,
        interpreter_notes="Japanese–English consecutive; two interpreters from the consulate.",
        press_notes="Joint press availability on day two; pool photographer at the port.",
        security_needed=True,
        security_notes="LAPD dignitary protection for the mayor's motorcade.",
    )
    for offset, begins, ends, place, activity in NAGOYA_PROGRAMME:
        itinerary_item_create(
            delegation=delegation,
            editor=editor,
            date=start + datetime.timedelta(days=offset),
            start_time=datetime.time(*begins),
            end_time=datetime.time(*ends),
            place=place,
            activity=activity,
            responsible="Protocol office",
        )
    gift_create(
        delegation=delegation,
        editor=editor,
        direction=GiftDirection.GIVEN,
        description="Framed photograph of the 1959 sister-city signing",
        giver="Mayor of Los Angeles",
        recipient="Mayor of Nagoya",
        disposition="Bought from the protocol budget.",
    )
    follow_up_create(
        engagement=engagement,
        editor=editor,
        owner=editor,
        description="Send the draft green-shipping corridor roadmap to Nagoya Port",
        due_date=start + datetime.timedelta(days=14),
    )
    briefing_update(engagement=engagement, editor=editor, talking_points=NAGOYA_TALKING_POINTS)

    for spec in PENDING_REQUESTS:
        spec = dict(spec)
        days, codes, ask_more = spec.pop("days"), spec.pop("topics"), spec.pop("ask_more", "")
        preferred = today + datetime.timedelta(days=days)
        visit_request = visit_request_submit(
            city=participating,
            topics=[topics[code] for code in codes],
            preferred_start=preferred,
            preferred_end=preferred,
            **{"interpretation_needed": False, "press_expected": False, **spec},
        )
        if ask_more:
            visit_request_ask_more(visit_request=visit_request, editor=editor, message=ask_more)
    return {"visit requests": 1 + len(PENDING_REQUESTS)}
