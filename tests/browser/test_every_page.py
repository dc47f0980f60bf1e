"""Every page of the app, in Chromium at a phone's and a laptop's size, logged out,
as an editor, a viewer and a site admin: nothing wider than the screen, and
axe-core (WCAG 2.1 A/AA) finds no serious or critical violation.

A viewer opening an edit page sees the 403 page, so the refusals are audited too;
saved views show on the lists they belong to. Every <details> is opened before the
audit. Not pages: JSON endpoints (the dashboard's job status, the import's status,
the autocomplete), the CSV/PDF/iCalendar exports, the POST-only actions (the
reminder settings, a review's goals and narratives, a mission's delete and sharing) and
the dashboard's overlap-notice partial. The public visit-request form is audited in
English and in Spanish (the language cookie the header's switch sets).
"""

import datetime
import json
import time
from pathlib import Path

import pytest
from django.utils import timezone

from cities.models import SavedView, StaffMember
from engagements.choices import ImportKind, ImportStatus
from engagements.models import ExportJob, ImportJob
from engagements.services import engagement_delete
from missions.choices import PlanDirection
from missions.services import planned_mission_create
from reviews.services import local_review_create
from tests.conftest import log_in
from tests.factories import (
    CityNetworkFactory,
    CommitmentFactory,
    DelegationFactory,
    DelegationMemberFactory,
    EngagementFactory,
    FollowUpFactory,
    ItineraryItemFactory,
    NetworkMembershipFactory,
    PartnerFactory,
    PersonFactory,
    ProgressEntryFactory,
    SisterCityTieFactory,
)
from tests.visits.factories import make_visit_request
from transparency.services import public_profile_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

YEAR = timezone.localdate().year
AXE = (Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js").read_text()
SIZES = {"phone": (390, 844), "laptop": (1366, 900)}
AXE_RUN = """async () => {
  const r = await axe.run(document, {
    runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
    resultTypes: ['violations'],
  });
  return r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => ({
      id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ')),
    }));
}"""


# How far the page is wider than the screen, and the outermost elements that stick out.
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const over = document.documentElement.scrollWidth - width;
  if (over <= 0) return null;
  const culprits = [...document.body.querySelectorAll('*')]
    .filter(e => e.getBoundingClientRect().right > width + 1)
    .filter(e => !e.parentElement || e.parentElement.getBoundingClientRect().right <= width + 1)
    .slice(0, 3)
    .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
      (typeof e.className === 'string' && e.className
        ? '.' + e.className.trim().split(/\\s+/).join('.') : ''));
  return {over, culprits};
}"""


def staff_pages(r):
    """(name, path) of every page a city's staff open."""
    e, p, t, c = r["engagement"], r["partner"], r["tie"], r["commitment"]
    return [
        ("dashboard", "/dashboard/"),
        ("engagements", "/engagements/"),
        ("engagements filtered", "/engagements/?q=Nagoya&kind=inbound_delegation"),
        ("engagement", f"/engagements/{e.pk}/"),
        ("engagement edit", f"/engagements/{e.pk}/edit/"),
        ("engagement new", "/engagements/new/"),
        ("engagement delete", f"/engagements/{e.pk}/delete/"),
        ("delegation edit", f"/engagements/{e.pk}/delegation/"),
        ("member edit", f"/engagements/{e.pk}/members/{r['member'].pk}/edit/"),
        ("itinerary edit", f"/engagements/{e.pk}/itinerary/{r['item'].pk}/edit/"),
        ("follow-up edit", f"/engagements/{e.pk}/follow-ups/{r['follow_up'].pk}/edit/"),
        ("itinerary print", f"/engagements/{e.pk}/itinerary/print/"),
        ("follow-ups", "/follow-ups/"),
        ("gifts", "/gifts/"),
        ("upcoming", "/upcoming/"),
        ("partners", "/partners/"),
        ("partner", f"/partners/{p.pk}/"),
        ("partner new", "/partners/new/"),
        ("partner edit", f"/partners/{p.pk}/edit/"),
        ("person edit", f"/people/{r['person'].pk}/edit/"),
        ("person delete", f"/people/{r['person'].pk}/delete/"),
        ("ties", "/ties/"),
        ("tie", f"/ties/{t.pk}/"),
        ("tie new", "/ties/new/"),
        ("tie edit", f"/ties/{t.pk}/edit/"),
        ("tie end", f"/ties/{t.pk}/end/"),
        ("commitments", "/commitments/"),
        ("commitment", f"/commitments/{c.pk}/"),
        ("commitment new", "/commitments/new/"),
        ("commitment edit", f"/commitments/{c.pk}/edit/"),
        ("progress edit", f"/commitments/{c.pk}/progress/{r['progress'].pk}/edit/"),
        ("progress delete", f"/commitments/{c.pk}/progress/{r['progress'].pk}/delete/"),
        ("networks", "/networks/"),
        ("network new", "/networks/new/"),
        ("network edit", f"/networks/{r['membership'].pk}/edit/"),
        ("network end", f"/networks/{r['membership'].pk}/end/"),
        ("import", "/import/"),
        ("import job", f"/import/{r['import_job'].pk}/"),
        # The editor's exports; the viewer, not their requester, is audited on the 404 page.
        ("export job, writing", f"/export/jobs/{r['export_running'].pk}/"),
        ("export job, ready", f"/export/jobs/{r['export_done'].pk}/"),
        ("export job, failed", f"/export/jobs/{r['export_failed'].pk}/"),
        ("profile", "/profile/"),
        ("partner delete", f"/partners/{p.pk}/delete/"),
        ("trash", "/trash/"),
        ("visit requests", "/visit-requests/"),
        ("visit request", f"/visit-requests/{r['visit_request'].pk}/"),
        ("talking points", f"/briefings/{e.pk}/"),
        ("joint missions", "/missions/"),
        ("shared missions", "/missions/shared/"),
        ("mission new", "/missions/new/"),
        ("mission edit", f"/missions/{r['mission'].pk}/edit/"),
        ("local review", f"/vlr/los-angeles/{YEAR}/"),
        ("public-page settings", "/public-page/"),
        ("not found", "/engagements/999999/"),
    ]


