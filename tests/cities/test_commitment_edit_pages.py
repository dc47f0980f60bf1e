"""Commitments on the staff pages: an editor adds a pledge with SDG targets, an
indicator, a baseline and a target, edits it, and corrects or removes a progress
entry; a viewer is refused (403), another city's editor finds nothing (404)."""

import datetime
import uuid
from decimal import Decimal

import pytest
from django.urls import reverse

from cities.models import Commitment, ProgressEntry, SdgIndicator
from tests.factories import CommitmentFactory, ProgressEntryFactory, sdg_target

pytestmark = pytest.mark.django_db

CREATE = reverse("commitment_create")


@pytest.fixture
def commitment(los_angeles):
    c = CommitmentFactory(city=los_angeles, title="Halve emissions", unit="kt CO2e")
    c.sdg_targets.set([sdg_target("13.2")])
    return c


@pytest.fixture
def entry(commitment):
    return ProgressEntryFactory(commitment=commitment, date=datetime.date(2025, 7, 1), value=75)


def commitment_data(**overrides):
    data = {
        "framework": "sdgs",
        "title": "Clean air for every district",
        "description": "PM2.5 below the WHO guideline.",
        "sdg_targets": [str(sdg_target("11.6").pk), str(sdg_target("3.9").pk)],
        "indicator": str(SdgIndicator.objects.get(code="11.6.2").pk),
        "indicator_description": "",
        "unit": "µg/m³",
        "baseline_value": "14.2",
        "baseline_year": "2019",
        "target_value": "5",
        "target_year": "2030",
        "form_token": str(uuid.uuid4()),
    }
    data.update(overrides)
    return data


def entry_url(name, entry):
    return reverse(name, args=[entry.commitment_id, entry.pk])


def test_editor_adds_a_commitment_with_targets_indicator_baseline_and_target(
    editor_client, los_angeles
):
    response = editor_client.post(CREATE, commitment_data())

    commitment = Commitment.objects.get(city=los_angeles)
    assert response.url == reverse("commitment_detail", args=[commitment.pk])
    assert sorted(t.code for t in commitment.sdg_targets.all()) == ["11.6", "3.9"]
    assert commitment.indicator.code == "11.6.2"
    assert (commitment.baseline_value, commitment.baseline_year) == (Decimal("14.2"), 2019)
    assert (commitment.target_value, commitment.target_year) == (Decimal("5"), 2030)
    detail = editor_client.get(response.url).content.decode()
    assert "11.6.2" in detail
    assert '<span class="sdg-chip sdg-goal-11">11.6</span>' in detail


def test_a_double_clicked_save_records_one_commitment(editor_client, los_angeles):
    data = commitment_data()
    editor_client.post(CREATE, data)
    editor_client.post(CREATE, data)

    assert Commitment.objects.filter(city=los_angeles).count() == 1


def test_a_target_before_the_baseline_keeps_what_was_typed(editor_client, los_angeles):
    response = editor_client.post(CREATE, commitment_data(target_year="2010"))

    content = response.content.decode()
    assert response.status_code == 200
    assert "The target year must come after the baseline year." in content
    assert 'value="Clean air for every district"' in content
    assert 'value="3.9"' not in content  # targets are ticked by id, not code
    assert f'value="{sdg_target("11.6").pk}" checked' in content
    assert not Commitment.objects.exists()


def test_editor_edits_a_commitment_and_its_targets(editor_client, commitment):
    form = editor_client.get(reverse("commitment_edit", args=[commitment.pk])).content.decode()
    assert f'value="{sdg_target("13.2").pk}" checked' in form

    response = editor_client.post(
        reverse("commitment_edit", args=[commitment.pk]),
        commitment_data(title="Cut emissions by 60%", sdg_targets=[str(sdg_target("13.1").pk)]),
    )

    commitment.refresh_from_db()
    assert response.status_code == 302
    assert commitment.title == "Cut emissions by 60%"
    assert [t.code for t in commitment.sdg_targets.all()] == ["13.1"]


