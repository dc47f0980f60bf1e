"""Computing report figures by sets: every engagement figure an SQL aggregate.

A report is computed first and then written in one short transaction, so a
job killed half-way leaves the previous report in place, and running a job
twice writes the same figures.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from decimal import Decimal

from django.db import transaction
from django.db.models import Case, CharField, Count, DateField, F, Q, Sum, Value, When
from django.db.models.functions import Cast, Coalesce, TruncMonth
from django.utils import timezone

from cities.choices import ProgressStatus
from cities.models import Commitment, ParticipatingCity, SisterCityTie
from engagements.choices import (
    INBOUND_VISIT_KINDS,
    OUTBOUND_VISIT_KINDS,
    Direction,
    EngagementKind,
    EngagementStatus,
    FollowUpStatus,
    PeriodKind,
    ReportJobState,
)
from engagements.models import CityReport, Engagement, FollowUp, ReportJob, ReportRefresh
from engagements.models.follow_ups import overdue_condition
from engagements.periods import (
    month_starts,
    period_end,
    period_start,
    periods_between,
    periods_containing,
    years_before,
)
from engagements.reporting.refresh import (
    report_refresh_covered,
    report_refresh_pending,
    report_refreshes_done,
    report_refreshes_started,
)
from engagements.selectors import (
    DORMANT_AFTER_YEARS,
    tie_active_on,
    tie_has_recent_engagement,
)

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
#
# Every figure is computed by sets: a handful of GROUP BY queries per call,
# whatever the number of cities and periods. Engagement figures are grouped by
# city and month ("pieces"); a quarter or a year is the sum of its months, and
# its distinct partners and countries the union of theirs (each piece keeps its
# partner ids and its countries). Ties and commitments are read once per call.

Range = tuple[datetime.date, datetime.date]


def _empty_piece() -> dict:
    piece: dict = dict.fromkeys(SUMMED_FIGURES, 0)
    piece.update({name: Counter() for name in BREAKDOWNS})
    piece["investment_usd"] = Decimal("0.00")
    piece["partner_ids"] = set()
    return piece


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


def _month_of(day: str) -> Cast:
    """The first day of ``day``'s month, as a date.

    PostgreSQL's ``date_trunc`` answers a timestamp with a time zone: read
    back for every (city, month, partner) of a rebuild, half a million of
    them, its parsing and conversion to a date cost more than a second.
    """
    return Cast(TruncMonth(day), DateField())


def _merged(ranges: Iterable[Range]) -> list[Range]:
    """Overlapping or adjacent date ranges joined, so a filter has as few as possible."""
    merged: list[Range] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1] + datetime.timedelta(days=1):
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _within(ranges_by_city: dict[int, list[Range]], *, city: str, day: str) -> Q:
    condition = Q(pk__in=[])
    for city_id, ranges in ranges_by_city.items():
        for start, end in _merged(ranges):
            condition |= Q(**{city: city_id, f"{day}__range": (start, end)})
    return condition


def _monthly_pieces(ranges_by_city: dict[int, list[Range]], today: datetime.date) -> dict:
    """{(city id, first of month): piece} of the engagements starting within the ranges.

    Seven queries, each grouped by city and month.
    Counts are of engagements that were not cancelled, except ``by_status`` and
    the follow-ups, which cover all of them.
    """
    pieces: dict = defaultdict(_empty_piece)
    engagements = (
        Engagement.objects.filter(_within(ranges_by_city, city="city", day="start_date"))
        .order_by()
        .annotate(month=_month_of("start_date"))
    )
    live = engagements.live()
    rows = (
        engagements.annotate(visit_direction=_direction())
        .values("city", "month", "kind", "status")
        .annotate(
            n=Count("pk"),
            investment=Sum("investment_usd"),
            jobs=Sum("jobs_announced"),
            inbound=Count("pk", filter=Q(visit_direction=Direction.INBOUND)),
            outbound=Count("pk", filter=Q(visit_direction=Direction.OUTBOUND)),
        )
    )
    for row in rows:
        piece = pieces[row["city"], row["month"]]
        piece["by_status"][row["status"]] += row["n"]
        if row["status"] == EngagementStatus.CANCELLED:
            piece["cancelled"] += row["n"]
            continue
        piece["engagements"] += row["n"]
        piece["by_kind"][row["kind"]] += row["n"]
        piece["investment_usd"] += row["investment"] or 0
        piece["jobs_announced"] += row["jobs"] or 0
        piece["inbound_delegations"] += row["inbound"]
        piece["outbound_delegations"] += row["outbound"]
        if row["kind"] == EngagementKind.AGREEMENT and row["status"] == EngagementStatus.COMPLETED:
            piece["agreements_signed"] += row["n"]
    breakdowns = {
        "by_country": "partners__country",
        "by_partner_kind": "partners__kind",
        "by_topic": "topics__code",
        "by_sdg_goal": "sdg_targets__goal_id",
    }
    for name, field_name in breakdowns.items():
        # Distinct engagements per value: an engagement with two Japanese
        # partners counts once for Japan, so months add up to quarters.
        grouped = live.values("city", "month", field_name).annotate(n=Count("pk", distinct=True))
        for row in grouped:
            if row[field_name] is not None:
                pieces[row["city"], row["month"]][name][str(row[field_name])] += row["n"]
    partners = live.filter(partners__isnull=False).values_list("city", "month", "partners")
    for city_id, month, partner_id in partners.distinct():
        pieces[city_id, month]["partner_ids"].add(partner_id)
    for key, (open_count, overdue) in _follow_up_counts(ranges_by_city, today).items():
        pieces[key]["follow_ups_open"] = open_count
        pieces[key]["follow_ups_overdue"] = overdue
    return pieces


def _follow_up_counts(
    ranges_by_city: dict[int, list[Range]], today: datetime.date
) -> dict[tuple[int, datetime.date], tuple[int, int]]:
    """{(city id, first of month): (open, overdue)} follow-ups of the engagements in the ranges."""
    follow_ups = (
        FollowUp.objects.filter(
            _within(ranges_by_city, city="engagement__city", day="engagement__start_date"),
            status=FollowUpStatus.OPEN,
        )
        .order_by()
        .annotate(month=_month_of("engagement__start_date"))
        .values("engagement__city", "month")
        .annotate(open=Count("pk"), overdue=Count("pk", filter=overdue_condition(today)))
    )
    return {
        (row["engagement__city"], row["month"]): (row["open"], row["overdue"]) for row in follow_ups
    }


def _stored_piece(figures: dict) -> dict | None:
    """A stored month report's figures as a piece again; None if it predates partner ids."""
    if "partner_ids" not in figures:
        return None
    piece = _empty_piece()
    for name in SUMMED_FIGURES:
        piece[name] = figures[name]
    for name in BREAKDOWNS:
        piece[name] = Counter(figures[name])
    piece["investment_usd"] = Decimal(figures["investment_usd"])
    piece["partner_ids"] = set(figures["partner_ids"])
    return piece


