"""Phones, keyboards and screen readers, in headless Chromium: a list's rows are
stacked under their column names and its filters open behind a button; the
dashboard's charts and map have their numbers in tables; choosing a partner keeps
the keyboard focus; and the screenshots of the list, an engagement and the
dashboard at a phone's and a laptop's size are saved to docs/screenshots/."""

from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from tests.browser.test_dashboard import a_year_of_work, reference_data  # noqa: F401
from tests.browser.test_every_page import AXE
from tests.conftest import log_in
from tests.factories import (
    DelegationFactory,
    DelegationMemberFactory,
    EngagementFactory,
    ItineraryItemFactory,
    PartnerFactory,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SCREENSHOTS = Path(settings.BASE_DIR) / "docs" / "screenshots"
SIZES = {"phone": (390, 844), "laptop": (1366, 900)}


def fits(page) -> bool:
    return page.evaluate(
        "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def test_list_detail_and_dashboard_fit_a_phone_and_a_laptop(
    browser,
    live_server,
    viewer,
    los_angeles,
    reference_data,  # noqa: F811
):
    a_year_of_work(los_angeles, timezone.localdate())
    nagoya = PartnerFactory(city=los_angeles, name="City of Nagoya (Nagoya-shi)", country="JP")
    engagement = EngagementFactory(
        city=los_angeles,
        title="Nagoya delegation on green ports",
        kind="inbound_delegation",
        location="City Hall, Los Angeles",
        partners=[nagoya],
    )
    delegation = DelegationFactory(engagement=engagement)
    DelegationMemberFactory(delegation=delegation, name="Takashi Kawamura", role="head")
    DelegationMemberFactory(delegation=delegation, name="Aiko Tanaka")
    ItineraryItemFactory(delegation=delegation)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    for size, (width, height) in SIZES.items():
        context = browser.new_context(viewport={"width": width, "height": height})
        page = context.new_page()
        log_in(page, live_server, viewer.username)

        page.goto(f"{live_server.url}/engagements/")
        filters = page.get_by_role("search", name="Filter engagements")
        toggle = page.get_by_role("button", name="Filter", exact=True)
        if size == "phone":
            # The filters wait behind a button; each row's cells carry their column's name.
            assert not filters.is_visible()
            toggle.click()
            assert filters.is_visible()
            assert toggle.get_attribute("aria-expanded") == "true"
            toggle.click()
            cell = page.locator("#results tbody tr").first.locator("td").nth(2)
            label = cell.evaluate("td => getComputedStyle(td, '::before').content")
            assert label == '"Engagement"'
        else:
            assert filters.is_visible() and not toggle.is_visible()
        assert fits(page)
        page.screenshot(path=str(SCREENSHOTS / f"engagement-list-{size}.png"), full_page=True)

        page.goto(f"{live_server.url}/engagements/{engagement.pk}/")
        if size == "phone":
            member = page.locator("#section-members tbody td", has_text="Aiko Tanaka")
            assert member.get_attribute("data-label") == "Name"
        assert fits(page)
        page.screenshot(path=str(SCREENSHOTS / f"engagement-detail-{size}.png"), full_page=True)

        page.goto(f"{live_server.url}/dashboard/?period=last-12-months")
        for chart in ("chart-monthly", "chart-countries", "chart-topics", "chart-sdg"):
            page.wait_for_selector(f"#{chart}[data-drawn='true']")
        page.wait_for_selector("#world-map[data-drawn='true'] svg")
        assert fits(page)
        page.screenshot(path=str(SCREENSHOTS / f"dashboard-{size}.png"), full_page=True)
        context.close()


def test_the_map_and_charts_show_their_numbers_as_tables(
    page,
    live_server,
    viewer,
    los_angeles,
    reference_data,  # noqa: F811
):
    a_year_of_work(los_angeles, timezone.localdate())
    log_in(page, live_server, viewer.username)
    page.goto(f"{live_server.url}/dashboard/?period=last-12-months")

    map_table = page.locator("#table-map")
    map_table.get_by_text("Show as table").click()
    japan = map_table.get_by_role("row", name="Japan")
    assert japan.is_visible()
    # The map's own tooltip for Japan says the same number as the table.
    count = japan.locator("td").inner_text()
    page.wait_for_selector("#world-map[data-drawn='true'] svg")
    tooltip = page.locator("#world-map path.has-engagements title", has_text="Japan").text_content()
    assert tooltip.startswith(f"Japan: {count} engagement")
    assert page.locator("details.chart-table").count() == 5


def test_choosing_a_partner_keeps_the_keyboard_focus(page, live_server, editor, los_angeles):
    PartnerFactory(city=los_angeles, name="Busan Metropolitan City", country="KR")
    log_in(page, live_server, editor.username)
    page.goto(f"{live_server.url}/engagements/new/")
    page.get_by_label("Find a partner").fill("Busan")
    choice = page.locator("#partner-matches input[name=partners]")
    choice.wait_for()
    choice.focus()
    page.keyboard.press("Space")
    chosen = page.locator("#partner-selected input[name=partners]")
    chosen.wait_for()
    assert chosen.evaluate("box => box === document.activeElement")


def test_the_sdg_goals_are_one_tab_stop_until_opened(page, live_server, editor, los_angeles):
    log_in(page, live_server, editor.username)
    page.goto(f"{live_server.url}/engagements/new/")
    goals = page.locator(".sdg-picker details.sdg-goals")
    assert goals.evaluate("d => !d.open")
    assert page.locator(".sdg-picker details.sdg-goals details summary").first.is_hidden()
    # Tab stops from the page's top to "Save engagement": under 52 (65 before), where
    # each of the 17 goals used to be a stop of its own; the header's two language
    # buttons are 2 of them.
    stops = page.evaluate(
        """() => {
          const save = [...document.querySelectorAll('button')].find(
            b => b.textContent.trim() === 'Save engagement');
          const focusable = [...document.querySelectorAll(
            'a[href], button, input:not([type=hidden]), select, textarea, summary')]
            .filter(e => e.checkVisibility() && !e.disabled && e.tabIndex >= 0);
          const radioGroups = new Set();  // a radio group is one Tab stop
          return focusable.slice(0, focusable.indexOf(save) + 1).filter(e => {
            if (e.type !== 'radio') return true;
            if (radioGroups.has(e.name)) return false;
            radioGroups.add(e.name);
            return true;
          }).length;
        }"""
    )
    assert stops < 52, stops
    goals.locator("> summary").click()
    assert page.locator(".sdg-picker summary", has_text="Goal 11:").is_visible()


def test_a_confirmation_message_is_announced_without_an_axe_violation(
    page, live_server, editor, los_angeles
):
    # axe enters as an init script: the page's CSP refuses injected inline code.
    page.context.add_init_script(AXE)
    log_in(page, live_server, editor.username)
    page.goto(f"{live_server.url}/engagements/?kind=meeting")
    page.get_by_text("Saved views").click()
    page.get_by_label("Save these filters as").fill("Meetings")
    page.get_by_role("button", name="Save view").click()
    page.wait_for_load_state("load")

    status = page.get_by_role("status").filter(has_text="Saved the view")
    assert status.locator("ul.messages > li").count() == 1
    violations = page.evaluate(
        """async () => (await axe.run('#main > [role=status]', {
          runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
        })).violations.map(v => v.id)"""
    )
    assert violations == []
