"""A Voluntary Local Review draft: every figure is a recount of the records, the Word
document has one heading per reviewed goal, narratives survive a redraw, and the
pages answer each persona as every other page does."""

import datetime
import io
import random
import shutil
import subprocess
from collections import Counter
from decimal import Decimal

import pytest
from docx import Document

from cities.choices import MembershipStatus, PartnerKind, ProgressStatus, TieStatus
from cities.models import SdgGoal, progress_status
from engagements.choices import EngagementKind, EngagementStatus
from engagements.models import Engagement
from reviews.choices import ReviewScope
from reviews.documents import goal_heading, overview_rows, vlr_docx
from reviews.models import GoalNarrative
from reviews.selectors import vlr_draft
from reviews.services import goal_narrative_create, local_review_create
from tests.conftest import require_service
from tests.factories import (
    CityFactory,
    CityNetworkFactory,
    CommitmentFactory,
    EngagementFactory,
    NetworkMembershipFactory,
    PartnerFactory,
    ProgressEntryFactory,
    SisterCityTieFactory,
    sdg_target,
)

YEAR = 2026
TARGETS = ["3.d", "4.7", "6.3", "9.4", "10.7", "11.2", "11.6", "13.2", "16.1", "17.17"]


def url(city, year=YEAR, suffix=""):
    return f"/vlr/{city.slug}/{year}/{suffix}"


def random_records(city, rng: random.Random, *, engagements=60, batch=""):
    """A city's year and its neighbours: engagements of every status across three years,
    partners in several countries (a city network among them), commitments with entries
    before and after the year's end, ties in force and ended, memberships."""
    networks = [
        CityNetworkFactory(name=f"C40 Cities Climate Leadership Group{batch}", acronym="C40"),
        CityNetworkFactory(name=f"Strong Cities Network{batch}", acronym="SCN"),
    ]
    NetworkMembershipFactory(city=city, network=networks[0])
    NetworkMembershipFactory(city=city, network=networks[1], status=MembershipStatus.LAPSED)
    partners = [
        PartnerFactory(
            city=city, name=f"Partner {i}{batch}", country=rng.choice(["JP", "KR", "MX", "DE"])
        )
        for i in range(8)
    ]
    partners.append(
        PartnerFactory(
            city=city, name=networks[0].name, country="GB", kind=PartnerKind.CITY_NETWORK
        )
    )
    targets = [sdg_target(code) for code in TARGETS]
    for index in range(engagements):
        engagement = EngagementFactory(
            city=city,
            kind=rng.choice(EngagementKind.values),
            status=rng.choice(EngagementStatus.values),
            start_date=datetime.date(rng.choice([YEAR - 1, YEAR, YEAR, YEAR + 1]), 1, 1)
            + datetime.timedelta(days=rng.randrange(365)),
            title=f"Engagement {index}",
        )
        engagement.partners.set(rng.sample(partners, rng.randint(0, 3)))
        engagement.sdg_targets.set(rng.sample(targets, rng.randint(0, 3)))
    for index in range(4):
        commitment = CommitmentFactory(
            city=city,
            title=f"Commitment {index}{batch}",
            baseline_value=Decimal(100),
            baseline_year=2019,
            target_value=Decimal(rng.choice([50, 150])),
            target_year=2030,
            indicator_description=f"Indicator {index % 3}",
        )
        commitment.sdg_targets.set(rng.sample(targets, rng.randint(1, 2)))
        for year in rng.sample(range(2020, YEAR + 2), rng.randint(0, 4)):
            ProgressEntryFactory(
                commitment=commitment,
                date=datetime.date(year, 6, 30),
                value=Decimal(rng.randint(40, 160)),
            )
    SisterCityTieFactory(city=city, partner_city=CityFactory(name=f"Nagoya{batch}", country="JP"))
    SisterCityTieFactory(
        city=city,
        partner_city=CityFactory(name=f"Berlin{batch}", country="DE"),
        status=TieStatus.ENDED,
        ended_on=datetime.date(2020, 1, 1),
    )


