"""The staff page where a city opts in to its public page and open data."""

from transparency.models import PublicProfile

URL = "/public-page/"


def test_editor_opts_the_city_in_and_the_public_page_opens(
    editor_client, los_angeles, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            URL, {"is_published": "on", "licence": "CC0-1.0", "introduction": "Hello, world."}
        )
    assert response.status_code == 302
    profile = PublicProfile.objects.get(city=los_angeles)
    assert (profile.is_published, profile.licence, profile.publishes_gift_values) == (
        True,
        "CC0-1.0",
        False,
    )
    editor_client.logout()
    assert "Hello, world." in client.get("/public/los-angeles/").content.decode()


def test_a_bad_licence_is_shown_again_with_what_was_typed(editor_client, los_angeles):
    response = editor_client.post(URL, {"licence": "all-rights", "introduction": "Typed text"})
    assert response.status_code == 400
    assert "Typed text" in response.content.decode()
    assert not PublicProfile.objects.exists()


def test_viewer_sees_the_settings_but_cannot_change_them(viewer_client, los_angeles):
    page = viewer_client.get(URL)
    assert page.status_code == 200 and '<form method="post" novalidate' not in page.content.decode()
    assert viewer_client.post(URL, {"is_published": "on", "licence": "CC0-1.0"}).status_code == 403
    assert not PublicProfile.objects.exists()


def test_each_city_sets_only_its_own_profile(other_client, los_angeles, seattle):
    other_client.post(URL, {"is_published": "on", "licence": "CC-BY-4.0"})
    assert list(PublicProfile.objects.values_list("city__slug", flat=True)) == ["seattle"]
    assert other_client.get("/public/los-angeles/").status_code == 404


def test_staff_without_a_city_and_visitors_are_refused(client, site_admin, db):
    assert client.get(URL).status_code == 302  # to the login page
    client.force_login(site_admin)
    assert client.get(URL).status_code == 404


def test_settings_page_query_count(editor_client, los_angeles, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        assert editor_client.get(URL).status_code == 200
