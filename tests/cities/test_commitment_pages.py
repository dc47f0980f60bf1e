"""Commitments: the list with progress bars, and the detail page where a
progress entry is added in place."""

import uuid

import pytest
from django.urls import reverse

from cities.models import ProgressEntry
from tests.factories import CommitmentFactory, ProgressEntryFactory

pytestmark = pytest.mark.django_db

LIST = reverse("commitment_list")


@pytest.fixture
def commitment(los_angeles):
    c = CommitmentFactory(city=los_angeles, title="Halve emissions")
    ProgressEntryFactory(commitment=c, value=75)
    return c


def add_url(commitment):
    return reverse("progress_add", args=[commitment.pk])


def entry_data(**overrides):
    data = {
        "progress-date": "2026-01-15",
        "progress-value": "60",
        "progress-note": "Audit",
        "form_token": str(uuid.uuid4()),
    }
    data.update(overrides)
    return data


def test_list_shows_progress_toward_the_target_as_a_bar(viewer_client, commitment):
    content = viewer_client.get(LIST).content.decode()
    assert "Halve emissions" in content
    assert 'role="progressbar"' in content
    assert 'aria-valuenow="50"' in content  # 100 → 75 of the way to 50


def test_list_hides_another_citys_commitments(other_client, commitment):
    assert "Halve emissions" not in other_client.get(LIST).content.decode()


def test_list_queries_do_not_grow_with_rows(
    editor_client, los_angeles, django_assert_max_num_queries
):
    ProgressEntryFactory(commitment=CommitmentFactory(city=los_angeles))
    with django_assert_max_num_queries(9):
        response = editor_client.get(LIST)
    assert len(response.context["page"]) == 1
    for _ in range(49):
        ProgressEntryFactory(commitment=CommitmentFactory(city=los_angeles))
    with django_assert_max_num_queries(9):
        response = editor_client.get(LIST)
    assert len(response.context["page"]) == 50


def test_editor_adds_a_progress_entry_in_place(editor_client, commitment):
    response = editor_client.post(add_url(commitment), entry_data(), headers={"HX-Request": "true"})
    content = response.content.decode()
    assert content.lstrip().startswith('<section id="progress"')
    assert "Audit" in content
    assert ProgressEntry.objects.filter(commitment=commitment).count() == 2


def test_a_progress_entry_error_keeps_input(editor_client, commitment):
    ProgressEntryFactory(commitment=commitment, date="2026-01-15", value=70)
    response = editor_client.post(add_url(commitment), entry_data(**{"progress-note": "Kept"}))
    content = response.content.decode()
    assert 'value="Kept"' in content
    assert "already has a value for that date" in content


def test_a_double_clicked_add_records_one_entry(editor_client, commitment):
    data = entry_data()
    editor_client.post(add_url(commitment), data)
    editor_client.post(add_url(commitment), data)
    assert ProgressEntry.objects.filter(commitment=commitment).count() == 2


def test_viewer_reads_the_detail_but_cannot_add(viewer_client, commitment):
    content = viewer_client.get(reverse("commitment_detail", args=[commitment.pk])).content.decode()
    assert "Halve emissions" in content
    assert "Add a progress entry" not in content
    assert viewer_client.post(add_url(commitment), entry_data()).status_code == 403


def test_another_citys_editor_gets_404(other_client, commitment):
    assert other_client.get(reverse("commitment_detail", args=[commitment.pk])).status_code == 404
    assert other_client.post(add_url(commitment), entry_data()).status_code == 404