def recount(city, goals):
    """The figures, counted one record at a time in Python, without the draft's SQL."""
    counted = [
        e
        for e in Engagement.objects.filter(city=city).prefetch_related("partners", "sdg_targets")
        if e.status == EngagementStatus.COMPLETED and e.start_date.year == YEAR
    ]
    partners = {p for e in counted for p in e.partners.all()}
    per_goal = {}
    for goal in goals:
        under = [e for e in counted if any(t.goal_id == goal for t in e.sdg_targets.all())]
        partner_engagements = Counter(p.name for e in under for p in e.partners.all())
        ever = [
            e
            for e in Engagement.objects.filter(city=city, status=EngagementStatus.COMPLETED)
            if any(t.goal_id == goal for t in e.sdg_targets.all())
        ]
        network_names = {
            p.name for e in ever for p in e.partners.all() if p.kind == PartnerKind.CITY_NETWORK
        }
        per_goal[goal] = {
            "engagements": len(under),
            "by_kind": dict(Counter(e.get_kind_display() for e in under)),
            "partners": len({p for e in under for p in e.partners.all()}),
            "partner_engagements": dict(partner_engagements),
            "memberships": {
                m.network.name
                for m in city.network_memberships.all()
                if m.network.name in network_names
            },
        }
    commitments = {}
    for c in city.commitments.all():
        entries = sorted(
            (e for e in c.progress_entries.all() if e.date <= datetime.date(YEAR, 12, 31)),
            key=lambda e: e.date,
        )
        latest = entries[-1] if entries else None
        goal_numbers = {t.goal_id for t in c.sdg_targets.all()}
        commitments[c.pk] = {
            "latest": latest.value if latest else None,
            "entries": len(entries),
            "goals": goal_numbers,
            "status": progress_status(
                baseline=c.baseline_value,
                baseline_year=c.baseline_year,
                target=c.target_value,
                target_year=c.target_year,
                latest=latest.value if latest else None,
                latest_date=latest.date if latest else None,
            ),
        }
    statuses = Counter(row["status"] for row in commitments.values())
    overview = {
        "engagements": len(counted),
        "engagements_with_goals": sum(1 for e in counted if e.sdg_targets.exists()),
        "partners": len(partners),
        "countries": len({p.country.code for p in partners}),
        "commitments": len(commitments),
        "indicators": len({c.indicator_description for c in city.commitments.all()}),
        "ties_active": city.ties.exclude(status=TieStatus.ENDED).count(),
        "memberships_active": city.network_memberships.filter(
            status=MembershipStatus.ACTIVE
        ).count(),
        "statuses": statuses,
    }
    return overview, per_goal, commitments