def public_pages(r):
    """(name, path, language) of the pages anyone opens without logging in."""
    return [
        ("login", "/login/", None),
        ("visit request form", "/request/los-angeles/", None),
        ("visit request sent", "/request/los-angeles/sent/", None),
        ("visit request form, Spanish", "/request/los-angeles/", "es"),
        ("public page", "/public/los-angeles/", None),
        ("password set, bad link", "/password/set/MQ/bad-token/", None),
        ("password set done", "/password/set/done/", None),
    ]


def admin_pages(r):
    """The pages a site admin sees: the cross-city dashboard and any city's records."""
    return [
        ("cross-city dashboard", "/dashboard/"),
        ("city dashboard", "/dashboard/?city=los-angeles"),
        ("engagements", "/engagements/"),
        ("engagement", f"/engagements/{r['engagement'].pk}/"),
        ("follow-ups", "/follow-ups/"),
        ("partners", "/partners/"),
        ("ties", "/ties/"),
        ("commitments", "/commitments/"),
        ("networks", "/networks/"),
        ("profile", "/profile/"),
        ("cities", "/site-admin/cities/"),
        ("city new", "/site-admin/cities/new/"),
        ("city edit", "/site-admin/cities/los-angeles/edit/"),
        ("staff", "/site-admin/staff/"),
        ("staff invite", "/site-admin/staff/invite/"),
        ("staff edit", f"/site-admin/staff/{r['staff_member'].pk}/edit/"),
        ("trash", "/trash/"),
        ("visit requests", "/visit-requests/"),
        ("shared missions", "/missions/shared/"),
        ("local review", f"/vlr/los-angeles/{YEAR}/"),
        ("an editor's export job", f"/export/jobs/{r['export_running'].pk}/"),
    ]


def export_jobs(user, city) -> dict:
    """An export job of ``user``'s in each state its page shows."""
    jobs = {}
    for state, done in (("running", 40_000), ("done", 120_000), ("failed", 0)):
        jobs[f"export_{state}"] = ExportJob.objects.create(
            user=user,
            city=city,
            list_name="engagements",
            file_format="csv",
            query="kind=meeting",
            state=state,
            rows_total=120_000,
            rows_done=done,
            error="The server stopped while this file was being written." if done == 0 else "",
            finished_at=None if state == "running" else timezone.now(),
        )
    return jobs


