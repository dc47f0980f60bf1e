"""The admin's "Deleted records" pages answer for every model with a history,
including records whose name reads a record deleted with them (a delegation
names its engagement) and models keyed by another record (a participating city)."""

import re

import pytest
from django.contrib import admin
from django.urls import reverse

from cities.admin.toolkit import HistoryAdmin
from engagements.models import Delegation, Engagement
from tests.factories import CityFactory, CityNetworkFactory
from tests.test_admin import ADMIN_MODELS, model_for
from tests.test_admin import one_of_everything as one_of_everything  # the fixture

HISTORY_MODELS = [
    (app_label, model_name)
    for app_label, model_name in ADMIN_MODELS
    if isinstance(admin.site._registry[model_for(app_label, model_name)], HistoryAdmin)
]


def test_the_models_with_deleted_records_pages_include_the_ones_that_failed():
    assert ("engagements", "delegation") in HISTORY_MODELS
    assert ("cities", "participatingcity") in HISTORY_MODELS


@pytest.mark.parametrize(("app_label", "model_name"), HISTORY_MODELS)
def test_site_admin_opens_the_deleted_records_and_their_versions_of_every_model(
    admin_client_, one_of_everything, app_label, model_name
):
    model = model_for(app_label, model_name)
    # The engagement first: its delegation, members, itinerary, gifts and
    # follow-ups are deleted with it, and their history outlives it.
    engagement = Engagement.objects.get()
    admin_client_.post(
        reverse("admin:engagements_engagement_delete", args=[engagement.pk]), {"post": "yes"}
    )
    # Cities and networks in use are protected: delete one nothing refers to.
    fresh = {
        ("cities", "city"): lambda: CityFactory(name="Lyon", country="FR"),
        ("cities", "citynetwork"): lambda: CityNetworkFactory(name="Eurocities"),
    }.get((app_label, model_name), model._default_manager.first)
    record = fresh()
    if record is not None:
        deleted = admin_client_.post(
            reverse(f"admin:{app_label}_{model_name}_delete", args=[record.pk]), {"post": "yes"}
        )
        assert deleted.status_code == 302

    changelist = admin_client_.get(reverse(f"admin:{app_label}_{model_name}_changelist"))
    page = admin_client_.get(reverse(f"admin:{app_label}_{model_name}_deleted"))

    assert changelist.status_code == 200
    assert page.status_code == 200
    links = re.findall(r'href="([^"]*/(?:history/\d+|history)/)"', page.content.decode())
    assert links, "a deleted record is listed with its history"
    for link in links:
        assert admin_client_.get(link).status_code == 200, link


def test_a_delegation_deleted_with_its_engagement_points_to_the_trash(
    admin_client_, one_of_everything
):
    engagement = Engagement.objects.get()
    delegation = Delegation.objects.get()
    admin_client_.post(
        reverse("admin:engagements_engagement_delete", args=[engagement.pk]), {"post": "yes"}
    )

    page = admin_client_.get(reverse("admin:engagements_delegation_deleted"))
    assert "restore that first (from its city&#x27;s trash)" in page.content.decode()
    last = Delegation.history.filter(id=delegation.pk).exclude(history_type="-").latest()
    version = admin_client_.get(
        reverse("admin:engagements_delegation_simple_history", args=[delegation.pk, last.pk])
    )
    assert version.status_code == 302
    assert version.url == reverse("admin:engagements_delegation_deleted")


def test_progress_history_outlives_its_trashed_commitment(admin_client_, los_angeles):
    from cities.models import ProgressEntry
    from tests.factories import ProgressEntryFactory

    entry = ProgressEntryFactory(commitment__city=los_angeles)
    admin_client_.post(
        reverse("admin:cities_commitment_delete", args=[entry.commitment.pk]), {"post": "yes"}
    )

    assert not ProgressEntry.objects.exists()
    page = admin_client_.get(reverse("admin:cities_progressentry_deleted"))
    assert page.status_code == 200
    history = admin_client_.get(reverse("admin:cities_progressentry_history", args=[entry.pk]))
    assert history.status_code == 200