def contributed(figures) -> str:
    """The sentence a goal's section states, from the recounted figures."""
    engagements = figures["engagements"]
    noun = "engagement" if engagements == 1 else "engagements"
    return f"{engagements} {noun} with {figures['partners']} partners contributed in {YEAR}."


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_every_figure_of_the_draft_equals_a_recount_from_the_records(los_angeles, seed):
    random_records(los_angeles, random.Random(seed))
    draft = vlr_draft(city=los_angeles, year=YEAR)
    overview, per_goal, commitments = recount(los_angeles, range(1, 18))

    o = draft.overview
    assert o.engagements == overview["engagements"] > 0
    assert o.engagements_with_goals == overview["engagements_with_goals"]
    assert o.partners == overview["partners"]
    assert o.countries == overview["countries"]
    assert o.commitments == overview["commitments"] == 4
    assert o.indicators == overview["indicators"] == 3
    assert o.ties_active == overview["ties_active"] == 1
    assert o.memberships_active == overview["memberships_active"] == 1
    assert o.goals_reviewed == 17
    assert {status: n for status, _, n in o.status_counts} == {
        status.value: overview["statuses"].get(status, 0) for status in ProgressStatus
    }

    for section in draft.goals:
        expected = per_goal[section.goal.number]
        assert section.engagements == expected["engagements"], section.goal
        assert dict(section.by_kind) == expected["by_kind"]
        assert section.partners == expected["partners"]
        shown = {p.name: p.engagements for c in section.by_country for p in c.partners}
        assert shown == expected["partner_engagements"]
        assert {m.network.name for m in section.memberships} == expected["memberships"]
        assert {row.commitment.pk for row in section.commitments} == {
            pk for pk, c in commitments.items() if section.goal.number in c["goals"]
        }
    for row in draft.annex:
        expected = commitments[row.commitment.pk]
        assert row.latest_value == expected["latest"]
        assert len(row.entries) == expected["entries"]
        assert row.status == expected["status"]

    # The Word document states the same figures.
    document = Document(io.BytesIO(vlr_docx(draft)))
    overview_table = document.tables[0]
    written = {row.cells[0].text: row.cells[1].text for row in overview_table.rows[1:]}
    assert written == {label: str(value) for label, value in overview_rows(draft)}
    assert written[f"Engagements completed in {YEAR}"] == str(overview["engagements"])
    sentences = [p.text for p in document.paragraphs if p.text.endswith(f"contributed in {YEAR}.")]
    assert sentences == [contributed(per_goal[n]) for n in range(1, 18)]


def test_the_word_document_has_one_heading_per_reviewed_goal(los_angeles, editor):
    goals = list(SdgGoal.objects.filter(number__in=[3, 11, 13]))
    local_review_create(
        city=los_angeles,
        year=YEAR,
        editor=editor,
        scope=ReviewScope.HLPF_PRIORITIES,
        priority_goals=goals,
    )
    document = Document(io.BytesIO(vlr_docx(vlr_draft(city=los_angeles, year=YEAR))))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    goal_headings = [h for h in headings if h.startswith("Goal ")]
    assert goal_headings == [goal_heading(goal) for goal in goals]


def test_the_word_document_downloads_and_opens(editor_client, los_angeles):
    random_records(los_angeles, random.Random(7), engagements=10)
    response = editor_client.get(url(los_angeles, suffix="review.docx"))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    document = Document(io.BytesIO(response.content))
    assert document.paragraphs[0].text == f"Los Angeles Voluntary Local Review {YEAR} — draft"
    # Each commitment with entries gets its chart as a picture.
    assert document.inline_shapes


