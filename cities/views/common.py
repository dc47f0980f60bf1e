"""What every staff page shares: the one door to records, submit-once tokens,
and turning a service's ValidationError into errors beside the fields.

Records are read through ``cities.scoping`` only: ``for_user`` for lists,
``get_for_user_or_404`` to read one (another city's record is a 404) and
``get_for_editor_or_404`` to change one (a viewer gets a 403).
"""

from __future__ import annotations

import hashlib
import logging
import time
import uuid

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from cities.caching import cached_or_built
from cities.scoping import (
    VIEWER_REFUSAL,
    can_edit,
    get_for_editor_or_404,
    get_for_user_or_404,
    is_site_admin,
    staff_city,
)

logger = logging.getLogger(__name__)

__all__ = [
    "SubmitOnce",
    "apply_errors",
    "filter_panel",
    "get_for_editor_or_404",
    "get_for_user_or_404",
    "new_record_city",
    "require_editor",
]


# What moves through a list without changing its filters.
PAGING_PARAMETERS = ("after", "before", "page")


def filter_panel(request, template: str, context: dict) -> str:
    """A list's filter panel as HTML, rendered once per city, language and filters.

    The panel costs a quarter of a list page (the choices of countries, topics,
    goals and owners, four queries and a few hundred options) and shows the
    same to every user of a city with the same filters; its choices are the
    user's city's (``users_for``, ``for_user``), so the city is its key, with
    the language and the query string but paging. A choice added meanwhile
    shows ``FILTER_PANEL_CACHE_SECONDS`` late at most.
    """
    user = request.user
    if is_site_admin(user):
        scope = "all"
    else:
        city = staff_city(user)
        scope = f"city{city.pk}" if city is not None else "none"
    query = sorted(
        (name, value)
        for name, values in request.GET.lists()
        if name not in PAGING_PARAMETERS
        for value in values
    )
    digest = hashlib.sha256(repr(query).encode()).hexdigest()[:32]
    key = f"filter-panel:{template}:{scope}:{translation.get_language()}:{digest}"
    html = cached_or_built(
        key,
        lambda: render_to_string(template, context, request=request),
        settings.FILTER_PANEL_CACHE_SECONDS,
    )
    # HTML our own template rendered, escaped there.
    return mark_safe(html)


def require_editor(request) -> None:
    """403 for a user who may read the city's records but not change them."""
    if not can_edit(request.user):
        raise PermissionDenied(VIEWER_REFUSAL)


def new_record_city(request):
    """The city a new record belongs to: the editor's own (a site admin has none)."""
    require_editor(request)
    city = staff_city(request.user)
    if city is None:
        raise PermissionDenied(_("A new record belongs to a city, and site admins have none."))
    return city


def apply_errors(form, error: ValidationError, rename: dict | None = None) -> None:
    """Show a service's ValidationError beside the form's fields (else above them).

    ``rename`` maps a service's argument names to the form's field names.
    """
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            field = (rename or {}).get(field, field)
            target = field if field in form.fields else None
            for item in errors:
                form.add_error(target, item)
    else:
        form.add_error(None, error)


class SubmitOnce:
    """A form's one-time token, so a double-clicked Save makes one record.

    Each rendered form carries a fresh UUID. The first POST claims it with an
    atomic ``cache.add``; when it succeeds it stores the URL of what it made.
    A second POST with the same token waits briefly for the first and is sent
    to that URL instead of making a second record. A failed first POST
    releases the token so the corrected form can be sent again. (The cache
    must be shared by every web process: CACHE_URL in production.)
    """

    PENDING = "pending"
    TIMEOUT = 6 * 3600
    WAIT_SECONDS = 5.0

    def __init__(self, request, field="form_token"):
        raw = request.POST.get(field, "")
        try:
            self.token = str(uuid.UUID(raw))
        except ValueError:
            self.token = None
        self.user_id = request.user.pk
        self.claimed = False

    @property
    def key(self):
        return f"submit-once:{self.user_id}:{self.token}"

    def earlier_result(self) -> str | None:
        """The URL a first submission of this form produced, or None to go ahead.

        Without the cache (Redis down) the guard steps aside: the save goes
        ahead, as it would without a token, rather than failing the user's work.
        """
        if self.token is None:
            return None
        deadline = time.monotonic() + self.WAIT_SECONDS
        try:
            while True:
                if cache.add(self.key, self.PENDING, self.TIMEOUT):
                    self.claimed = True
                    return None
                value = cache.get(self.key)
                if value and value != self.PENDING:
                    return value
                if time.monotonic() > deadline:
                    return None
                time.sleep(0.05)
        except Exception as error:  # each cache backend raises its own connection errors
            logger.warning("Double-submit guard off, the cache is unavailable: %r", error)
            return None

    def done(self, url: str) -> None:
        if self.token is not None:
            self._quietly(cache.set, self.key, url, self.TIMEOUT)

    def release(self) -> None:
        if self.claimed:
            self._quietly(cache.delete, self.key)
            self.claimed = False

    @staticmethod
    def _quietly(operation, *args) -> None:
        # The record is saved; a token the cache cannot keep only weakens the guard.
        try:
            operation(*args)
        except Exception as error:  # each cache backend raises its own connection errors
            logger.warning("Double-submit guard could not update the cache: %r", error)

    def repeat_response(self, request, url):
        """The answer to a repeated submission: the earlier record."""
        if getattr(request, "htmx", False):
            return HttpResponse(status=204)  # htmx leaves the page as it is
        return redirect(url)


def new_token() -> str:
    return str(uuid.uuid4())
