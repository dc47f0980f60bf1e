"""Building the stored per-city reports that the dashboards read.

Every figure is an aggregate computed by the database (GROUP BY), never a
loop over engagements in Python.
"""

import datetime

from django.db import transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone

from cities.models import ParticipatingCity
from engagements.choices import EngagementKind, EngagementStatus
from engagements.models import CityReport, Engagement
from engagements.periods import period_end, period_start


def _grouped(queryset, field):
    rows = queryset.order_by().values(field).annotate(n=Count("pk", distinct=True))
    return {str(row[field]): row["n"] for row in rows if row[field] is not None}


def report_figures(*, city: ParticipatingCity, start: datetime.date, end: datetime.date) -> dict:
    """The figures of one city's engagements that start within [start, end]."""
    engagements = Engagement.objects.for_city(city).filter(start_date__range=(start, end))
    live = engagements.exclude(status=EngagementStatus.CANCELLED)
    totals = live.order_by().aggregate(
        engagements=Count("pk"),
        investment_usd=Sum("investment_usd"),
        jobs_announced=Sum("jobs_announced"),
        agreements=Count(
            "pk",
            filter=Q(kind=EngagementKind.AGREEMENT, status=EngagementStatus.COMPLETED),
        ),
    )
    return {
        "engagements": totals["engagements"],
        "investment_usd": str(totals["investment_usd"] or 0),
        "jobs_announced": totals["jobs_announced"] or 0,
        "agreements_signed": totals["agreements"],
        "by_kind": _grouped(live, "kind"),
        "by_status": _grouped(engagements, "status"),
    }


def report_build(*, city: ParticipatingCity, period_kind: str, day: datetime.date) -> CityReport:
    """Compute and store the report of the period containing ``day``, replacing any older one.

    Figures are computed first and written in one transaction, so a job
    killed half-way leaves the previous report in place.
    """
    start = period_start(period_kind, day)
    end = period_end(period_kind, start)
    figures = report_figures(city=city, start=start, end=end)
    with transaction.atomic():
        report, _ = CityReport.objects.update_or_create(
            city=city,
            period_kind=period_kind,
            period_start=start,
            defaults={"period_end": end, "figures": figures, "computed_at": timezone.now()},
        )
    return report
