"""The engagement list, detail page and the forms to log, edit and duplicate one."""

import datetime
import re
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cities.choices import PartnerKind
from cities.models import Partner
from engagements.choices import EngagementKind, EngagementStatus
from engagements.models import Delegation, Engagement, Topic
from tests.factories import EngagementFactory, PartnerFactory, sdg_target

pytestmark = pytest.mark.django_db

LIST = reverse("engagement_list")
CREATE = reverse("engagement_create")


def detail(engagement):
    return reverse("engagement_detail", args=[engagement.pk])


def form_data(**overrides):
    data = {
        "kind": EngagementKind.MEETING,
        "status": EngagementStatus.PLANNED,
        "title": "Port of Nagoya working meeting",
        "start_date": "2026-05-04",
        "end_date": "",
        "location": "City Hall",
        "summary": "Green shipping corridor",
        "outcomes": "",
        "investment_usd": "",
        "jobs_announced": "",
        "owner": "",
        "form_token": str(uuid.uuid4()),
    }
    data.update(overrides)
    return data


@pytest.fixture
def nagoya(los_angeles):
    return PartnerFactory(city=los_angeles, name="City of Nagoya", country="JP")


@pytest.fixture
def engagement(los_angeles, nagoya):
    return EngagementFactory(
        city=los_angeles, title="Nagoya port delegation", partners=[nagoya], summary="Ports"
    )


# --- The list ---------------------------------------------------------------


def test_editor_sees_their_citys_engagements_and_not_another_citys(
    editor_client, engagement, seattle
):
    EngagementFactory(city=seattle, title="Kobe mayor visit")
    response = editor_client.get(LIST)
    content = response.content.decode()
    assert response.status_code == 200
    assert "Nagoya port delegation" in content
    assert "Kobe mayor visit" not in content
    assert "Log an engagement" in content


def test_viewer_sees_the_list_without_the_log_button(viewer_client, engagement):
    content = viewer_client.get(LIST).content.decode()
    assert "Nagoya port delegation" in content
    assert "Log an engagement" not in content


def test_anonymous_visitor_is_sent_to_log_in(client):
    response = client.get(LIST)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_list_filters_by_partner_country_and_shows_a_removable_chip(
    editor_client, los_angeles, engagement
):
    berlin = PartnerFactory(city=los_angeles, name="Berlin Senate", country="DE")
    EngagementFactory(city=los_angeles, title="Berlin climate talks", partners=[berlin])
    response = editor_client.get(LIST, {"partner_country": "DE"})
    content = response.content.decode()
    assert "Berlin climate talks" in content
    assert "Nagoya port delegation" not in content
    assert "Partner country: <strong>Germany</strong>" in content
    remove = re.search(r'href="([^"]*)" aria-label="Remove filter Partner country', content)
    assert remove and "partner_country" not in remove.group(1)


def test_site_admin_filters_every_citys_engagements_by_partner_country_once_each(
    admin_client_, los_angeles, seattle, engagement
):
    berlin = PartnerFactory(city=los_angeles, name="Berlin Senate", country="DE")
    munich = PartnerFactory(city=los_angeles, name="City of Munich", country="DE")
    hamburg = PartnerFactory(city=seattle, name="Port of Hamburg", country="DE")
    EngagementFactory(city=los_angeles, title="German cities forum", partners=[berlin, munich])
    EngagementFactory(city=seattle, title="Hamburg port visit", partners=[hamburg])

    response = admin_client_.get(LIST, {"partner_country": "DE"})

    titles = [row.title for row in response.context["page"]]
    assert sorted(titles) == ["German cities forum", "Hamburg port visit"]


def test_search_lists_an_engagement_once_when_its_title_and_partner_both_match(
    editor_client, los_angeles
):
    climate_office = PartnerFactory(city=los_angeles, name="Climate Office of Quebec")
    EngagementFactory(city=los_angeles, title="Climate pact signing", partners=[climate_office])

    response = editor_client.get(LIST, {"q": "climate"})

    assert [row.title for row in response.context["page"]] == ["Climate pact signing"]


