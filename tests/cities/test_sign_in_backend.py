"""The signed-in user is loaded with their city once a request; older sessions still work."""

import pytest
from django.urls import reverse

from cities.backends import StaffBackend

pytestmark = pytest.mark.django_db


def test_the_signed_in_user_comes_with_their_city(editor, django_assert_num_queries):
    with django_assert_num_queries(1):
        user = StaffBackend().get_user(editor.pk)
        assert user.staff.city.city.name == "Los Angeles"
        assert getattr(user, "preference", None) is None


def test_an_inactive_user_is_not_loaded(editor):
    editor.is_active = False
    editor.save()
    assert StaffBackend().get_user(editor.pk) is None


def test_a_session_signed_in_before_the_change_stays_signed_in(client, editor):
    client.force_login(editor, backend="django.contrib.auth.backends.ModelBackend")
    response = client.get(reverse("engagement_list"))
    assert response.status_code == 200
    assert response.context["staff_city"].pk == editor.staff.city_id
