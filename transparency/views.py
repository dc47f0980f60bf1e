"""The public pages (no login): a city's page and its open data as CSV and JSON.

Only cities that opted in answer; any other slug is a 404. Records come from
``transparency.publication`` only. Pages and JSON are cached per city (see
``transparency.cache``) and say so to HTTP caches; the CSV streams the whole
set a chunk at a time, so memory stays flat at a million engagements.
"""

from __future__ import annotations

from itertools import islice
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from cities.pagination import paginate
from cities.scoping import VIEWER_REFUSAL, can_edit, staff_city
from engagements.exports import CHUNK_SIZE, csv_chunks, neutralise
from transparency.cache import public_cached
from transparency.forms import PublicProfileForm
from transparency.models import PublicProfile
from transparency.publication import (
    DATASETS,
    ENGAGEMENT_ORDERING,
    active_ties,
    flat,
    public_engagements,
    published_profile_or_404,
)
from transparency.services import public_profile_create, public_profile_update

PAGE_ROWS = 20  # engagements per public page
JSON_ROWS = 500  # engagements per JSON page
MAX_AGE = 300


def batches(rows, size: int):
    """Lists of ``size`` rows (the last shorter): one batch of records per database chunk."""
    iterator = iter(rows)
    while batch := list(islice(iterator, size)):
        yield batch


def _public(response):
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    return response


def _cursor_params(request) -> dict:
    return {key: request.GET[key] for key in ("after", "before") if request.GET.get(key)}


def _engagement_page(profile, params: dict, per_page: int) -> dict:
    dataset = DATASETS["engagements"]
    page = paginate(
        public_engagements(profile.city),
        params,
        ordering=ENGAGEMENT_ORDERING,
        per_page=per_page,
        count=False,
    )
    return {
        "rows": dataset.records(page.object_list, profile),
        "next": page.next_params,
        "previous": page.previous_params if page.has_previous else {},
    }


def _all_rows(profile, name: str) -> list[dict]:
    dataset = DATASETS[name]
    return dataset.records(dataset.queryset(profile.city), profile)


@require_GET
def public_city(request, slug: str):
    """A city's public page: completed engagements it marked public, its ties, its commitments."""
    profile = published_profile_or_404(slug)
    city = profile.city
    params = _cursor_params(request)
    engagements = public_cached(
        city.pk, "page", params, lambda: _engagement_page(profile, params, PAGE_ROWS)
    )
    ties = public_cached(city.pk, "ties", {}, lambda: _all_rows(profile, "ties"))
    commitments = public_cached(
        city.pk, "commitments", {}, lambda: _all_rows(profile, "commitments")
    )
    response = render(
        request,
        "transparency/public_city.html",
        {
            "profile": profile,
            "city": city,
            "engagements": engagements["rows"],
            "next_query": urlencode(engagements["next"]),
            "previous_query": urlencode(engagements["previous"]),
            "ties": active_ties(ties),
            "commitments": commitments,
            "map_data": {
                "atlas_url": _static_atlas(),
                "sister_cities": [
                    {
                        "name": t["partner_city"],
                        "country": t["country"],
                        "latitude": float(t["latitude"]) if t["latitude"] else None,
                        "longitude": float(t["longitude"]) if t["longitude"] else None,
                        "active": True,
                    }
                    for t in active_ties(ties)
                ],
            },
            "datasets": DATASETS.values(),
        },
    )
    return _public(response)


def _static_atlas() -> str:
    return static("vendor/world-atlas/countries-110m.json")


def _envelope(request, profile, name: str, rows: list[dict], next_params: dict) -> dict:
    city = profile.city
    next_url = None
    if next_params:
        next_url = request.build_absolute_uri(
            reverse("public_data", args=[city.slug, name, "json"]) + "?" + urlencode(next_params)
        )
    return {
        "city": {"name": city.name, "slug": city.slug, "country": city.city.country.code},
        "dataset": name,
        "licence": profile.licence_record,
        "schema": request.build_absolute_uri(reverse("public_schema")),
        "generated_at": timezone.now().isoformat(timespec="seconds"),
        "next": next_url,
        "results": rows,
    }


@require_GET
def public_data(request, slug: str, name: str, fmt: str):
    """``/public/<city>/<engagements|ties|commitments>.<csv|json>``."""
    dataset = DATASETS.get(name)
    if dataset is None or fmt not in ("csv", "json"):
        raise Http404(_("No such open-data file."))
    profile = published_profile_or_404(slug)
    city = profile.city
    if fmt == "json":
        params = _cursor_params(request) if dataset.paginated else {}
        if dataset.paginated:
            built = public_cached(
                city.pk,
                f"{name}.json",
                params,
                lambda: _engagement_page(profile, params, JSON_ROWS),
            )
            rows, next_params = built["rows"], built["next"]
        else:
            rows = public_cached(city.pk, f"{name}.json", {}, lambda: _all_rows(profile, name))
            next_params = {}
        response = JsonResponse(
            _envelope(request, profile, name, rows, next_params),
            json_dumps_params={"ensure_ascii": False},
        )
        return _public(response)

    def rows():
        yield [column.name for column in dataset.columns] + ["licence"]
        queryset = dataset.queryset(city)
        if dataset.paginated:
            queryset = queryset.order_by(*ENGAGEMENT_ORDERING)
        for batch in batches(queryset.iterator(chunk_size=CHUNK_SIZE), CHUNK_SIZE):
            for values in dataset.records(batch, profile):
                yield [neutralise(flat(values[c.name])) for c in dataset.columns] + [
                    profile.licence
                ]

    response = StreamingHttpResponse(csv_chunks(rows()), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{city.slug}-{name}.csv"'
    response["Link"] = f'<{profile.licence_url}>; rel="license"'
    return _public(response)


@require_GET
def public_schema(request):
    """The open-data columns, machine-readable (docs/open-data.md describes them)."""
    return _public(
        JsonResponse({name: [column.name for column in d.columns] for name, d in DATASETS.items()})
    )


# --- the city's own settings (staff) ----------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def public_profile_edit(request):
    """Whether the user's city publishes its public page and open data, and how.

    Every member of staff sees the settings; only editors change them.
    """
    city = staff_city(request.user)
    if city is None:
        raise Http404(_("Your account is not attached to a participating city."))
    profile = PublicProfile.objects.for_user(request.user).filter(city=city).first()
    editable = can_edit(request.user, city)
    if request.method == "POST":
        if not editable:
            raise PermissionDenied(VIEWER_REFUSAL)
        form = PublicProfileForm(request.POST, instance=profile or PublicProfile(city=city))
        if form.is_valid():
            fields = {name: form.cleaned_data[name] for name in PublicProfileForm.Meta.fields}
            if profile is None:
                public_profile_create(city=city, editor=request.user, **fields)
            else:
                public_profile_update(profile=profile, editor=request.user, **fields)
            messages.success(request, _("The public page settings are saved."))
            return redirect("public_profile_edit")
    else:
        form = PublicProfileForm(instance=profile or PublicProfile(city=city))
    return render(
        request,
        "transparency/public_profile_form.html",
        {
            "form": form,
            "city": city,
            "profile": profile,
            "editable": editable,
            "public_engagements": public_engagements(city).count(),
        },
        status=400 if form.is_bound else 200,
    )
