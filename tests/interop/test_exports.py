"""Exports of every filtered list, streamed, with formulas neutralised."""

import csv
import datetime
import gc
import io
import time
import tracemalloc

import openpyxl
import pytest
from django.http import StreamingHttpResponse

from engagements.models import Engagement
from tests.factories import (
    CityFactory,
    CommitmentFactory,
    EngagementFactory,
    PartnerFactory,
    SisterCityTieFactory,
)


def _csv_rows(response):
    assert response.status_code == 200, response.content
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_engagement_csv_is_filtered_like_the_list_and_scoped(editor_client, los_angeles, seattle):
    nagoya = PartnerFactory(city=los_angeles, name="City of Nagoya")
    EngagementFactory(city=los_angeles, title="Port visit", status="planned", partners=[nagoya])
    EngagementFactory(city=los_angeles, title="Old meeting", status="completed")
    EngagementFactory(city=seattle, title="Seattle's visit", status="planned")

    response = editor_client.get("/export/engagements.csv", {"status": "planned"})

    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"].startswith("text/csv")
    rows = _csv_rows(response)
    assert [r["title"] for r in rows] == ["Port visit"]
    assert rows[0]["partners"] == "City of Nagoya (JP)"


def test_cells_that_would_run_as_formulas_are_neutralised(editor_client, los_angeles):
    EngagementFactory(city=los_angeles, title='=HYPERLINK("http://evil.example","x")')
    EngagementFactory(city=los_angeles, title="+1 call", location="@home", summary="-2")
    EngagementFactory(city=los_angeles, title="Plain", summary="\tindented")

    rows = {r["id"]: r for r in _csv_rows(editor_client.get("/export/engagements.csv"))}
    values = [
        v for r in rows.values() for k, v in r.items() if k in ("title", "location", "summary")
    ]

    assert '\'=HYPERLINK("http://evil.example","x")' in values
    assert {"'+1 call", "'@home", "'-2", "'\tindented"} <= set(values)
    assert not any(v.startswith(("=", "+", "-", "@", "\t")) for v in values)


def test_engagement_xlsx_opens_and_is_neutralised(editor_client, los_angeles, seattle):
    EngagementFactory(city=los_angeles, title="=1+1", investment_usd=1500)
    EngagementFactory(city=seattle, title="Not mine")

    response = editor_client.get("/export/engagements.xlsx")

    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    sheet = openpyxl.load_workbook(io.BytesIO(body), read_only=True).active
    rows = list(sheet.values)
    assert rows[0][:3] == ("id", "title", "kind")
    assert len(rows) == 2
    assert rows[1][1] == "'=1+1"
    assert rows[1][12] == 1500


@pytest.mark.parametrize(
    ("name", "make", "params", "column", "expected"),
    [
        (
            "partners",
            lambda c: [
                PartnerFactory(city=c, name="Toyota", kind="business"),
                PartnerFactory(city=c, name="Nagoya", kind="city_government"),
            ],
            {"kind": "business"},
            "name",
            ["Toyota"],
        ),
        (
            "ties",
            lambda c: [
                SisterCityTieFactory(city=c, partner_city=CityFactory(name="Busan", country="KR")),
                SisterCityTieFactory(
                    city=c, partner_city=CityFactory(name="Lyon", country="FR"), kind="partnership"
                ),
            ],
            {"kind": "partnership"},
            "partner_city",
            ["Lyon"],
        ),
        (
            "commitments",
            lambda c: [
                CommitmentFactory(city=c, title="Net zero", framework="paris"),
                CommitmentFactory(city=c, title="Clean water", framework="sdgs"),
            ],
            {"framework": "paris"},
            "title",
            ["Net zero"],
        ),
    ],
)
def test_every_list_exports_filtered_and_scoped(
    editor_client, los_angeles, seattle, name, make, params, column, expected
):
    make(los_angeles)
    make(seattle)

    csv_rows = _csv_rows(editor_client.get(f"/export/{name}.csv", params))
    xlsx = editor_client.get(f"/export/{name}.xlsx", params)
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active

    assert [r[column] for r in csv_rows] == expected
    assert sheet.max_row == 1 + len(expected)


def test_viewer_may_export_and_anonymous_may_not(viewer_client, client, los_angeles):
    EngagementFactory(city=los_angeles)

    assert len(_csv_rows(viewer_client.get("/export/engagements.csv"))) == 1
    viewer_client.logout()
    assert client.get("/export/engagements.csv").status_code == 302


def test_bad_filter_is_400(editor_client, los_angeles):
    response = editor_client.get("/export/engagements.csv", {"start_after": "yesterday"})

    assert response.status_code == 400
    assert "start_after" in response.json()["errors"]


def _bulk_engagements(city, count, start=0):
    Engagement.objects.bulk_create(
        (
            Engagement(
                city=city,
                kind="meeting",
                title=f"Engagement number {start + n} with a partner city delegation",
                start_date=datetime.date(2026, 1, 1) + datetime.timedelta(days=n % 365),
                status="completed",
                summary="A meeting about trade, climate and the port; " * 3,
            )
            for n in range(count)
        ),
        batch_size=2000,
    )


def _peak_while_streaming(client):
    response = client.get("/export/engagements.csv")
    assert isinstance(response, StreamingHttpResponse)
    rows = 0
    gc.collect()  # measure the export, not garbage left by earlier tests
    tracemalloc.start()
    tracemalloc.reset_peak()
    try:
        for chunk in response.streaming_content:
            rows += chunk.count(b"\n")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return rows, peak


def test_csv_export_memory_does_not_grow_with_rows(editor_client, los_angeles, capsys):
    _bulk_engagements(los_angeles, 5_000)
    started = time.monotonic()
    rows_5k, peak_5k = _peak_while_streaming(editor_client)
    _bulk_engagements(los_angeles, 45_000, start=5_000)
    rows_50k, peak_50k = _peak_while_streaming(editor_client)
    elapsed = time.monotonic() - started

    with capsys.disabled():
        print(
            f"\nCSV export peak traced memory: 5,000 rows {peak_5k / 1e6:.2f} MB, "
            f"50,000 rows {peak_50k / 1e6:.2f} MB ({elapsed:.1f} s)"
        )
    assert rows_5k == 5_001 and rows_50k == 50_001
    assert peak_50k < 1.5 * peak_5k


def test_the_fast_reader_gives_the_column_functions_rows(los_angeles, editor):
    from engagements.exports import EXPORTS, export_rows, neutralise
    from engagements.models import Topic
    from tests.factories import sdg_target

    spec = EXPORTS["engagements"]
    busan = PartnerFactory(city=los_angeles, name="Busan Port", country="KR")
    nagoya = PartnerFactory(city=los_angeles, name="=Nagoya", country="JP")
    linked = EngagementFactory(
        city=los_angeles, partners=[nagoya, busan], owner=editor, investment_usd="1250.50"
    )
    linked.topics.set(Topic.objects.all()[:2])
    linked.sdg_targets.set([sdg_target("11.a"), sdg_target("1.2")])
    EngagementFactory(city=los_angeles, title="+bare", summary="-x")
    queryset = spec.queryset().filter(city=los_angeles)

    by_sql = list(export_rows(spec, queryset))
    by_models = [[h for h, _ in spec.columns]] + [
        [neutralise(value(record)) for _, value in spec.columns] for record in queryset
    ]

    assert by_sql == by_models
    assert "'=Nagoya (JP); Busan Port (KR)" in [row[7] for row in by_sql]