def test_list_filters_by_kind_status_topic_sdg_goal_dates_and_owner(
    editor_client, los_angeles, editor
):
    climate = Topic.objects.get(code="climate")
    match = EngagementFactory(
        city=los_angeles,
        title="The match",
        kind=EngagementKind.CONFERENCE,
        status=EngagementStatus.CONFIRMED,
        start_date=datetime.date(2026, 6, 1),
        owner=editor,
    )
    match.topics.add(climate)
    match.sdg_targets.add(sdg_target("11.6"))
    EngagementFactory(city=los_angeles, title="Other one", start_date=datetime.date(2026, 6, 1))
    response = editor_client.get(
        LIST,
        {
            "kind": "conference",
            "status": "confirmed",
            "topic": "climate",
            "sdg_goal": "11",
            "start_after": "2026-05-01",
            "start_before": "2026-06-30",
            "owner": editor.pk,
        },
    )
    content = response.content.decode()
    assert "The match" in content
    assert "Other one" not in content


def test_search_finds_title_summary_and_partner_names(editor_client, los_angeles, engagement):
    EngagementFactory(city=los_angeles, title="Unrelated", summary="nothing here")
    by_partner = editor_client.get(LIST, {"q": "Nagoya"}).content.decode()
    by_summary = editor_client.get(LIST, {"q": "ports"}).content.decode()
    assert "Nagoya port delegation" in by_partner
    assert "Unrelated" not in by_partner
    assert "Nagoya port delegation" in by_summary


def test_columns_sort_and_say_so(editor_client, los_angeles):
    EngagementFactory(city=los_angeles, title="Bravo")
    EngagementFactory(city=los_angeles, title="Alpha")
    content = editor_client.get(LIST, {"ordering": "title"}).content.decode()
    assert content.index("Alpha") < content.index("Bravo")
    assert 'aria-sort="ascending"' in content
    content = editor_client.get(LIST, {"ordering": "-title"}).content.decode()
    assert content.index("Bravo") < content.index("Alpha")


def test_next_page_continues_after_the_last_row_without_overlap(editor_client, los_angeles):
    for n in range(60):
        EngagementFactory(
            city=los_angeles,
            title=f"Meeting {n:02d}",
            start_date=datetime.date(2026, 1, 1) + datetime.timedelta(days=n),
        )
    first = editor_client.get(LIST)
    assert len(first.context["page"]) == 50
    assert first.context["page"].count == 60
    next_url = re.search(r'rel="next" href="([^"]+)"', first.content.decode()).group(1)
    second = editor_client.get(LIST + next_url.replace("&amp;", "&"))
    titles_1 = {e.title for e in first.context["page"]}
    titles_2 = {e.title for e in second.context["page"]}
    assert len(titles_2) == 10
    assert not titles_1 & titles_2
    assert "Meeting 00" in titles_2  # oldest last, newest first
    prev_url = re.search(r'rel="prev" href="([^"]+)"', second.content.decode()).group(1)
    back = editor_client.get(LIST + prev_url.replace("&amp;", "&"))
    assert {e.title for e in back.context["page"]} == titles_1


def test_a_huge_result_is_counted_only_up_to_a_bound(editor_client, los_angeles, monkeypatch):
    from cities import pagination

    monkeypatch.setattr(pagination, "COUNT_LIMIT", 3)
    for n in range(5):
        EngagementFactory(city=los_angeles, title=f"E{n}")
    content = editor_client.get(LIST).content.decode()
    assert "3+ engagements" in content


def test_list_rows_link_to_their_engagement_and_partners(editor_client, los_angeles):
    partner = PartnerFactory(city=los_angeles, name="Port of Nagoya")
    engagement = EngagementFactory(city=los_angeles, partners=[partner])
    content = editor_client.get(LIST).content.decode()
    assert f'<a href="{detail(engagement)}">' in content
    assert f'<a href="{reverse("partner_detail", args=[partner.pk])}">Port of Nagoya</a>' in content


