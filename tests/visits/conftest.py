import datetime

import pytest
from django.utils import timezone

from engagements.models import Topic
from tests.factories import EngagementFactory, PartnerFactory


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Each test starts with no submissions counted against its address."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def fast_intake(settings):
    """People in tests fill the form in no time: no minimum fill time."""
    settings.VISIT_REQUEST_MIN_FILL_SECONDS = 0
    return settings


@pytest.fixture
def consulate(los_angeles):
    return PartnerFactory(
        city=los_angeles,
        name="Consulate General of Mexico",
        country="MX",
        kind="diplomatic_mission",
    )


@pytest.fixture
def last_years_visit(los_angeles, consulate):
    """An engagement with the consulate on trade last year: a new trade visit is a duplicate."""
    engagement = EngagementFactory(
        city=los_angeles,
        kind="inbound_delegation",
        title="Consul general courtesy call on trade",
        start_date=timezone.localdate() - datetime.timedelta(days=300),
        partners=[consulate],
    )
    engagement.topics.set([Topic.objects.get(code="trade")])
    return engagement


def request_data(**changes):
    """A complete public visit request, as the form posts it."""
    from visits.forms import started_token

    start = timezone.localdate() + datetime.timedelta(days=40)
    data = {
        "organisation": "Consulate General of Mexico",
        "country": "MX",
        "requester_kind": "consulate",
        "contact_name": "Ana Pérez",
        "contact_email": "ana.perez@example.mx",
        "visitors": "Carlos Gómez, Consul General\nLucía Torres, Trade attaché",
        "purpose": "Courtesy call on the mayor about port trade.",
        "topics": [str(Topic.objects.get(code="trade").pk)],
        "preferred_start": start.isoformat(),
        "preferred_end": (start + datetime.timedelta(days=1)).isoformat(),
        "host_level": "mayor",
        "interpretation_needed": "on",
        "interpretation_language": "Spanish",
        "press_expected": "on",
        "website": "",
        "started": started_token(),
    }
    data.update(changes)
    return data


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what services queue for after commit (the emails), as a real request would."""

    def run(action, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args, **kwargs)

    return run