def test_the_pdf_states_the_recounted_figures(viewer_client, los_angeles, tmp_path):
    random_records(los_angeles, random.Random(8), engagements=20)
    response = viewer_client.get(url(los_angeles, suffix="review.pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    if not shutil.which("pdftotext"):
        require_service("reading the PDF's text needs pdftotext (poppler-utils)")
    pdf = tmp_path / "review.pdf"
    pdf.write_bytes(response.content)
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    overview, per_goal, _ = recount(los_angeles, range(1, 18))
    lines = [" ".join(line.split()) for line in text.splitlines()]
    assert f"Engagements completed in {YEAR} {overview['engagements']}" in lines
    assert f"Partners engaged {overview['partners']}" in lines
    assert f"Partner countries {overview['countries']}" in lines
    for number, figures in per_goal.items():
        assert contributed(figures) in " ".join(lines), number


def test_editor_writes_a_narrative_that_is_kept_when_the_figures_change(editor_client, los_angeles):
    response = editor_client.post(
        url(los_angeles, suffix="goals/11/"), {"goal-11-text": "Transit for every resident."}
    )
    assert response.status_code == 302
    EngagementFactory(city=los_angeles, start_date=datetime.date(YEAR, 5, 1)).sdg_targets.set(
        [sdg_target("11.2")]
    )

    page = editor_client.get(url(los_angeles))
    assert "Transit for every resident." in page.content.decode()
    section = next(s for s in page.context["draft"].goals if s.goal.number == 11)
    assert (section.narrative, section.engagements) == ("Transit for every resident.", 1)

    editor_client.post(url(los_angeles, suffix="goals/11/"), {"goal-11-text": "Rewritten."})
    assert GoalNarrative.objects.get(review__city=los_angeles, goal=11).text == "Rewritten."
    assert GoalNarrative.history.filter(goal=11).count() == 2


def test_a_too_long_narrative_is_shown_again_with_its_error(editor_client, los_angeles):
    text = "x" * 20_001
    response = editor_client.post(url(los_angeles, suffix="goals/4/"), {"goal-4-text": text})
    assert response.status_code == 400
    assert text in response.content.decode()
    assert not GoalNarrative.objects.exists()


def test_editor_reviews_the_hlpf_priority_goals_only(editor_client, los_angeles):
    response = editor_client.post(
        url(los_angeles, suffix="goals/"), {"scope": "hlpf_priorities", "priority_goals": [6, 17]}
    )
    assert response.status_code == 302
    page = editor_client.get(url(los_angeles))
    assert [s.goal.number for s in page.context["draft"].goals] == [6, 17]


def test_priority_goals_are_required_to_review_only_them(editor_client, los_angeles):
    response = editor_client.post(url(los_angeles, suffix="goals/"), {"scope": "hlpf_priorities"})
    assert response.status_code == 400
    assert "Tick the priority goals" in response.content.decode()


def test_viewer_reads_the_review_but_cannot_change_it(viewer_client, los_angeles, editor):
    review = local_review_create(city=los_angeles, year=YEAR, editor=editor)
    goal_narrative_create(
        review=review, goal=SdgGoal.objects.get(number=5), editor=editor, text="Hi"
    )
    page = viewer_client.get(url(los_angeles))
    assert page.status_code == 200
    assert "<textarea" not in page.content.decode()
    assert (
        viewer_client.post(url(los_angeles, suffix="goals/5/"), {"goal-5-text": "x"}).status_code
        == 403
    )
    assert (
        viewer_client.post(url(los_angeles, suffix="goals/"), {"scope": "all_goals"}).status_code
        == 403
    )
    assert GoalNarrative.objects.get().text == "Hi"


def test_another_citys_review_is_not_found(other_client, los_angeles):
    for suffix in ("", "review.pdf", "review.docx"):
        assert other_client.get(url(los_angeles, suffix=suffix)).status_code == 404
    assert (
        other_client.post(url(los_angeles, suffix="goals/3/"), {"goal-3-text": "x"}).status_code
        == 404
    )
    assert not GoalNarrative.objects.exists()


def test_site_admin_reads_any_citys_review(admin_client_, los_angeles):
    assert admin_client_.get(url(los_angeles)).status_code == 200


def test_anonymous_visitor_is_asked_to_log_in(client, los_angeles):
    response = client.get(url(los_angeles))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_vlr_home_opens_the_users_city_this_year(editor_client, los_angeles):
    response = editor_client.get("/vlr/")
    assert response.status_code == 302
    assert response["Location"].startswith(f"/vlr/{los_angeles.slug}/")


def test_a_year_out_of_range_is_not_found(editor_client, los_angeles):
    assert editor_client.get(url(los_angeles, year=1999)).status_code == 404


def test_the_review_page_makes_as_many_queries_for_many_records_as_for_few(
    editor_client, los_angeles, django_assert_max_num_queries
):
    random_records(los_angeles, random.Random(4), engagements=5)
    with django_assert_max_num_queries(22) as few:
        editor_client.get(url(los_angeles))
    random_records(los_angeles, random.Random(5), engagements=80, batch=" B")
    with django_assert_max_num_queries(len(few.captured_queries)):
        editor_client.get(url(los_angeles))
