"""The dashboard's report as CSV: a city's figures for a period against a year
earlier and its breakdowns, or, for site admins, one row per city."""

from __future__ import annotations

import csv

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_countries import countries

from cities.choices import PartnerKind
from cities.models import ParticipatingCity
from engagements.choices import EngagementKind, EngagementStatus, TopicCode
from engagements.dashboard.figures import KPIS, change_percent, figure_value
from engagements.periods import DashboardPeriod
from engagements.reporting.read import cross_city_report, dashboard_report

# The figures of the CSV export, in order, with their labels.
CSV_FIGURES = [
    *[(name, label) for name, label, _lower_is_better in KPIS[:7]],
    ("cancelled", gettext_lazy("Cancelled engagements")),
    ("partners", gettext_lazy("Distinct partners")),
    ("follow_ups_open", gettext_lazy("Open follow-ups")),
    ("follow_ups_overdue", gettext_lazy("Overdue follow-ups")),
    ("ties_active", gettext_lazy("Sister-city ties active")),
    ("ties_dormant", gettext_lazy("Sister-city ties dormant")),
    ("commitments_on_track", gettext_lazy("Commitments on track")),
    ("commitments_off_track", gettext_lazy("Commitments off track")),
]


def export_filename(city: ParticipatingCity | None, period: DashboardPeriod, extension: str):
    """The download's file name: the city (or all cities) and the period."""
    slug = city.slug if city else "all-cities"
    return f"diplomacy-desk-{slug}-{period.key}.{extension}"


def write_report_csv(out, *, city: ParticipatingCity | None, period: DashboardPeriod) -> None:
    """Write the report for ``city`` (every city when None) and ``period`` to ``out``."""
    writer = csv.writer(out)
    if city is None:
        _write_cross_city(writer, period)
    else:
        _write_city(writer, city, period)


def _write_cross_city(writer, period: DashboardPeriod) -> None:
    writer.writerow([_("City"), *(label for _name, label in CSV_FIGURES)])
    for each, figures, _found in cross_city_report(period=period):
        writer.writerow([each.name, *(figures.get(name, 0) for name, _label in CSV_FIGURES)])


def _write_city(writer, city: ParticipatingCity, period: DashboardPeriod) -> None:
    report = dashboard_report(city=city, period=period)
    current, previous = report.current.figures, report.previous.figures
    writer.writerow([_("City"), city.name])
    writer.writerow(
        [
            _("Period"),
            period.label,
            _("%(start)s to %(end)s")
            % {"start": f"{period.start:%Y-%m-%d}", "end": f"{period.end:%Y-%m-%d}"},
        ]
    )
    computed = report.current.computed_at
    writer.writerow([_("Computed at"), computed.isoformat() if computed else _("not yet computed")])
    writer.writerow([])
    writer.writerow([_("Figure"), period.label, period.previous.label, _("Change (%)")])
    for name, label in CSV_FIGURES:
        now, before = figure_value(current, name), figure_value(previous, name)
        change = change_percent(now, before)
        writer.writerow([label, now, before, "" if change is None else change])
    breakdowns = [
        (_("Engagements by kind"), "by_kind", dict(EngagementKind.choices)),
        (_("Engagements by status"), "by_status", dict(EngagementStatus.choices)),
        (_("Engagements by partner country"), "by_country", dict(countries)),
        (_("Engagements by partner kind"), "by_partner_kind", dict(PartnerKind.choices)),
        (_("Engagements by topic"), "by_topic", dict(TopicCode.choices)),
        (_("Engagements by SDG goal"), "by_sdg_goal", {}),
    ]
    for title, name, labels in breakdowns:
        writer.writerow([])
        writer.writerow([title, period.label, period.previous.label])
        keys = sorted(
            set(current.get(name, {})) | set(previous.get(name, {})),
            key=lambda key: -current.get(name, {}).get(key, 0),
        )
        for key in keys:
            if name == "by_sdg_goal":
                label = labels.get(key, _("Goal %(number)s") % {"number": key})
            else:
                label = labels.get(key, key)
            writer.writerow(
                [label, current.get(name, {}).get(key, 0), previous.get(name, {}).get(key, 0)]
            )
