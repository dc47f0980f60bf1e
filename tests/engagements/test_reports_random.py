"""Every figure of a stored report equals a straightforward recomputation in Python.

Hypothesis builds random engagements (kinds, statuses, dates, partners,
topics, SDG goals, delegations, follow-ups) for two cities; the reports are
built by the SQL aggregation and checked against loops over the same rows.
Runs on SQLite and, in the service-backed run, on PostgreSQL.
"""

import datetime
from collections import Counter
from decimal import Decimal

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cities.choices import PartnerKind, ProgressStatus, TieStatus
from cities.models import Commitment, SdgTarget, SisterCityTie
from engagements.choices import (
    Direction,
    EngagementKind,
    EngagementStatus,
    FollowUpStatus,
    TopicCode,
)
from engagements.models import CityReport, Delegation, Engagement, Topic
from engagements.periods import add_months, month_starts, period_end, periods_containing
from engagements.reporting.compute import refreshed_figures, report_build, report_figures
from engagements.reporting.read import combine_figures
from tests.factories import (
    CityFactory,
    CommitmentFactory,
    EngagementFactory,
    FollowUpFactory,
    PartnerFactory,
    ProgressEntryFactory,
    SisterCityTieFactory,
)

TODAY = datetime.date(2026, 6, 15)
FIRST_DAY = datetime.date(2024, 1, 1)
LAST_DAY = datetime.date(2027, 3, 31)

engagement_specs = st.fixed_dictionaries(
    {
        "in_seattle": st.booleans(),
        "kind": st.sampled_from(EngagementKind.values),
        "status": st.sampled_from(EngagementStatus.values),
        "day": st.dates(min_value=FIRST_DAY, max_value=LAST_DAY),
        "partners": st.lists(st.integers(0, 5), max_size=3, unique=True),
        "topics": st.lists(st.sampled_from(TopicCode.values), max_size=3, unique=True),
        "goals": st.lists(st.integers(1, 17), max_size=3, unique=True),
        "investment": st.none() | st.decimals(0, 5_000_000, places=2),
        "jobs": st.none() | st.integers(0, 900),
        "delegation": st.none() | st.sampled_from(Direction.values),
        "follow_ups": st.lists(
            st.tuples(
                st.sampled_from(FollowUpStatus.values),
                st.none() | st.dates(min_value=FIRST_DAY, max_value=LAST_DAY),
            ),
            max_size=2,
        ),
    }
)
commitment_specs = st.lists(st.integers(20, 130), max_size=4)
tie_specs = st.lists(
    st.tuples(st.integers(0, 2), st.sampled_from([TieStatus.ACTIVE])),
    max_size=3,
    unique_by=lambda spec: spec[0],
)


def recompute(city, start, end, today):
    """The figures, the slow and obvious way: a loop over every engagement."""
    engagements = [
        engagement
        for engagement in Engagement.objects.filter(city=city).prefetch_related(
            "partners", "topics", "sdg_targets", "follow_ups"
        )
        if start <= engagement.start_date <= end
    ]
    live = [e for e in engagements if e.status != EngagementStatus.CANCELLED]
    figures = {
        "engagements": len(live),
        "cancelled": len(engagements) - len(live),
        "by_kind": dict(Counter(e.kind for e in live)),
        "by_status": dict(Counter(e.status for e in engagements)),
        "by_country": Counter(),
        "by_partner_kind": Counter(),
        "by_topic": Counter(),
        "by_sdg_goal": Counter(),
        "inbound_delegations": 0,
        "outbound_delegations": 0,
        "investment_usd": sum((e.investment_usd or Decimal(0) for e in live), Decimal(0)),
        "jobs_announced": sum(e.jobs_announced or 0 for e in live),
        "agreements_signed": sum(
            1
            for e in live
            if e.kind == EngagementKind.AGREEMENT and e.status == EngagementStatus.COMPLETED
        ),
        "follow_ups_open": 0,
        "follow_ups_overdue": 0,
    }
    partners, countries = set(), set()
    for e in live:
        figures["by_country"].update({p.country.code for p in e.partners.all()})
        figures["by_partner_kind"].update({p.kind for p in e.partners.all()})
        figures["by_topic"].update({t.code for t in e.topics.all()})
        figures["by_sdg_goal"].update({str(t.goal_id) for t in e.sdg_targets.all()})
        partners.update(p.pk for p in e.partners.all())
        countries.update(p.country.code for p in e.partners.all())
        delegation = Delegation.objects.filter(engagement=e).first()
        if delegation:
            direction = delegation.direction
        elif e.kind == EngagementKind.INBOUND_DELEGATION:
            direction = Direction.INBOUND
        elif e.kind in (EngagementKind.OUTBOUND_MISSION, EngagementKind.TRADE_MISSION):
            direction = Direction.OUTBOUND
        else:
            direction = None
        if direction == Direction.INBOUND:
            figures["inbound_delegations"] += 1
        elif direction == Direction.OUTBOUND:
            figures["outbound_delegations"] += 1
    for e in engagements:
        for follow_up in e.follow_ups.all():
            if follow_up.status == FollowUpStatus.OPEN:
                figures["follow_ups_open"] += 1
                if follow_up.due_date and follow_up.due_date < today:
                    figures["follow_ups_overdue"] += 1
    for name in ("by_country", "by_partner_kind", "by_topic", "by_sdg_goal"):
        figures[name] = dict(figures[name])
    figures["partners"] = len(partners)
    figures["partner_ids"] = sorted(partners)
    figures["partner_countries"] = len(countries)

    as_of = min(today, end)
    try:
        two_years_before = as_of.replace(year=as_of.year - 2)
    except ValueError:  # 29 February
        two_years_before = as_of.replace(year=as_of.year - 2, day=28)
    active = dormant = 0
    for tie in SisterCityTie.objects.filter(city=city):
        if tie.established_on and tie.established_on > as_of:
            continue
        if tie.ended_on and tie.ended_on <= as_of:
            continue
        recent = any(
            e.status != EngagementStatus.CANCELLED
            and two_years_before <= e.start_date <= as_of
            and any(p.partner_city_id == tie.partner_city_id for p in e.partners.all())
            for e in Engagement.objects.filter(city=city).prefetch_related("partners")
        )
        active += recent
        dormant += not recent
    figures["ties_active"], figures["ties_dormant"] = active, dormant
    statuses = Counter(c.progress_status for c in Commitment.objects.filter(city=city))
    figures["commitments_on_track"] = (
        statuses[ProgressStatus.TARGET_ACHIEVED] + statuses[ProgressStatus.SUBSTANTIAL]
    )
    figures["commitments_off_track"] = (
        statuses[ProgressStatus.MODERATE]
        + statuses[ProgressStatus.LIMITED]
        + statuses[ProgressStatus.DETERIORATION]
    )
    figures["as_of"] = as_of.isoformat()
    return figures


