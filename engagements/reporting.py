"""The stored per-city reports the dashboards read: building, refreshing, reading.

Every engagement figure is an aggregate computed by the database (GROUP BY),
never a loop over engagements in Python. A report is computed first and then
written in one short transaction, so a job killed half-way leaves the
previous report in place, and running a job twice writes the same figures.
"""

from __future__ import annotations

import datetime
import logging
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from cities.choices import ProgressStatus
from cities.models import Commitment, ParticipatingCity, Partner, SisterCityTie
from engagements.choices import Direction, EngagementKind, EngagementStatus, FollowUpStatus
from engagements.models import CityReport, Engagement, FollowUp
from engagements.models.reports import ReportJob, ReportJobState, ReportRefresh
from engagements.periods import (
    DashboardPeriod,
    add_months,
    month_starts,
    period_end,
    period_start,
    periods_between,
    periods_containing,
    years_before,
)

logger = logging.getLogger(__name__)

# A tie with no engagement with a partner based in the tied city for this long is dormant.
DORMANT_AFTER_YEARS = 2
# Kinds of engagement that are visits, and the way they go unless a delegation says otherwise.
INBOUND_KINDS = [EngagementKind.INBOUND_DELEGATION]
OUTBOUND_KINDS = [EngagementKind.OUTBOUND_MISSION, EngagementKind.TRADE_MISSION]
ON_TRACK = {ProgressStatus.TARGET_ACHIEVED, ProgressStatus.SUBSTANTIAL}
OFF_TRACK = {ProgressStatus.MODERATE, ProgressStatus.LIMITED, ProgressStatus.DETERIORATION}
# A queued refresh that no job has started for this long is assumed lost and queued again.
REFRESH_STALE_AFTER = datetime.timedelta(minutes=10)
# Refreshes wait this long on a real broker, so the edits of one sitting share a job.
REFRESH_COUNTDOWN_SECONDS = 2

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
            When(kind__in=INBOUND_KINDS, then=Value(Direction.INBOUND)),
            When(kind__in=OUTBOUND_KINDS, then=Value(Direction.OUTBOUND)),
            default=Value(""),
            output_field=CharField(),
        ),
        output_field=CharField(),
    )