def _combined(pieces: list[dict]) -> dict:
    """A range's engagement figures from its months' pieces: sums, and unions of partners."""
    total = _empty_piece()
    for piece in pieces:
        for name in SUMMED_FIGURES:
            total[name] += piece[name]
        for name in BREAKDOWNS:
            total[name].update(piece[name])
        total["investment_usd"] += piece["investment_usd"]
        total["partner_ids"] |= piece["partner_ids"]
    figures = {name: total[name] for name in SUMMED_FIGURES}
    figures.update({name: dict(total[name]) for name in BREAKDOWNS})
    figures["partner_countries"] = len(total["by_country"])
    figures["partner_ids"] = sorted(total["partner_ids"])
    figures["partners"] = len(total["partner_ids"])
    figures["investment_usd"] = str(total["investment_usd"])
    return figures


# Up to this many distinct days, a tie's activity is an EXISTS per day, which
# stops at the first engagement found (a refresh); beyond, one scan of the
# engagement days serves them all (a full rebuild, ~190 days).
TIE_DAYS_BY_EXISTS = 12


def _tie_figures(as_of_by_city: dict[int, set[datetime.date]]) -> dict:
    """{(city id, as_of): tie figures}: live ties on each day, active or dormant.

    One or two queries for any number of cities and days: the ties, with
    ``tie_has_recent_engagement`` on each day when there are few days; else
    the days of the engagements with a partner based in a tied city (within
    the windows the dormancy rule looks at), judged by ``tie_active_on``.
    """
    all_days = sorted(set().union(*as_of_by_city.values()))
    by_exists = len(all_days) <= TIE_DAYS_BY_EXISTS
    column = {day: f"active_{index}" for index, day in enumerate(all_days)}
    ties = SisterCityTie.objects.filter(city__in=as_of_by_city).order_by("partner_city__name", "pk")
    if by_exists:
        ties = ties.annotate(**{column[day]: tie_has_recent_engagement(day) for day in all_days})
    ties = list(
        ties.values(
            "city",
            "partner_city",
            "established_on",
            "ended_on",
            "kind",
            "partner_city__name",
            "partner_city__country",
            "partner_city__latitude",
            "partner_city__longitude",
            *(column.values() if by_exists else ()),
        )
    )
    windows = {
        city_id: [(years_before(as_of, DORMANT_AFTER_YEARS), as_of) for as_of in days]
        for city_id, days in as_of_by_city.items()
        if any(tie["city"] == city_id for tie in ties)
    }
    tied_cities = sorted({tie["partner_city"] for tie in ties})
    engagement_days: dict[tuple[int, int], list[datetime.date]] = defaultdict(list)
    if windows and not by_exists:
        links = (
            Engagement.partners.through.objects.filter(
                _within(windows, city="engagement__city", day="engagement__start_date"),
                partner__partner_city__in=tied_cities,
            )
            .exclude(engagement__status=EngagementStatus.CANCELLED)
            .order_by()
            .values_list("engagement__city", "partner__partner_city", "engagement__start_date")
            .distinct()
        )
        for city_id, partner_city_id, day in links:
            engagement_days[city_id, partner_city_id].append(day)
    for days in engagement_days.values():
        days.sort()

    def is_active(tie, as_of):
        if by_exists:
            return tie[column[as_of]]
        return tie_active_on(engagement_days.get((tie["city"], tie["partner_city"]), []), as_of)

    ties_of: dict[int, list[dict]] = defaultdict(list)
    for tie in ties:
        ties_of[tie["city"]].append(tie)
    figures = {}
    for city_id, days in as_of_by_city.items():
        for as_of in days:
            live = [
                tie
                for tie in ties_of[city_id]
                if (tie["established_on"] is None or tie["established_on"] <= as_of)
                and (tie["ended_on"] is None or tie["ended_on"] > as_of)
            ]
            markers = [
                {
                    "name": tie["partner_city__name"],
                    "country": str(tie["partner_city__country"]),
                    "latitude": _float(tie["partner_city__latitude"]),
                    "longitude": _float(tie["partner_city__longitude"]),
                    "kind": tie["kind"],
                    "active": is_active(tie, as_of),
                }
                for tie in live
            ]
            active = sum(marker["active"] for marker in markers)
            figures[city_id, as_of] = {
                "ties_active": active,
                "ties_dormant": len(markers) - active,
                "sister_cities": markers,
            }
    return figures


