"""The engagement list's partner filter at a city with thousands of partners: the page
renders only the chosen partner, and a search box offers the matching ones."""

import re

import pytest
from django.urls import reverse

from tests.factories import EngagementFactory, PartnerFactory

pytestmark = pytest.mark.django_db

LIST = reverse("engagement_list")
OPTIONS = reverse("partner_filter_options")


def test_the_list_renders_the_chosen_partner_and_not_every_partner(editor_client, los_angeles):
    nagoya = PartnerFactory(city=los_angeles, name="City of Nagoya")
    PartnerFactory.create_batch(30, city=los_angeles)
    EngagementFactory(city=los_angeles, title="Port talks", partners=[nagoya])

    page = editor_client.get(LIST, {"partner": nagoya.pk}).content.decode()

    partner_choice = re.search(r'<select name="partner".*?</select>', page, re.S).group()
    assert f'<option value="{nagoya.pk}" selected>City of Nagoya' in partner_choice
    assert partner_choice.count("<option") == 2  # "any partner" and the chosen one, not 31
    assert "Port talks" in page


def test_typing_in_the_partner_box_offers_only_this_citys_matching_partners(
    editor_client, los_angeles, seattle
):
    ours = PartnerFactory(city=los_angeles, name="Nagoya Port Authority")
    chosen = PartnerFactory(city=los_angeles, name="Busan Metropolitan City")
    PartnerFactory(city=seattle, name="Nagoya Chamber of Commerce")

    options = editor_client.get(OPTIONS, {"partner_q": "nagoya", "partner": chosen.pk})

    html = options.content.decode()
    assert f'<option value="{chosen.pk}" selected>Busan' in html
    assert f'<option value="{ours.pk}">Nagoya Port Authority' in html
    assert "Chamber of Commerce" not in html
