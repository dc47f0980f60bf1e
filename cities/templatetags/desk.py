"""Template helpers of the staff pages: links that keep the filters, sortable
column headers, removable filter chips, form fields, submit-once tokens, row links."""

from __future__ import annotations

import functools
import uuid
from decimal import Decimal

from django import template
from django.contrib.auth.base_user import AbstractBaseUser
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from django.utils.translation import get_language

from cities import locales

register = template.Library()

PAGING = ("page", "after", "before")


def _query(params, **changes) -> str:
    """``?…`` of ``params`` without paging, with ``changes`` applied (None removes)."""
    data = params.copy()
    for key in PAGING:
        data.pop(key, None)
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data.setlist(key, [str(value)])
    encoded = data.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.simple_tag(takes_context=True)
def page_link(context, params: dict) -> str:
    """The current URL's filters and sort, on another page."""
    request = context["request"]
    query = _query(request.GET)
    extra = urlencode(params)
    return f"{query}&{extra}" if query != "?" else f"?{extra}"


@register.simple_tag(takes_context=True)
def sort_header(context, key: str, label: str):
    """A column header that sorts by ``key``, toggling direction, with aria-sort."""
    request = context["request"]
    current = context.get("sort") or ""
    if current == key:
        state, target = "ascending", f"-{key}"
    elif current == f"-{key}":
        state, target = "descending", key
    else:
        state, target = "none", key
    arrow = {"ascending": " ▲", "descending": " ▼", "none": ""}[state]
    return format_html(
        '<th scope="col" aria-sort="{}"><a href="{}">{}<span aria-hidden="true">{}</span></a></th>',
        state,
        _query(request.GET, ordering=target),
        label,
        arrow,
    )


def _display(field, value) -> str:
    if value in (None, "", [], ()):
        return ""
    choices = dict(getattr(field, "choices", []) or [])
    if isinstance(value, AbstractBaseUser):
        return user_name(value)
    if hasattr(value, "_meta"):
        return str(value)
    if hasattr(value, "strftime"):
        return value.strftime("%-d %b %Y")
    return str(choices.get(value, value))


@register.simple_tag(takes_context=True)
def active_filters(context, filterset) -> list[dict]:
    """The filters in force, each with the URL that removes it (one per value)."""
    request = context["request"]
    if filterset is None or not filterset.is_bound or not filterset.form.is_valid():
        return []
    chips = []
    form = filterset.form
    for name, value in form.cleaned_data.items():
        if name == "ordering" or value in (None, "", [], ()):
            continue
        field = form.fields[name]
        label = field.label or name.replace("_", " ").capitalize()
        if isinstance(value, list | tuple):
            for item in value:
                remaining = [str(v) for v in value if v != item]
                data = request.GET.copy()
                data.setlist(name, remaining)
                chips.append(
                    {
                        "label": label,
                        "value": _display(field, item),
                        "url": _query(data),
                    }
                )
        else:
            chips.append(
                {
                    "label": label,
                    "value": _display(field, value),
                    "url": _query(request.GET, **{name: None}),
                }
            )
    return chips


@register.simple_tag
def form_token():
    """A fresh one-time token: a double-clicked Save makes one record (see SubmitOnce)."""
    return format_html('<input type="hidden" name="form_token" value="{}">', uuid.uuid4())


@register.inclusion_tag("includes/field.html")
def field(bound_field, wide=False):
    return {"field": bound_field, "wide": wide}


@register.filter
def cell(record, attribute: str):
    """A list row's value by attribute name (calling ``get_…_display`` methods)."""
    value = getattr(record, attribute, "")
    value = value() if callable(value) else value
    if value is None or value == "":
        return "—"
    if isinstance(value, AbstractBaseUser):
        return user_name(value)
    if isinstance(value, Decimal):
        return f"{value:,.2f}"
    if hasattr(value, "strftime") and hasattr(value, "hour"):
        return value.strftime("%H:%M")
    if hasattr(value, "strftime"):
        return value.strftime("%-d %b %Y")
    return value


@register.filter
def percent(fraction) -> int:
    return 0 if fraction is None else round(float(fraction) * 100)


@register.filter
def usd(amount) -> str:
    """An amount in U.S. dollars as the page's locale writes it ("$1,200,000", "1.200.000 US$")."""
    return "—" if amount is None or amount == "" else locales.usd(Decimal(str(amount)))


@register.filter
def bar_percent(fraction) -> int:
    """The width of a progress bar, 0-100: a ``pct-N`` class (no inline style under the CSP)."""
    return min(max(percent(fraction), 0), 100)


@register.filter
def is_checkbox(bound_field) -> bool:
    return bound_field.widget_type == "checkbox"


@register.filter
def is_multi_checkbox(bound_field) -> bool:
    return bound_field.widget_type in ("checkboxselectmultiple", "radioselect")


@register.simple_tag(takes_context=True)
def page_number_link(context, number: int) -> str:
    return page_link(context, {"page": number})


@register.filter
def user_name(user) -> str:
    """A user as staff know them: full name, else username; a dash for nobody."""
    from cities.selectors import user_display_name

    return user_display_name(user)


@register.simple_tag(takes_context=True)
def saved_views(context, list_name: str):
    """The user's saved views of a list, by name (one query)."""
    from cities.models import SavedView

    user = context["request"].user
    return list(SavedView.objects.filter(user=user, list_name=list_name).only("name", "query"))


@register.simple_tag(takes_context=True)
def filter_inputs(context):
    """The list's current filters as hidden fields (paging and ticks left out), so a
    form beside the list acts on what the list shows."""
    request = context["request"]
    return format_html_join(
        "",
        '<input type="hidden" name="{}" value="{}">',
        (
            (key, value)
            for key, values in request.GET.lists()
            if key not in (*PAGING, "selected")
            for value in values
        ),
    )


# A stand-in primary key: reversed once, then replaced by each row's.
_PK_PLACEHOLDER = 918273645
_row_urls: dict[tuple, tuple[str, str]] = {}


@register.filter
def short_date(value) -> str:
    """``value|date:"SHORT_DATE_FORMAT"`` for the rows of a long list, each day
    formatted once per language: formatting one cost a fifth of a row."""
    if not value:
        return ""
    return _short_date(value, get_language())


@functools.lru_cache(maxsize=4096)
def _short_date(value, language) -> str:
    # ``language`` is the active one, which date_format reads: it keys the cache.
    return date_format(value, "SHORT_DATE_FORMAT")


@register.simple_tag
def row_url(name: str, pk) -> str:
    """``{% url name pk %}`` for the rows of a long list, at a fraction of the cost.

    Reversing walks the URL patterns each time: 100 links a list page (rows and
    their partners) cost more than the rest of a row. The URL of a stand-in key
    is reversed once per pattern, script prefix and language, then each row's
    key is put in its place.
    """
    key = (name, get_urlconf(), get_script_prefix(), get_language())
    if (parts := _row_urls.get(key)) is None:
        before, _, after = reverse(name, args=[_PK_PLACEHOLDER]).partition(str(_PK_PLACEHOLDER))
        parts = _row_urls[key] = (before, after)
    return f"{parts[0]}{int(pk)}{parts[1]}"
