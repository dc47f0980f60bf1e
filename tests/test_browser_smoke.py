"""The login page works in a real browser."""

import pytest

from tests.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_editor_logs_in_through_a_real_browser(page, live_server, editor, los_angeles):
    log_in(page, live_server, "la-editor")
    assert page.locator("h1").first.inner_text().startswith("Los Angeles")