def test_list_queries_do_not_grow_with_rows(
    editor_client, los_angeles, django_assert_max_num_queries
):
    partner = PartnerFactory(city=los_angeles)
    climate = Topic.objects.get(code="climate")
    EngagementFactory(city=los_angeles, partners=[partner]).topics.add(climate)
    # 11: session, user with city; the rows, partners, topics, count; the filters'
    # choices (topics, SDG goals, owners); the user's saved views; the bulk owners.
    with django_assert_max_num_queries(11):
        response = editor_client.get(LIST, {"partner_country": "JP", "q": "Engagement"})
    assert len(response.context["page"]) == 1
    for n in range(49):
        EngagementFactory(
            city=los_angeles, partners=[partner], start_date=datetime.date(2025, 1, 1 + n % 28)
        ).topics.add(climate)
    # 11: session, user with city; the rows, partners, topics, count; the filters'
    # choices (topics, SDG goals, owners); the user's saved views; the bulk owners.
    with django_assert_max_num_queries(11):
        response = editor_client.get(LIST, {"partner_country": "JP", "q": "Engagement"})
    assert len(response.context["page"]) == 50


def _filter_panel(response) -> str:
    content = response.content.decode()
    start = content.index('<form class="filters card"')
    return content[start : content.index("</form>", start)]


def _owner_choices(panel: str) -> str:
    start = panel.index('<select name="owner"')
    return panel[start : panel.index("</select>", start)]


def test_a_city_shares_its_filter_panel_and_keeps_it_to_itself(
    client, editor, viewer, other_editor
):
    """The panel (countries, topics, goals, owners) is rendered once for a city's
    staff with the same filters; another city's staff get their own choices."""
    client.force_login(editor)
    with CaptureQueriesContext(connection) as rendered:
        panel = _filter_panel(client.get(LIST, {"kind": "meeting"}))
    assert f'<option value="{editor.pk}">' in _owner_choices(panel)
    assert re.search(r'value="meeting"[^>]* checked', panel)

    client.force_login(viewer)
    with CaptureQueriesContext(connection) as reused:
        assert _filter_panel(client.get(LIST, {"kind": "meeting"})) == panel
    # The choices of topics, SDG goals and owners are not read again.
    assert len(reused) == len(rendered) - 3

    assert re.search(
        r'value="conference"[^>]* checked', _filter_panel(client.get(LIST, {"kind": "conference"}))
    )

    client.force_login(other_editor)
    elsewhere = _filter_panel(client.get(LIST, {"kind": "meeting"}))
    assert f'<option value="{other_editor.pk}">' in _owner_choices(elsewhere)
    assert f'<option value="{editor.pk}">' not in _owner_choices(elsewhere)


def test_htmx_filtering_returns_just_the_results(editor_client, engagement):
    response = editor_client.get(
        LIST, {"q": "Nagoya"}, headers={"HX-Request": "true", "HX-Target": "results"}
    )
    content = response.content.decode()
    assert "Nagoya port delegation" in content
    assert "<html" not in content


# --- The detail page ----------------------------------------------------------


def test_editor_sees_the_detail_with_edit_buttons(editor_client, engagement):
    content = editor_client.get(detail(engagement)).content.decode()
    assert "Nagoya port delegation" in content
    assert "City of Nagoya" in content
    assert reverse("engagement_edit", args=[engagement.pk]) in content
    assert "Log a similar one" in content


def test_viewer_sees_the_detail_read_only(viewer_client, engagement):
    content = viewer_client.get(detail(engagement)).content.decode()
    assert "Nagoya port delegation" in content
    assert reverse("engagement_edit", args=[engagement.pk]) not in content
    assert "Add a follow-up" not in content