def _float(value):
    return None if value is None else float(value)


def _commitment_figures(city_ids: Iterable[int]) -> dict[int, dict]:
    """{city id: commitments on and off track}, in one query for every city."""
    # The Open SDG progress scale is a per-commitment calculation over a few
    # dozen rows per city; engagements are never counted this way.
    statuses: dict[int, Counter] = {city_id: Counter() for city_id in city_ids}
    for commitment in Commitment.objects.filter(city__in=statuses).with_latest_progress():
        statuses[commitment.city_id][commitment.progress_status] += 1
    return {
        city_id: {
            "commitments_on_track": sum(counts[status] for status in ON_TRACK),
            "commitments_off_track": sum(counts[status] for status in OFF_TRACK),
        }
        for city_id, counts in statuses.items()
    }


def _month_aligned(start: datetime.date, end: datetime.date) -> bool:
    return start.day == 1 and end == period_end(PeriodKind.MONTH, end.replace(day=1))


def ranges_figures(
    ranges_by_city: dict[int, list[Range]], today: datetime.date | None = None
) -> dict[tuple[int, datetime.date, datetime.date], dict]:
    """{(city id, start, end): figures} of the engagements that start within each range.

    A constant number of queries (about ten) for any number of cities and
    ranges. Ranges are whole months (months, quarters, years), except that a
    city may ask for one range of any length. Follow-ups are the open ones of
    the range's engagements, overdue when due before ``today``. Ties and
    commitments describe the city on the range's last day (or today).
    """
    today = today or timezone.localdate()
    for city_id, ranges in ranges_by_city.items():
        if len(ranges) > 1 and not all(_month_aligned(start, end) for start, end in ranges):
            raise ValueError(f"City {city_id}: several ranges must each be whole months.")
    pieces = _monthly_pieces(ranges_by_city, today)
    ties = _tie_figures(
        {
            city_id: {min(today, end) for _, end in ranges}
            for city_id, ranges in ranges_by_city.items()
        }
    )
    commitments = _commitment_figures(ranges_by_city)
    figures = {}
    for city_id, ranges in ranges_by_city.items():
        for start, end in ranges:
            figures[city_id, start, end] = _period_figures(
                [
                    pieces[city_id, month]
                    for month in _months(start, end)
                    if (city_id, month) in pieces
                ],
                ties=ties,
                commitments=commitments,
                city_id=city_id,
                end=end,
                today=today,
            )
    return figures


