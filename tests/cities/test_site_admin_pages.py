"""Site admins manage the installation from the app: participating cities (with
their language, time zone and paper) and staff (invited by email, given a role,
deactivated), without the Django admin. Nobody else reaches these pages."""

import re
import uuid

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.urls import reverse
from rest_framework.authtoken.models import Token

from cities.choices import PaperSize, StaffRole
from cities.models import CalendarFeed, ParticipatingCity, StaffMember
from tests.factories import CityFactory, ParticipatingCityFactory, StaffMemberFactory

pytestmark = pytest.mark.django_db

User = get_user_model()

CITY_LIST = reverse("site_admin_city_list")
CITY_CREATE = reverse("site_admin_city_create")
STAFF_LIST = reverse("site_admin_staff_list")
STAFF_INVITE = reverse("site_admin_staff_invite")


def city_form(**changes):
    data = {
        "name": "Osaka",
        "country": "JP",
        "region": "Osaka",
        "slug": "osaka",
        "office_name": "International Affairs Division",
        "mayor": "",
        "contact_name": "",
        "contact_email": "",
        "contact_phone": "",
        "locale": "es",  # a language the interface speaks
        "time_zone": "Asia/Tokyo",
        "paper_size": "",
        "form_token": str(uuid.uuid4()),
    }
    data.update(changes)
    return data


# --- Who may enter ---------------------------------------------------------------


@pytest.mark.parametrize("persona", ["editor_client", "viewer_client", "other_client"])
def test_only_site_admins_reach_the_site_admin_pages(request, persona, los_angeles, viewer):
    client = request.getfixturevalue(persona)
    member = viewer.staff
    gets = [
        CITY_LIST,
        CITY_CREATE,
        reverse("site_admin_city_edit", args=[los_angeles.slug]),
        STAFF_LIST,
        STAFF_INVITE,
        reverse("site_admin_staff_edit", args=[member.pk]),
    ]
    for url in gets:
        assert client.get(url).status_code == 403, url
    posts = [
        reverse("site_admin_staff_deactivate", args=[member.pk]),
        reverse("site_admin_staff_reactivate", args=[member.pk]),
        reverse("site_admin_staff_edit", args=[member.pk]),
    ]
    for url in posts:
        assert client.post(url, {"role": StaffRole.EDITOR}).status_code == 403, url
    member.refresh_from_db()
    assert member.role == StaffRole.VIEWER and member.user.is_active


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(STAFF_LIST)
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_nav_offers_cities_and_staff_to_site_admins_and_not_the_django_admin(
    client, site_admin, editor
):
    client.force_login(site_admin)
    admin_page = client.get(CITY_LIST).content.decode()
    assert 'href="/site-admin/cities/"' in admin_page
    client.force_login(editor)
    staff_page = client.get(reverse("engagement_list")).content.decode()
    assert "/site-admin/" not in staff_page
    assert 'href="/admin/"' not in staff_page


# --- Participating cities --------------------------------------------------------


def test_site_admin_lists_cities_in_a_fixed_number_of_queries(
    admin_client_, los_angeles, seattle, django_assert_max_num_queries
):
    for n in range(10):
        ParticipatingCityFactory(city=CityFactory(name=f"Extra {n}"))
    with django_assert_max_num_queries(6):
        response = admin_client_.get(CITY_LIST)
    content = response.content.decode()
    assert response.status_code == 200
    assert "Los Angeles" in content and "Seattle" in content
    assert "12 cities" in content


def test_site_admin_adds_a_city_with_its_settings(admin_client_):
    response = admin_client_.post(CITY_CREATE, city_form())
    assert response.status_code == 302
    city = ParticipatingCity.objects.get(slug="osaka")
    assert city.name == "Osaka" and city.city.country.code == "JP"
    assert (city.locale, city.time_zone, city.paper_size) == ("es", "Asia/Tokyo", PaperSize.A4)


def test_a_new_us_city_prints_on_letter_paper_by_default(admin_client_):
    data = city_form(name="Portland", country="US", slug="portland", locale="en", time_zone="UTC")
    assert admin_client_.post(CITY_CREATE, data).status_code == 302
    assert ParticipatingCity.objects.get(slug="portland").paper_size == PaperSize.LETTER