def comparable(figures):
    """Stored figures with money as a number and the map markers reduced to what counts."""
    figures = dict(figures)
    figures.pop("follow_ups_as_of", None)
    figures["investment_usd"] = Decimal(figures["investment_usd"])
    figures["sister_cities_active"] = sorted(
        (m["name"], m["active"]) for m in figures.pop("sister_cities", [])
    )
    return figures


def build_world(los_angeles, seattle, specs, commitments, ties):
    tied_cities = [
        CityFactory(name="Nagoya", country="JP"),
        CityFactory(name="Lyon", country="FR"),
        CityFactory(name="Busan", country="KR"),
    ]
    partners = [
        PartnerFactory(
            city=los_angeles,
            name=f"Partner {index}",
            country=country,
            kind=kind,
            partner_city=tied_cities[index % 3] if index < 4 else None,
        )
        for index, (country, kind) in enumerate(
            [
                ("JP", PartnerKind.CITY_GOVERNMENT),
                ("FR", PartnerKind.BUSINESS),
                ("KR", PartnerKind.ACADEMIC),
                ("JP", PartnerKind.DIPLOMATIC_MISSION),
                ("MX", PartnerKind.BUSINESS),
                ("FR", PartnerKind.NATIONAL_GOVERNMENT),
            ]
        )
    ]
    topics = {topic.code: topic for topic in Topic.objects.all()}
    goal_targets = {target.goal_id: target for target in SdgTarget.objects.order_by("-position")}
    for spec in specs:
        city = seattle if spec["in_seattle"] else los_angeles
        engagement = EngagementFactory(
            city=city,
            kind=spec["kind"],
            status=spec["status"],
            start_date=spec["day"],
            investment_usd=spec["investment"],
            jobs_announced=spec["jobs"],
        )
        engagement.partners.set([partners[i] for i in spec["partners"]])
        engagement.topics.set([topics[code] for code in spec["topics"]])
        engagement.sdg_targets.set([goal_targets[goal] for goal in spec["goals"]])
        if spec["delegation"]:
            Delegation.objects.create(engagement=engagement, direction=spec["delegation"])
        for status, due in spec["follow_ups"]:
            FollowUpFactory(
                engagement=engagement,
                status=status,
                due_date=due,
                completed_at=(
                    datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
                    if status == FollowUpStatus.DONE
                    else None
                ),
            )
    for latest in commitments:
        ProgressEntryFactory(commitment=CommitmentFactory(city=los_angeles), value=latest)
    for index, status in ties:
        SisterCityTieFactory(city=los_angeles, partner_city=tied_cities[index], status=status)


@pytest.mark.django_db
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    specs=st.lists(engagement_specs, max_size=12),
    commitments=commitment_specs,
    ties=tie_specs,
    twelve_months_from=st.dates(min_value=FIRST_DAY, max_value=datetime.date(2026, 4, 1)),
)
def test_every_stored_figure_matches_a_recomputation(
    los_angeles, seattle, specs, commitments, ties, twelve_months_from
):
    with transaction.atomic():
        build_world(los_angeles, seattle, specs, commitments, ties)
        periods = {period for spec in specs for period in periods_containing(spec["day"])}
        periods |= set(periods_containing(TODAY))

        computed = {}
        for kind, start in sorted(periods):
            report = report_build(city=los_angeles, period_kind=kind, day=start, today=TODAY)
            expected = recompute(los_angeles, start, period_end(kind, start), TODAY)
            stored = comparable(report.figures)
            stored.pop("sister_cities_active")
            assert stored == expected, (kind, start)
            computed[kind, start] = expected

        # A refresh job: every period at once, then the longer ones from the stored months.
        longer = [period for period in periods if period[0] != "month"]
        for asked in (periods, longer):
            refreshed = refreshed_figures(city_id=los_angeles.pk, periods=asked, today=TODAY)
            for period, figures in refreshed.items():
                figures = comparable(figures)
                figures.pop("sister_cities_active")
                assert figures == computed[period], ("refresh", period)

        # Twelve monthly reports combined read the same as one count over the year.
        months = month_starts(twelve_months_from, 12)
        monthly = [
            report_build(city=los_angeles, period_kind="month", day=month, today=TODAY).figures
            for month in months
        ]
        direct = report_figures(
            city=los_angeles,
            start=months[0],
            end=add_months(months[-1], 1) - datetime.timedelta(days=1),
            today=TODAY,
        )
        assert comparable(combine_figures(monthly)) == comparable(direct)
        assert CityReport.objects.filter(city=seattle).count() == 0
        transaction.set_rollback(True)