def test_another_citys_editor_gets_404_on_detail(other_client, engagement):
    assert other_client.get(detail(engagement)).status_code == 404


def test_a_sensitive_partners_note_shows_as_a_banner(editor_client, los_angeles, engagement):
    Partner.objects.filter(city=los_angeles).update(sensitivity_note="Sanctions review pending")
    content = editor_client.get(detail(engagement)).content.decode()
    assert "Sanctions review pending" in content
    assert "banner-warning" in content


def test_detail_queries_are_bounded(editor_client, engagement, django_assert_max_num_queries):
    # 10: session, user with city, the engagement and its six parts (no form until asked).
    with django_assert_max_num_queries(10):
        assert editor_client.get(detail(engagement)).status_code == 200


# --- Logging and editing --------------------------------------------------------


def test_editor_logs_an_inbound_delegation_with_a_new_partner_and_an_sdg_target(
    editor_client, los_angeles, editor
):
    target = sdg_target("11.6")
    response = editor_client.post(
        CREATE,
        form_data(
            kind=EngagementKind.INBOUND_DELEGATION,
            title="Busan mayor's visit",
            new_partner_name="Busan Metropolitan City",
            new_partner_country="KR",
            new_partner_kind=PartnerKind.CITY_GOVERNMENT,
            sdg_targets=[target.pk],
            topics=[Topic.objects.get(code="trade").pk],
        ),
    )
    engagement = Engagement.objects.get(title="Busan mayor's visit")
    assert response.status_code == 302
    assert response.url == detail(engagement)
    assert engagement.city == los_angeles
    assert engagement.owner == editor
    assert [p.name for p in engagement.partners.all()] == ["Busan Metropolitan City"]
    assert list(engagement.sdg_targets.all()) == [target]
    assert Delegation.objects.get(engagement=engagement).direction == "inbound"


