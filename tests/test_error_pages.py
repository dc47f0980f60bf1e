"""Refusals and dead ends in the site's own look, saying why and where to go next."""

from django.template.loader import render_to_string

from tests.factories import EngagementFactory


def test_a_viewer_opening_an_edit_page_is_told_why_and_whom_to_ask(viewer_client, los_angeles):
    engagement = EngagementFactory(city=los_angeles)

    response = viewer_client.get(f"/engagements/{engagement.pk}/edit/")

    page = response.content.decode()
    assert response.status_code == 403
    assert 'class="site-header"' in page
    assert "Viewers can read but not edit — ask an editor of Los Angeles" in page
    assert 'href="/"' in page or "Back to the dashboard" in page


def test_another_citys_record_is_a_404_in_the_sites_look(other_client, los_angeles):
    engagement = EngagementFactory(city=los_angeles)

    response = other_client.get(f"/engagements/{engagement.pk}/")

    page = response.content.decode()
    assert response.status_code == 404
    assert "We can't find that page" in page and "belongs to another city" in page
    assert "Search the engagements" in page
    assert engagement.title not in page


def test_the_500_page_needs_neither_the_request_nor_the_database():
    # No database fixture: a query here would fail the test.
    page = render_to_string("500.html")

    assert "Something went wrong on our side" in page and "Back to the dashboard" in page