def _months(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    return month_starts(start, (end.year - start.year) * 12 + end.month - start.month + 1)


def refreshed_figures(
    *,
    city_id: int,
    periods: Iterable[tuple[str, datetime.date]],
    today: datetime.date | None = None,
) -> dict[tuple[str, datetime.date], dict]:
    """{(period kind, first day): figures} of the periods edits touched in one city: a refresh.

    The same figures as ``periods_figures``, in a dozen queries for the lot,
    without scanning a quarter's or a year's engagements again: the touched
    months, and any month with a refresh pending or no report, are computed
    by sets (``_monthly_pieces``); the other months are read from their
    stored reports; each quarter or year is the sum of its months. A month
    stored on an earlier day has its follow-ups counted again (overdue ones
    fall due as days pass; the nightly rebuild makes that rare). Ties are
    read once for every period's last day, commitments once.
    """
    today = today or timezone.localdate()
    periods = sorted(set(periods))
    ends = {(kind, start): period_end(kind, start) for kind, start in periods}
    months_of = {period: _months(period[1], end) for period, end in ends.items()}
    needed = sorted({month for months in months_of.values() for month in months})
    touched = {start for kind, start in periods if kind == PeriodKind.MONTH}
    # Pending refreshes first, stored reports second: a month whose refresh
    # row is gone by the first read had its figures stored before that, so the
    # second read sees them (a job stores, then clears its row).
    pending = set(
        ReportRefresh.objects.filter(
            city_id=city_id, period_kind=PeriodKind.MONTH, period_start__in=needed
        ).values_list("period_start", flat=True)
    )
    fresh = touched | pending
    pieces, recount = {}, []
    stored = [month for month in needed if month not in fresh]
    if stored:
        rows = CityReport.objects.filter(
            city_id=city_id, period_kind=PeriodKind.MONTH, period_start__in=stored
        ).values_list("period_start", "figures")
        for month, figures in rows:
            piece = _stored_piece(figures)
            if piece is None:
                continue
            pieces[city_id, month] = piece
            if figures.get("follow_ups_as_of") != today.isoformat():
                recount.append((month, period_end(PeriodKind.MONTH, month)))
    computed = [
        (month, period_end(PeriodKind.MONTH, month))
        for month in needed
        if (city_id, month) not in pieces
    ]
    if computed:
        pieces.update(_monthly_pieces({city_id: computed}, today))
    if recount:
        counted = _follow_up_counts({city_id: recount}, today)
        for month, _ in recount:
            piece = pieces[city_id, month]
            piece["follow_ups_open"], piece["follow_ups_overdue"] = counted.get(
                (city_id, month), (0, 0)
            )
    ties = _tie_figures({city_id: {min(today, end) for end in ends.values()}})
    commitments = _commitment_figures([city_id])
    return {
        period: _period_figures(
            [pieces[city_id, month] for month in months_of[period] if (city_id, month) in pieces],
            ties=ties,
            commitments=commitments,
            city_id=city_id,
            end=ends[period],
            today=today,
        )
        for period in periods
    }


def _period_figures(pieces, *, ties, commitments, city_id, end, today) -> dict:
    as_of = min(today, end)
    return {
        **_combined(pieces),
        **ties[city_id, as_of],
        **commitments[city_id],
        "as_of": as_of.isoformat(),
        # The day overdue follow-ups were counted on: a longer period read
        # from this one on a later day counts them again.
        "follow_ups_as_of": today.isoformat(),
    }


def periods_figures(
    periods_by_city: dict[int, Iterable[tuple[str, datetime.date]]],
    today: datetime.date | None = None,
) -> dict[tuple[int, str, datetime.date], dict]:
    """{(city id, period kind, first day): figures} of every requested period, by sets."""
    ranges_by_city = {
        city_id: [(start, period_end(kind, start)) for kind, start in periods]
        for city_id, periods in periods_by_city.items()
    }
    by_range = ranges_figures(ranges_by_city, today)
    return {
        (city_id, kind, start): by_range[city_id, start, period_end(kind, start)]
        for city_id, periods in periods_by_city.items()
        for kind, start in periods
    }


def report_figures(
    *,
    city: ParticipatingCity,
    start: datetime.date,
    end: datetime.date,
    today: datetime.date | None = None,
) -> dict:
    """The figures of one city's engagements that start within [start, end] (``ranges_figures``)."""
    return ranges_figures({city.pk: [(start, end)]}, today)[city.pk, start, end]


def reports_store(
    figures: dict[tuple[int, str, datetime.date], dict],
    *,
    batch_size: int = 500,
    on_progress: Callable[[int], None] | None = None,
) -> int:
    """Store computed figures, replacing older reports of the same periods; returns how many.

    One transaction, one upsert per ``batch_size`` reports: a job killed
    half-way leaves the previous reports in place.
    """
    now = timezone.now()
    reports = [
        CityReport(
            city_id=city_id,
            period_kind=kind,
            period_start=start,
            period_end=period_end(kind, start),
            figures=values,
            computed_at=now,
        )
        for (city_id, kind, start), values in figures.items()
    ]
    with transaction.atomic():
        for first in range(0, len(reports), batch_size):
            batch = reports[first : first + batch_size]
            CityReport.objects.bulk_create(
                batch,
                update_conflicts=True,
                unique_fields=["city", "period_kind", "period_start"],
                update_fields=["period_end", "figures", "computed_at"],
            )
            if on_progress:
                on_progress(len(batch))
    return len(reports)


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
    figures = refreshed_figures(city_id=city.pk, periods=[(period_kind, start)], today=today)[
        period_kind, start
    ]
    report = CityReport(
        city=city,
        period_kind=period_kind,
        period_start=start,
        period_end=end,
        figures=figures,
        computed_at=timezone.now(),
    )
    # One upsert statement (atomic by itself), as ``reports_store`` writes them.
    CityReport.objects.bulk_create(
        [report],
        update_conflicts=True,
        unique_fields=["city", "period_kind", "period_start"],
        update_fields=["period_end", "figures", "computed_at"],
    )
    return report


def reports_refresh(
    *,
    city_id: int,
    periods: Iterable[tuple[str, datetime.date]],
    today: datetime.date | None = None,
) -> int:
    """Rebuild the reports whose refresh edits recorded, for one city; returns how many.

    What the worker runs after an edit: the month, quarter and year it touched
    in one job (``refreshed_figures``) and one upsert. A period no longer
    pending was rebuilt by another job or a full rebuild meanwhile, and is
    left alone; each refresh is cleared only if no edit came in while its
    figures were computed (the version read first).
    """
    periods = {(kind, period_start(kind, start)) for kind, start in periods}
    versions = report_refreshes_started(city_id=city_id, periods=periods)
    if not versions:
        return 0
    figures = refreshed_figures(city_id=city_id, periods=versions, today=today)
    stored = reports_store(
        {(city_id, kind, start): each for (kind, start), each in figures.items()}
    )
    report_refreshes_done(city_id=city_id, versions=versions)
    return stored


def rebuild_periods(
    city_ids: Iterable[int], today: datetime.date | None = None
) -> dict[int, list[tuple[str, datetime.date]]]:
    """{city id: every period a full rebuild writes}, in two queries for any number of cities.

    Each period holding an engagement, every period of the last two years
    and this one (what the dashboard shows), and any period already stored,
    so a report whose engagements have all moved away is rebuilt to zero.
    """
    today = today or timezone.localdate()
    recent = periods_between(datetime.date(today.year - 2, 1, 1), today.replace(month=12, day=31))
    periods: dict[int, set] = {city_id: set(recent) for city_id in city_ids}
    months = (
        Engagement.objects.filter(city__in=periods)
        .order_by()
        .annotate(month=_month_of("start_date"))
        .values_list("city", "month")
        .distinct()
    )
    for city_id, month in months:
        periods[city_id].update(periods_containing(month))
    stored = CityReport.objects.filter(city__in=periods).values_list(
        "city", "period_kind", "period_start"
    )
    for city_id, kind, start in stored:
        periods[city_id].add((kind, start))
    return {
        city_id: sorted(each, key=lambda period: (period[1], period[0]))
        for city_id, each in periods.items()
    }


def city_report_periods(
    city: ParticipatingCity, today: datetime.date | None = None
) -> list[tuple[str, datetime.date]]:
    """Every period a full rebuild of ``city`` writes (``rebuild_periods``)."""
    return rebuild_periods([city.pk], today)[city.pk]


def reports_rebuild(
    *,
    city_ids: Iterable[int] | None = None,
    today: datetime.date | None = None,
    periods: dict[int, list[tuple[str, datetime.date]]] | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> int:
    """Rebuild every report of the cities (default: every participating city); returns how many.

    One pass by sets: the same number of queries for one city or fifty
    (plus one upsert per 500 reports). ``periods`` is ``rebuild_periods``'
    answer when the caller has it already.
    """
    today = today or timezone.localdate()
    if city_ids is None:
        city_ids = ParticipatingCity.objects.values_list("pk", flat=True)
    city_ids = list(city_ids)
    if periods is None:
        periods = rebuild_periods(city_ids, today)
    # Refreshes asked for before the figures are read are in them: once stored,
    # their jobs would rebuild the same reports again (or make a quarter read
    # its months afresh), so they are cleared.
    pending = report_refresh_pending(city_ids=city_ids)
    stored = reports_store(periods_figures(periods, today), on_progress=on_progress)
    report_refresh_covered(pending)
    return stored


def reports_rebuild_city(
    *,
    city: ParticipatingCity,
    today: datetime.date | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> int:
    """Rebuild every report of ``city``; returns how many were written."""
    return reports_rebuild(city_ids=[city.pk], today=today, on_progress=on_progress)


def report_job_run(*, job: ReportJob) -> ReportJob:
    """Rebuild a job's periods together, by sets, then record them done.

    Running it again rebuilds them again: the same reports, nothing doubled.
    Each step is a sign of life (``updated_at``): a job that shows none for a
    while lost its worker, and the sweeper says so on its page.
    """
    ReportJob.objects.filter(pk=job.pk).update(
        state=ReportJobState.RUNNING, done=0, error="", updated_at=timezone.now()
    )
    try:
        periods = {
            (kind, period_start(kind, datetime.date.fromisoformat(day)))
            for kind, day in job.periods
        }
        reports_store(periods_figures({job.city_id: sorted(periods)}))
        ReportJob.objects.filter(pk=job.pk).update(done=F("total"), updated_at=timezone.now())
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