def test_a_form_with_an_error_keeps_what_was_typed_and_says_why_beside_the_field(
    editor_client, nagoya
):
    response = editor_client.post(
        CREATE,
        form_data(
            title="Typed title survives",
            start_date="2026-05-04",
            end_date="2026-05-01",
            partners=[nagoya.pk],
            sdg_targets=[sdg_target("11.6").pk],
            new_partner_name="Kept new partner",
            new_partner_country="FR",
            new_partner_kind=PartnerKind.BUSINESS,
        ),
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert not Engagement.objects.filter(title="Typed title survives").exists()
    assert 'value="Typed title survives"' in content
    assert 'value="Kept new partner"' in content
    assert f'name="partners" value="{nagoya.pk}" checked' in content
    assert f'value="{sdg_target("11.6").pk}" checked' in content
    assert "The end date cannot be before the start date." in content
    assert not Partner.objects.filter(name="Kept new partner").exists()


def test_a_double_clicked_save_creates_one_engagement(editor_client):
    data = form_data(title="Only once")
    first = editor_client.post(CREATE, data)
    second = editor_client.post(CREATE, data)
    assert Engagement.objects.filter(title="Only once").count() == 1
    assert second.status_code == 302
    assert second.url == first.url


def test_another_citys_partner_is_refused(editor_client, seattle):
    foreign = PartnerFactory(city=seattle, name="Seattle's partner")
    response = editor_client.post(CREATE, form_data(title="Sneaky", partners=[foreign.pk]))
    assert response.status_code == 200
    assert not Engagement.objects.filter(title="Sneaky").exists()
    assert "Select a valid choice" in response.content.decode()


def test_the_service_refuses_another_citys_partner_too(los_angeles, seattle, editor):
    from django.core.exceptions import ValidationError

    from engagements.services import engagement_create

    foreign = PartnerFactory(city=seattle)
    with pytest.raises(ValidationError):
        engagement_create(
            city=los_angeles,
            author=editor,
            kind="meeting",
            title="x",
            start_date=datetime.date(2026, 1, 1),
            partners=[foreign],
        )


def test_a_likely_duplicate_new_partner_is_warned_about(editor_client, nagoya):
    data = form_data(
        title="With a duplicate",
        new_partner_name="Nagoya City",
        new_partner_country="JP",
        new_partner_kind=PartnerKind.CITY_GOVERNMENT,
    )
    response = editor_client.post(CREATE, data)
    content = response.content.decode()
    assert "Likely a duplicate of: City of Nagoya" in content
    assert not Engagement.objects.filter(title="With a duplicate").exists()
    data.update(new_partner_confirmed="on", form_token=str(uuid.uuid4()))
    assert editor_client.post(CREATE, data).status_code == 302
    assert Partner.objects.filter(name="Nagoya City").exists()


def test_the_find_button_searches_partners_without_saving(editor_client, nagoya):
    response = editor_client.post(
        CREATE, form_data(title="Not yet", partner_q="nagoya", _find_partner="1")
    )
    content = response.content.decode()
    assert f'name="partners" value="{nagoya.pk}"' in content
    assert 'value="Not yet"' in content
    assert not Engagement.objects.filter(title="Not yet").exists()


def test_partner_autocomplete_lists_only_the_users_citys_partners(editor_client, nagoya, seattle):
    PartnerFactory(city=seattle, name="Nagoya Seattle office")
    content = editor_client.get(
        reverse("partner_autocomplete"), {"partner_q": "nagoya"}
    ).content.decode()
    assert "City of Nagoya" in content
    assert "Nagoya Seattle office" not in content


def test_viewer_gets_403_on_create_and_edit(viewer_client, engagement):
    assert viewer_client.get(CREATE).status_code == 403
    assert viewer_client.post(CREATE, form_data()).status_code == 403
    assert viewer_client.get(reverse("engagement_edit", args=[engagement.pk])).status_code == 403
    assert viewer_client.post(reverse("engagement_delete", args=[engagement.pk])).status_code == 403
    assert Engagement.objects.count() == 1


def test_another_citys_editor_gets_404_on_edit(other_client, engagement):
    assert other_client.get(reverse("engagement_edit", args=[engagement.pk])).status_code == 404
    assert other_client.post(reverse("engagement_delete", args=[engagement.pk])).status_code == 404


def test_editor_edits_an_engagement(editor_client, engagement, nagoya):
    url = reverse("engagement_edit", args=[engagement.pk])
    form = editor_client.get(url)
    assert 'value="Nagoya port delegation"' in form.content.decode()
    response = editor_client.post(
        url,
        form_data(title="Renamed", status=EngagementStatus.COMPLETED, partners=[nagoya.pk]),
    )
    assert response.status_code == 302
    engagement.refresh_from_db()
    assert engagement.title == "Renamed"
    assert list(engagement.partners.all()) == [nagoya]


def test_edit_with_an_error_keeps_input(editor_client, engagement):
    url = reverse("engagement_edit", args=[engagement.pk])
    response = editor_client.post(url, form_data(title="Changed", investment_usd="-5"))
    content = response.content.decode()
    assert 'value="Changed"' in content
    assert "Investment cannot be negative." in content
    engagement.refresh_from_db()
    assert engagement.title == "Nagoya port delegation"


def test_log_a_similar_one_starts_from_the_earlier_engagement(editor_client, engagement, nagoya):
    response = editor_client.get(CREATE, {"from": engagement.pk})
    content = response.content.decode()
    assert 'value="Nagoya port delegation"' in content
    assert f'name="partners" value="{nagoya.pk}" checked' in content


def test_log_a_similar_one_from_another_citys_engagement_is_404(other_client, engagement):
    assert other_client.get(CREATE, {"from": engagement.pk}).status_code == 404


def test_editor_deletes_an_engagement(editor_client, engagement):
    response = editor_client.post(reverse("engagement_delete", args=[engagement.pk]))
    assert response.status_code == 302
    assert not Engagement.objects.filter(pk=engagement.pk).exists()