@pytest.fixture
def records(los_angeles, editor, viewer):
    partner = PartnerFactory(city=los_angeles, name="City of Nagoya", country="JP")
    engagement = EngagementFactory(
        city=los_angeles, title="Nagoya delegation", kind="inbound_delegation", partners=[partner]
    )
    delegation = DelegationFactory(engagement=engagement)
    commitment = CommitmentFactory(city=los_angeles)
    engagement_delete(
        engagement=EngagementFactory(city=los_angeles, title="Busan call"), editor=editor
    )
    public_profile_create(city=los_angeles, editor=editor, is_published=True, introduction="Hello.")
    EngagementFactory(city=los_angeles, title="Port forum", is_public=True, partners=[partner])
    local_review_create(city=los_angeles, year=YEAR, editor=editor)
    for user in (editor, viewer):  # the saved views show on the lists they belong to
        SavedView.objects.create(
            user=user, list_name="engagement_list", name="Japan visits", query="partner_country=JP"
        )
        SavedView.objects.create(user=user, list_name="follow_up_list", name="Mine", query="mine=1")
    return {
        "engagement": engagement,
        "partner": partner,
        "person": PersonFactory(partner=partner, name="Aiko Tanaka"),
        "member": DelegationMemberFactory(
            delegation=delegation, name="Takashi Kawamura", role="head"
        ),
        "item": ItineraryItemFactory(delegation=delegation),
        "follow_up": FollowUpFactory(engagement=engagement, owner=editor),
        "tie": SisterCityTieFactory(city=los_angeles),
        "commitment": commitment,
        "progress": ProgressEntryFactory(commitment=commitment),
        "membership": NetworkMembershipFactory(
            city=los_angeles, network=CityNetworkFactory(name="Mayors for Peace", acronym="")
        ),
        "visit_request": make_visit_request(city=los_angeles),
        "mission": planned_mission_create(
            city=los_angeles,
            direction=PlanDirection.OUTBOUND,
            title="Trade mission to Japan",
            country="JP",
            month=datetime.date(YEAR + 1, 3, 1),
        ),
        "staff_member": StaffMember.objects.filter(user=editor).first(),
        **export_jobs(editor, los_angeles),
        "import_job": ImportJob.objects.create(
            city=los_angeles,
            user=editor,
            kind=ImportKind.ENGAGEMENTS,
            filename="engagements.csv",
            file_format="csv",
            data=b"",
            status=ImportStatus.INVALID,
            total_rows=2,
            processed_rows=2,
            summary={"new": 1, "error": 1},
            rows=[
                {"line": 2, "outcome": "new", "label": "Nagoya visit", "reasons": []},
                {
                    "line": 3,
                    "outcome": "error",
                    "label": "Busan call",
                    "reasons": ["Start date: enter a valid date."],
                },
            ],
        ),
    }


def audit(page, url):
    """How many pixels the page is wider than the screen, and axe's serious findings."""
    page.goto(url, wait_until="load")
    # Open every disclosure (filters, "Show as table", SDG goals) so what it hides is audited too.
    page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")
    return page.evaluate(OVERFLOW), page.evaluate(AXE_RUN)


def test_every_page_fits_a_phone_and_a_laptop_and_passes_axe(
    browser, live_server, records, editor, viewer, site_admin
):
    runs = [
        (None, public_pages(records)),
        (editor, staff_pages(records)),
        (viewer, staff_pages(records)),
        (site_admin, admin_pages(records)),
    ]
    problems = []
    started = time.monotonic()
    for size, (width, height) in SIZES.items():
        # One context per size: each persona logs in over the last one's session.
        context = browser.new_context(viewport={"width": width, "height": height})
        # axe-core loads into every page itself, so no <script> tag is added to audit it.
        context.add_init_script(AXE)
        page = context.new_page()
        for user, pages in runs:
            if user is not None:
                context.clear_cookies()
                log_in(page, live_server, user.username)
            who = user.username if user else "logged out"
            for name, path, *language in pages:
                if language and language[0]:
                    context.add_cookies(
                        [{"name": "django_language", "value": language[0], "url": live_server.url}]
                    )
                overflow, violations = audit(page, live_server.url + path)
                if overflow:
                    problems.append(
                        f"{size} {who} {name}: {overflow['over']}px wider than the screen"
                        f" ({', '.join(overflow['culprits'])})"
                    )
                for violation in violations:
                    problems.append(f"{size} {who} {name}: {json.dumps(violation)}")
                if language and language[0]:
                    context.clear_cookies(name="django_language")
        context.close()
    print(f"audited in {time.monotonic() - started:.0f}s")
    assert not problems, "\n".join(problems)
