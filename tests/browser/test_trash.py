"""The trash in a real browser, on a phone: an editor deletes an engagement,
finds it in the trash at 390 px without sideways scrolling, and restores it."""

import pytest

from engagements.models import Engagement
from tests.conftest import log_in
from tests.factories import DelegationFactory, FollowUpFactory, PartnerFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def overflows(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth > window.innerWidth")


def test_editor_deletes_and_restores_an_engagement_on_a_phone(
    browser, live_server, editor, los_angeles
):
    delegation = DelegationFactory(
        engagement__city=los_angeles, engagement__title="Kaohsiung port delegation"
    )
    engagement = delegation.engagement
    engagement.partners.add(PartnerFactory(city=los_angeles, name="Port of Kaohsiung"))
    FollowUpFactory(engagement=engagement, description="Send the port MOU draft")
    pk = engagement.pk
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        log_in(page, live_server, "la-editor")
        page.goto(f"{live_server.url}/engagements/{pk}/delete/")
        assert "for 90 days" in page.locator("main").inner_text()
        assert not overflows(page)
        page.get_by_role("button", name="Move to the trash").click()
        page.wait_for_load_state("networkidle")
        assert not Engagement.objects.filter(pk=pk).exists()

        page.goto(f"{live_server.url}/trash/")
        row = page.get_by_role("row", name="Kaohsiung port delegation")
        assert "Engagement" in row.inner_text() and "la-editor" in row.inner_text()
        assert not overflows(page)
        row.get_by_role("button", name="Restore Kaohsiung port delegation").click()
        page.wait_for_load_state("networkidle")

        assert "Restored “Kaohsiung port delegation”." in page.locator("body").inner_text()
        restored = Engagement.objects.get(pk=pk)
        assert [p.name for p in restored.partners.all()] == ["Port of Kaohsiung"]
        assert restored.delegation.pk == delegation.pk
        assert restored.follow_ups.get().description == "Send the port MOU draft"
    finally:
        context.close()
