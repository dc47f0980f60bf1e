"""A site admin runs the installation from the app (headless Chromium): invites
an editor by email and makes a viewer an editor, never opening the Django admin."""

import re

import pytest
from django.core import mail

from cities.choices import StaffRole
from cities.models import StaffMember
from tests.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def label(text):
    return re.compile(rf"^{re.escape(text)}( \*)?$")


def no_horizontal_overflow(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_site_admin_invites_an_editor_and_changes_a_viewers_role(
    browser, page, live_server, site_admin, viewer, los_angeles, seattle
):
    viewer.first_name, viewer.last_name = "Maria", "Lopez"
    viewer.save()
    log_in(page, live_server, "admin")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Cities and staff").click()
    assert page.locator("h1").inner_text() == "Participating cities"
    page.get_by_role("link", name="Staff and roles").click()
    page.get_by_role("link", name="Invite someone").click()

    page.get_by_label(label("Email address")).fill("kenji.sato@la.example.gov")
    page.get_by_label(label("First name")).fill("Kenji")
    page.get_by_label(label("Last name")).fill("Sato")
    page.get_by_label(label("City")).select_option(label="Los Angeles")
    page.get_by_label(label("Role")).select_option(StaffRole.EDITOR)
    page.get_by_role("button", name="Send invitation").click()
    page.wait_for_load_state("networkidle")

    assert "Invited kenji.sato@la.example.gov" in page.locator(".messages").inner_text()
    invited = StaffMember.objects.select_related("user").get(
        user__email="kenji.sato@la.example.gov"
    )
    assert invited.role == StaffRole.EDITOR and invited.city == los_angeles
    assert not invited.user.has_usable_password()
    assert [m.to for m in mail.outbox] == [["kenji.sato@la.example.gov"]]
    assert "/password/set/" in mail.outbox[0].body
    row = page.locator(f"#staff-{invited.pk}")
    assert "Kenji Sato" in row.inner_text() and "Invited" in row.inner_text()

    page.get_by_role("link", name=re.compile(r"^Change role\W+Maria Lopez$")).click()
    page.get_by_label(label("Role")).select_option(StaffRole.EDITOR)
    page.get_by_role("button", name="Save role").click()
    page.wait_for_load_state("networkidle")
    assert "Maria Lopez is now: Editor" in page.locator(".messages").inner_text()
    viewer.staff.refresh_from_db()
    assert viewer.staff.role == StaffRole.EDITOR
    assert "/admin/" not in page.url

    # The pages work on a phone.
    page.set_viewport_size({"width": 390, "height": 844})
    for path in (
        "/site-admin/staff/",
        "/site-admin/cities/",
        "/site-admin/cities/new/",
        "/site-admin/staff/invite/",
    ):
        page.goto(f"{live_server.url}{path}")
        assert no_horizontal_overflow(page), path
