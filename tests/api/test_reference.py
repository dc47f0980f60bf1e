"""Read-only resources: participating cities, world cities, networks, SDGs, reports."""

import datetime

import pytest
from django.utils import timezone

from engagements.models import CityReport
from tests.factories import CityFactory, CityNetworkFactory

API = "/api/v1"


def test_cities_lists_only_the_users_own(api_editor, api_admin, los_angeles, seattle):
    mine = api_editor.get(f"{API}/cities/").json()["results"]
    every = api_admin.get(f"{API}/cities/").json()["results"]

    assert [c["slug"] for c in mine] == ["los-angeles"]
    assert {c["slug"] for c in every} == {"los-angeles", "seattle"}
    assert api_editor.get(f"{API}/cities/{seattle.pk}/").status_code == 404


def test_world_cities_search(api_editor, db):
    CityFactory(name="Nagoya", country="JP")
    CityFactory(name="Busan", country="KR")

    rows = api_editor.get(f"{API}/world-cities/", {"q": "nago"}).json()["results"]

    assert [r["name"] for r in rows] == ["Nagoya"]


def test_sdg_goals_and_targets_filter_by_goal(api_editor, db):
    goals = api_editor.get(f"{API}/sdg/goals/", {"page_size": 100}).json()
    targets = api_editor.get(f"{API}/sdg/targets/", {"goal": 11, "page_size": 100}).json()

    assert goals["count"] == 17
    assert targets["count"] == 10
    assert {t["goal"] for t in targets["results"]} == {11}


def test_networks_are_read_only(api_editor, db):
    network = CityNetworkFactory()

    assert api_editor.get(f"{API}/networks/{network.pk}/").json()["acronym"] == "C40"
    assert api_editor.post(f"{API}/networks/", {"name": "X"}).status_code in (403, 405)
    assert api_editor.delete(f"{API}/networks/{network.pk}/").status_code in (403, 405)


@pytest.fixture
def reports(los_angeles, seattle):
    def report(city, kind):
        return CityReport.objects.create(
            city=city,
            period_kind=kind,
            period_start=datetime.date(2026, 1, 1),
            period_end=datetime.date(2026, 12, 31)
            if kind == "year"
            else datetime.date(2026, 1, 31),
            figures={"engagements": 3},
            computed_at=timezone.now(),
        )

    return report(los_angeles, "year"), report(los_angeles, "month"), report(seattle, "year")


def test_reports_are_scoped_filtered_and_read_only(api_editor, reports):
    la_year, _, seattle_year = reports

    rows = api_editor.get(f"{API}/reports/", {"period_kind": "year"}).json()["results"]

    assert [r["id"] for r in rows] == [la_year.pk]
    assert rows[0]["figures"] == {"engagements": 3}
    assert api_editor.get(f"{API}/reports/{seattle_year.pk}/").status_code == 404
    assert api_editor.delete(f"{API}/reports/{la_year.pk}/").status_code == 405


def test_schema_and_docs_are_served(api_editor, db):
    schema = api_editor.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")

    assert schema.status_code == 200
    assert "/api/v1/engagements/" in schema.json()["paths"]
    assert api_editor.get("/api/docs/").status_code == 200


def test_schema_validates(tmp_path):
    from django.core.management import call_command

    out = tmp_path / "schema.yml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out))

    assert "openapi: 3" in out.read_text()