def test_editor_corrects_a_progress_entry(editor_client, entry):
    response = editor_client.post(
        entry_url("progress_edit", entry),
        {"entry-date": "2025-07-01", "entry-value": "72.5", "entry-note": "Audited figure"},
    )

    entry.refresh_from_db()
    assert response.status_code == 302
    assert (entry.value, entry.note) == (Decimal("72.5"), "Audited figure")
    assert entry.history.first().history_user.username == "la-editor"


def test_a_correction_onto_another_entrys_date_keeps_the_form(editor_client, commitment, entry):
    ProgressEntryFactory(commitment=commitment, date=datetime.date(2026, 1, 15), value=70)

    response = editor_client.post(
        entry_url("progress_edit", entry),
        {"entry-date": "2026-01-15", "entry-value": "71", "entry-note": "Kept note"},
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert "already has a value for that date" in content
    assert 'value="Kept note"' in content
    entry.refresh_from_db()
    assert entry.value == Decimal("75")


def test_editor_removes_a_progress_entry_after_confirming(editor_client, entry):
    confirm = editor_client.get(entry_url("progress_delete", entry))
    assert "Remove this progress entry?" in confirm.content.decode()
    assert ProgressEntry.objects.filter(pk=entry.pk).exists()

    response = editor_client.post(entry_url("progress_delete", entry))

    assert response.status_code == 302
    assert not ProgressEntry.objects.filter(pk=entry.pk).exists()


def test_an_entry_is_reached_only_through_its_own_commitment(editor_client, los_angeles, entry):
    other = CommitmentFactory(city=los_angeles)
    url = reverse("progress_edit", args=[other.pk, entry.pk])

    assert editor_client.get(url).status_code == 404


def test_the_detail_offers_correct_and_remove_to_editors_only(editor_client, viewer, entry, client):
    detail_url = reverse("commitment_detail", args=[entry.commitment_id])
    content = editor_client.get(detail_url).content.decode()
    assert entry_url("progress_edit", entry) in content
    assert reverse("commitment_edit", args=[entry.commitment_id]) in content
    assert CREATE in editor_client.get(reverse("commitment_list")).content.decode()

    client.force_login(viewer)
    content = client.get(detail_url).content.decode()
    assert entry_url("progress_edit", entry) not in content
    assert CREATE not in client.get(reverse("commitment_list")).content.decode()


def write_urls(entry):
    return [
        CREATE,
        reverse("commitment_edit", args=[entry.commitment_id]),
        entry_url("progress_edit", entry),
        entry_url("progress_delete", entry),
    ]


def test_viewer_gets_403_on_every_write_page(viewer_client, entry):
    for url in write_urls(entry):
        assert viewer_client.get(url).status_code == 403, url
        assert viewer_client.post(url, commitment_data()).status_code == 403, url
    assert ProgressEntry.objects.filter(pk=entry.pk).exists()
    assert Commitment.objects.count() == 1


def test_another_citys_editor_gets_404(other_client, entry):
    for url in write_urls(entry)[1:]:
        assert other_client.get(url).status_code == 404, url
        assert other_client.post(url, commitment_data()).status_code == 404, url
    assert ProgressEntry.objects.filter(pk=entry.pk).exists()


def test_the_commitment_pages_keep_their_query_counts(
    editor_client, commitment, django_assert_max_num_queries
):
    for day in range(1, 21):
        ProgressEntryFactory(commitment=commitment, date=datetime.date(2024, 1, day))
    entry = commitment.progress_entries.first()
    detail = reverse("commitment_detail", args=[commitment.pk])
    edit = reverse("commitment_edit", args=[commitment.pk])
    with django_assert_max_num_queries(9):
        assert editor_client.get(detail).status_code == 200
    with django_assert_max_num_queries(12):
        assert editor_client.get(edit).status_code == 200
    with django_assert_max_num_queries(7):
        assert editor_client.get(entry_url("progress_edit", entry)).status_code == 200
