"""Computing a city's report figures: every engagement figure an SQL aggregate.

A report is computed first and then written in one short transaction, so a
job killed half-way leaves the previous report in place, and running a job
twice writes the same figures.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Callable
from decimal import Decimal

from django.db import transaction
from django.db.models import Case, CharField, Count, F, Q, Sum, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from cities.choices import ProgressStatus
from cities.models import Commitment, ParticipatingCity, Partner, SisterCityTie
from engagements.choices import (
    INBOUND_VISIT_KINDS,
    OUTBOUND_VISIT_KINDS,
    Direction,
    EngagementKind,
    EngagementStatus,
    FollowUpStatus,
    ReportJobState,
)
from engagements.models import CityReport, Engagement, FollowUp, ReportJob
from engagements.models.follow_ups import overdue_condition
from engagements.periods import period_end, period_start, periods_between, periods_containing
from engagements.selectors import tie_has_recent_engagement

ON_TRACK = {ProgressStatus.TARGET_ACHIEVED, ProgressStatus.SUBSTANTIAL}
OFF_TRACK = {ProgressStatus.MODERATE, ProgressStatus.LIMITED, ProgressStatus.DETERIORATION}
# Figures that add up across months when a longer period is read from monthly reports.
SUMMED_FIGURES = (
    "engagements",
    "cancelled",
    "inbound_delegations",
    "outbound_delegations",
    "jobs_announced",
    "agreements_signed",
    "follow_ups_open",
    "follow_ups_overdue",
)
BREAKDOWNS = ("by_kind", "by_status", "by_country", "by_partner_kind", "by_topic", "by_sdg_goal")
# Figures about the city rather than the period: as of the latest report combined.
STANDING_FIGURES = (
    "ties_active",
    "ties_dormant",
    "sister_cities",
    "commitments_on_track",
    "commitments_off_track",
    "as_of",
)


# --- Computing ---------------------------------------------------------------


def _grouped(queryset, field_name) -> dict[str, int]:
    """{value: number of distinct engagements}, grouped by the database."""
    rows = queryset.order_by().values(field_name).annotate(n=Count("pk", distinct=True))
    return {str(row[field_name]): row["n"] for row in rows if row[field_name] is not None}


def _direction():
    """Which way a visit went: its delegation's direction, else its kind's."""
    return Coalesce(
        F("delegation__direction"),
        Case(
            When(kind__in=INBOUND_VISIT_KINDS, then=Value(Direction.INBOUND)),
            When(kind__in=OUTBOUND_VISIT_KINDS, then=Value(Direction.OUTBOUND)),
            default=Value(""),
            output_field=CharField(),
        ),
        output_field=CharField(),
    )


def _tie_figures(city, as_of: datetime.date) -> dict:
    """Live ties on ``as_of``, each active or dormant by recent engagements in the tied city."""
    recent = tie_has_recent_engagement(as_of)
    ties = (
        SisterCityTie.objects.for_city(city)
        .filter(Q(established_on__isnull=True) | Q(established_on__lte=as_of))
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=as_of))
    )
    counts = ties.order_by().aggregate(
        active=Count("pk", filter=recent), dormant=Count("pk", filter=~recent)
    )
    markers = (
        ties.annotate(active=recent)
        .order_by("partner_city__name")
        .values(
            "partner_city__name",
            "partner_city__country",
            "partner_city__latitude",
            "partner_city__longitude",
            "kind",
            "active",
        )
    )
    return {
        "ties_active": counts["active"],
        "ties_dormant": counts["dormant"],
        "sister_cities": [
            {
                "name": tie["partner_city__name"],
                "country": str(tie["partner_city__country"]),
                "latitude": _float(tie["partner_city__latitude"]),
                "longitude": _float(tie["partner_city__longitude"]),
                "kind": tie["kind"],
                "active": tie["active"],
            }
            for tie in markers
        ],
    }


def _float(value):
    return None if value is None else float(value)


def _commitment_figures(city) -> dict:
    # The Open SDG progress scale is a per-commitment calculation over a few
    # dozen rows fetched in one query; engagements are never counted this way.
    statuses = Counter(
        commitment.progress_status
        for commitment in Commitment.objects.for_city(city).with_latest_progress()
    )
    return {
        "commitments_on_track": sum(statuses[status] for status in ON_TRACK),
        "commitments_off_track": sum(statuses[status] for status in OFF_TRACK),
    }


def report_figures(
    *,
    city: ParticipatingCity,
    start: datetime.date,
    end: datetime.date,
    today: datetime.date | None = None,
) -> dict:
    """The figures of one city's engagements that start within [start, end].

    Counts are of engagements that were not cancelled, except ``by_status``
    and the follow-ups, which cover all of them. Follow-ups are the open ones
    of the period's engagements, overdue when due before ``today``. Ties and
    commitments describe the city on the period's last day (or today).
    """
    today = today or timezone.localdate()
    as_of = min(today, end)
    engagements = Engagement.objects.for_city(city).filter(start_date__range=(start, end))
    live = engagements.live()
    totals = (
        live.order_by()
        .annotate(visit_direction=_direction())
        .aggregate(
            engagements=Count("pk"),
            investment_usd=Sum("investment_usd"),
            jobs_announced=Sum("jobs_announced"),
            agreements_signed=Count(
                "pk", filter=Q(kind=EngagementKind.AGREEMENT, status=EngagementStatus.COMPLETED)
            ),
            inbound_delegations=Count("pk", filter=Q(visit_direction=Direction.INBOUND)),
            outbound_delegations=Count("pk", filter=Q(visit_direction=Direction.OUTBOUND)),
        )
    )
    partners = live.order_by().aggregate(
        partner_countries=Count("partners__country", distinct=True),
        partners=Count("partners", distinct=True),
    )
    partner_ids = sorted(
        Partner.objects.filter(engagements__in=live.values("pk"))
        .values_list("pk", flat=True)
        .distinct()
    )
    follow_ups = (
        FollowUp.objects.for_city(city)
        .filter(engagement__start_date__range=(start, end), status=FollowUpStatus.OPEN)
        .order_by()
        .aggregate(open=Count("pk"), overdue=Count("pk", filter=overdue_condition(today)))
    )
    by_status = _grouped(engagements, "status")
    return {
        "engagements": totals["engagements"],
        "cancelled": by_status.get(EngagementStatus.CANCELLED, 0),
        "by_kind": _grouped(live, "kind"),
        "by_status": by_status,
        "by_country": _grouped(live, "partners__country"),
        "by_partner_kind": _grouped(live, "partners__kind"),
        "by_topic": _grouped(live, "topics__code"),
        "by_sdg_goal": _grouped(live, "sdg_targets__goal_id"),
        "inbound_delegations": totals["inbound_delegations"],
        "outbound_delegations": totals["outbound_delegations"],
        "partner_countries": partners["partner_countries"],
        "partners": partners["partners"],
        "partner_ids": partner_ids,
        "investment_usd": str(totals["investment_usd"] or Decimal("0.00")),
        "jobs_announced": totals["jobs_announced"] or 0,
        "agreements_signed": totals["agreements_signed"],
        "follow_ups_open": follow_ups["open"],
        "follow_ups_overdue": follow_ups["overdue"],
        **_tie_figures(city, as_of),
        **_commitment_figures(city),
        "as_of": as_of.isoformat(),
    }


def report_build(
    *,
    city: ParticipatingCity,
    period_kind: str,
    day: datetime.date,
    today: datetime.date | None = None,
) -> CityReport:
    """Compute and store the report of the period containing ``day``, replacing any older one.

    Figures are computed first and written in one transaction, so a job
    killed half-way leaves the previous report in place.
    """
    start = period_start(period_kind, day)
    end = period_end(period_kind, start)
    figures = report_figures(city=city, start=start, end=end, today=today)
    with transaction.atomic():
        report, _ = CityReport.objects.update_or_create(
            city=city,
            period_kind=period_kind,
            period_start=start,
            defaults={"period_end": end, "figures": figures, "computed_at": timezone.now()},
        )
    return report


def city_report_periods(
    city: ParticipatingCity, today: datetime.date | None = None
) -> list[tuple[str, datetime.date]]:
    """Every period a full rebuild of ``city`` writes.

    Each period holding an engagement, every period of the last two years
    and this one (what the dashboard shows), and any period already stored,
    so a report whose engagements have all moved away is rebuilt to zero.
    """
    today = today or timezone.localdate()
    periods = set(
        periods_between(datetime.date(today.year - 2, 1, 1), today.replace(month=12, day=31))
    )
    for month in Engagement.objects.for_city(city).dates("start_date", "month"):
        periods.update(periods_containing(month))
    periods.update(
        CityReport.objects.for_city(city).values_list("period_kind", "period_start").distinct()
    )
    return sorted(periods, key=lambda period: (period[1], period[0]))


def reports_rebuild_city(
    *,
    city: ParticipatingCity,
    today: datetime.date | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> int:
    """Rebuild every report of ``city``; returns how many were written."""
    periods = city_report_periods(city, today)
    for kind, start in periods:
        report_build(city=city, period_kind=kind, day=start, today=today)
        if on_progress:
            on_progress(1)
    return len(periods)


def report_job_run(*, job: ReportJob) -> ReportJob:
    """Rebuild a job's periods one by one, recording progress after each.

    Running it again rebuilds them again: the same reports, nothing doubled.
    Each step is a sign of life (``updated_at``): a job that shows none for a
    while lost its worker, and the sweeper says so on its page.
    """
    ReportJob.objects.filter(pk=job.pk).update(
        state=ReportJobState.RUNNING, done=0, error="", updated_at=timezone.now()
    )
    try:
        for kind, start in job.periods:
            report_build(city=job.city, period_kind=kind, day=datetime.date.fromisoformat(start))
            ReportJob.objects.filter(pk=job.pk).update(
                done=F("done") + 1, updated_at=timezone.now()
            )
    except Exception as exc:
        ReportJob.objects.filter(pk=job.pk).update(
            state=ReportJobState.FAILED,
            error=str(exc)[:500],
            finished_at=timezone.now(),
            updated_at=timezone.now(),
        )
        raise
    ReportJob.objects.filter(pk=job.pk).update(
        state=ReportJobState.DONE, finished_at=timezone.now(), updated_at=timezone.now()
    )
    job.refresh_from_db()
    return job