def test_a_city_with_a_bad_slug_or_time_zone_keeps_what_was_typed(admin_client_):
    response = admin_client_.post(
        CITY_CREATE, city_form(slug="Not a slug!", time_zone="Mars/Olympus")
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert 'value="Osaka"' in content and 'value="Not a slug!"' in content
    assert "Mars/Olympus is not one of the available choices" in content
    assert not ParticipatingCity.objects.filter(city__name="Osaka").exists()


def test_a_taken_slug_is_refused_beside_the_field(admin_client_, los_angeles):
    response = admin_client_.post(CITY_CREATE, city_form(slug="los-angeles"))
    assert response.status_code == 200
    assert "already exists" in response.content.decode()


def test_site_admin_edits_a_citys_name_and_settings(admin_client_, los_angeles):
    url = reverse("site_admin_city_edit", args=[los_angeles.slug])
    form = admin_client_.get(url).context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data.update(name="City of Los Angeles", paper_size=PaperSize.A4, time_zone="America/Denver")
    response = admin_client_.post(url, data)
    assert response.status_code == 302
    los_angeles.refresh_from_db()
    los_angeles.city.refresh_from_db()
    assert los_angeles.name == "City of Los Angeles"
    assert (los_angeles.paper_size, los_angeles.time_zone) == (PaperSize.A4, "America/Denver")
    assert los_angeles.history.first().history_user.username == "admin"


# --- Staff and roles ------------------------------------------------------------


def test_site_admin_lists_staff_in_a_fixed_number_of_queries(
    admin_client_, editor, viewer, other_editor, django_assert_max_num_queries
):
    with django_assert_max_num_queries(7):
        response = admin_client_.get(STAFF_LIST)
    assert len(response.context["page"]) == 3
    for _ in range(20):
        StaffMemberFactory(city=editor.staff.city)
    with django_assert_max_num_queries(7):
        response = admin_client_.get(STAFF_LIST, {"city": "los-angeles"})
    assert len(response.context["page"]) == 22
    assert "seattle-editor" not in response.content.decode()


def test_inviting_someone_makes_their_account_and_emails_a_set_password_link(
    admin_client_, client, los_angeles, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client_.post(
            STAFF_INVITE,
            {
                "email": "Kenji.Sato@LA.example.gov",
                "first_name": "Kenji",
                "last_name": "Sato",
                "city": los_angeles.pk,
                "role": StaffRole.EDITOR,
                "form_token": str(uuid.uuid4()),
            },
        )
    assert response.status_code == 302
    user = User.objects.get(email__iexact="kenji.sato@la.example.gov")
    assert not user.has_usable_password()
    assert user.staff.city == los_angeles and user.staff.role == StaffRole.EDITOR
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [user.email]
    assert "Los Angeles" in message.body and "Editor" in message.body
    link = re.search(r"https?://[^/\s]+(/password/set/\S+)", message.body).group(1)

    # The link lets them choose a password, then they log in with it.
    admin_client_.logout()
    page = client.get(link, follow=True)
    assert page.status_code == 200 and "Choose your password" in page.content.decode()
    set_url = page.redirect_chain[-1][0] if page.redirect_chain else link
    done = client.post(
        set_url, {"new_password1": "a-long-new-pass-42", "new_password2": "a-long-new-pass-42"}
    )
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password("a-long-new-pass-42")
    logged_in = client.post(
        reverse("login"), {"username": user.username, "password": "a-long-new-pass-42"}
    )
    assert logged_in.status_code == 302


def test_inviting_an_address_already_in_use_is_refused_and_keeps_the_input(
    admin_client_, editor, los_angeles
):
    response = admin_client_.post(
        STAFF_INVITE,
        {
            "email": editor.email.upper(),
            "first_name": "Typed",
            "city": los_angeles.pk,
            "role": StaffRole.VIEWER,
        },
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "already has an account" in content and 'value="Typed"' in content
    assert len(mail.outbox) == 0


def test_site_admin_changes_a_viewers_role_to_editor(admin_client_, viewer):
    member = viewer.staff
    response = admin_client_.post(
        reverse("site_admin_staff_edit", args=[member.pk]),
        {"city": member.city_id, "role": StaffRole.EDITOR},
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.role == StaffRole.EDITOR
    assert member.history.first().history_user.username == "admin"


def test_deactivating_a_staff_member_ends_their_login_token_and_feed(
    admin_client_, editor, los_angeles
):
    Token.objects.create(user=editor)
    CalendarFeed.objects.create(user=editor, city=los_angeles)
    response = admin_client_.post(reverse("site_admin_staff_deactivate", args=[editor.staff.pk]))
    assert response.status_code == 302
    editor.refresh_from_db()
    assert not editor.is_active
    assert not Token.objects.filter(user=editor).exists()
    assert not CalendarFeed.objects.active().filter(user=editor).exists()
    assert StaffMember.objects.filter(user=editor).exists()  # history keeps their name
    refused = Client().post(
        reverse("login"), {"username": "la-editor", "password": "secret-pass-123"}
    )
    assert refused.status_code == 200  # the form again: a closed account cannot log in

    admin_client_.post(reverse("site_admin_staff_reactivate", args=[editor.staff.pk]))
    editor.refresh_from_db()
    assert editor.is_active


# --- The Django admin stays for superusers -----------------------------------


def test_the_django_admin_is_branded_diplomacy_desk(admin_client_):
    content = admin_client_.get("/admin/").content.decode()
    assert "Diplomacy Desk administration" in content
    assert "Django administration" not in content


def test_technical_tables_are_for_superusers_only(client, los_angeles, site_admin):
    # A user with admin access but not a superuser (an old "staff" account).
    staff = StaffMemberFactory(city=los_angeles, role=StaffRole.EDITOR).user
    staff.is_staff = True
    staff.save()
    from django.contrib.auth.models import Permission

    staff.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label__in=["axes", "django_celery_beat", "authtoken", "auth"]
        )
    )
    client.force_login(staff)
    index = client.get("/admin/").content.decode()
    for technical in ("Access attempts", "Periodic tasks", "Tokens", "Groups", "City reports"):
        assert technical not in index, technical
    assert client.get("/admin/django_celery_beat/periodictask/").status_code == 403
    assert client.get("/admin/axes/accessattempt/").status_code == 403

    client.force_login(site_admin)
    superuser_index = client.get("/admin/").content.decode()
    assert "Periodic tasks" in superuser_index


def test_the_site_admin_address_opens_the_cities(admin_client_):
    response = admin_client_.get("/site-admin/")

    assert response.status_code == 302 and response.url == "/site-admin/cities/"