def _tie_figures(city, as_of: datetime.date) -> dict:
    """Live ties on ``as_of``, each active or dormant by recent engagements in the tied city."""
    recent = Engagement.objects.live().filter(
        city=OuterRef("city"),
        partners__partner_city=OuterRef("partner_city"),
        start_date__gt=years_before(as_of, DORMANT_AFTER_YEARS),
        start_date__lte=as_of,
    )
    ties = (
        SisterCityTie.objects.for_city(city)
        .filter(Q(established_on__isnull=True) | Q(established_on__lte=as_of))
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=as_of))
    )
    counts = ties.order_by().aggregate(
        active=Count("pk", filter=Exists(recent)), dormant=Count("pk", filter=~Exists(recent))
    )
    markers = (
        ties.annotate(active=Exists(recent))
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
        .aggregate(open=Count("pk"), overdue=Count("pk", filter=Q(due_date__lt=today)))
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


# --- Refreshing after edits --------------------------------------------------


def report_refresh_claim(*, city_id: int, period_kind: str, start: datetime.date) -> None:
    """Mark a queued refresh as started: edits from now on queue a new one."""
    ReportRefresh.objects.filter(
        city_id=city_id, period_kind=period_kind, period_start=start
    ).delete()


def report_refresh_enqueue(*, city_id: int, periods: Iterable[tuple[str, datetime.date]]) -> int:
    """Queue a rebuild of each period unless one is already waiting; returns how many queued.

    Call after commit. The pending row per (city, period) is what collapses
    a burst of saves into one job; a row left by a lost job is re-queued
    once it is stale.
    """
    from engagements.tasks import build_city_report

    queued = 0
    for kind, start in sorted(set(periods)):
        now = timezone.now()
        pending, created = ReportRefresh.objects.get_or_create(
            city_id=city_id, period_kind=kind, period_start=start, defaults={"requested_at": now}
        )
        if not created:
            claimed = ReportRefresh.objects.filter(
                pk=pending.pk, requested_at__lt=now - REFRESH_STALE_AFTER
            ).update(requested_at=now)
            if not claimed:
                continue
        build_city_report.apply_async(
            (city_id, kind, start.isoformat()), countdown=REFRESH_COUNTDOWN_SECONDS
        )
        queued += 1
    return queued


# --- Refresh now: a job with progress ----------------------------------------


def dashboard_stored_periods(period: DashboardPeriod) -> list[tuple[str, datetime.date]]:
    """The reports a dashboard page reads for ``period``: its own, last year's, 24 months."""
    months = month_starts(add_months(period.end, -23), 24)
    wanted = [*period.stored_periods, *period.previous.stored_periods]
    wanted += [("month", month) for month in months]
    return sorted(set(wanted), key=lambda p: (p[1], p[0]))


@transaction.atomic
def report_job_create(*, city: ParticipatingCity, user, period: DashboardPeriod) -> ReportJob:
    """Ask for the reports behind a dashboard page to be rebuilt now; queued after commit."""
    from engagements.tasks import run_report_job

    periods = [[kind, start.isoformat()] for kind, start in dashboard_stored_periods(period)]
    job = ReportJob.objects.create(
        city=city, requested_by=user, periods=periods, total=len(periods)
    )
    transaction.on_commit(lambda: run_report_job.delay(job.pk))
    return job


def report_job_run(*, job: ReportJob) -> ReportJob:
    """Rebuild a job's periods one by one, recording progress after each.

    Running it again rebuilds them again: the same reports, nothing doubled.
    """
    ReportJob.objects.filter(pk=job.pk).update(state=ReportJobState.RUNNING, done=0)
    try:
        for kind, start in job.periods:
            report_build(city=job.city, period_kind=kind, day=datetime.date.fromisoformat(start))
            ReportJob.objects.filter(pk=job.pk).update(done=F("done") + 1)
    except Exception as exc:
        ReportJob.objects.filter(pk=job.pk).update(
            state=ReportJobState.FAILED, error=str(exc)[:500], finished_at=timezone.now()
        )
        raise
    ReportJob.objects.filter(pk=job.pk).update(
        state=ReportJobState.DONE, finished_at=timezone.now()
    )
    job.refresh_from_db()
    return job


# --- Reading -----------------------------------------------------------------


def combine_figures(figures: list[dict]) -> dict:
    """One period's figures from consecutive shorter ones (oldest first), without recounting.

    Distinct partners and countries are unions, not sums; standing figures
    (ties, commitments) are those of the latest report.
    """
    combined: dict = dict.fromkeys(SUMMED_FIGURES, 0)
    combined.update({name: Counter() for name in BREAKDOWNS})
    investment = Decimal("0")
    partner_ids: set[int] = set()
    for item in figures:
        for name in SUMMED_FIGURES:
            combined[name] += item.get(name, 0)
        for name in BREAKDOWNS:
            combined[name].update(item.get(name, {}))
        investment += Decimal(item.get("investment_usd", "0"))
        partner_ids.update(item.get("partner_ids", []))
    for name in BREAKDOWNS:
        combined[name] = dict(combined[name])
    combined["investment_usd"] = str(investment)
    combined["partner_ids"] = sorted(partner_ids)
    combined["partners"] = len(partner_ids)
    combined["partner_countries"] = len(combined["by_country"])
    latest = figures[-1] if figures else {}
    for name in STANDING_FIGURES:
        combined[name] = latest.get(name, [] if name == "sister_cities" else 0)
    return combined


@dataclass
class PeriodFigures:
    """A dashboard period's figures as read from stored reports."""

    period: DashboardPeriod
    figures: dict = field(default_factory=dict)
    computed_at: datetime.datetime | None = None
    found: bool = False


def _read(period: DashboardPeriod, reports: dict) -> PeriodFigures:
    stored = [reports.get(key) for key in period.stored_periods]
    present = [report for report in stored if report is not None]
    if not present:
        return PeriodFigures(period=period, figures=combine_figures([]))
    figures = present[0].figures if period.kind else combine_figures([r.figures for r in present])
    return PeriodFigures(
        period=period,
        figures=figures,
        computed_at=min(report.computed_at for report in present),
        found=True,
    )


@dataclass
class DashboardReport:
    current: PeriodFigures
    previous: PeriodFigures
    months: list[tuple[datetime.date, dict]]


def dashboard_report(*, city: ParticipatingCity, period: DashboardPeriod) -> DashboardReport:
    """A period's figures, last year's, and 24 months by kind: one query of stored reports."""
    wanted = dashboard_stored_periods(period)
    condition = Q()
    for kind, start in wanted:
        condition |= Q(period_kind=kind, period_start=start)
    reports = {
        (report.period_kind, report.period_start): report
        for report in CityReport.objects.for_city(city).filter(condition)
    }
    months = [start for kind, start in wanted if kind == "month"][-24:]
    return DashboardReport(
        current=_read(period, reports),
        previous=_read(period.previous, reports),
        months=[(month, getattr(reports.get(("month", month)), "figures", {})) for month in months],
    )


def cross_city_report(*, period: DashboardPeriod) -> list[tuple[ParticipatingCity, dict, bool]]:
    """Every participating city's figures for ``period`` side by side, from stored reports.

    For site admins; [(city, figures, found)], one query for the cities and
    one for their reports.
    """
    cities = list(ParticipatingCity.objects.select_related("city"))
    condition = Q()
    for kind, start in period.stored_periods:
        condition |= Q(period_kind=kind, period_start=start)
    by_city: dict[int, dict] = {city.pk: {} for city in cities}
    for report in CityReport.objects.filter(condition).order_by("period_start"):
        by_city.setdefault(report.city_id, {})[(report.period_kind, report.period_start)] = report
    return [
        (city, (read := _read(period, by_city[city.pk])).figures, read.found) for city in cities
    ]
