"""Staff pages of a city's relationships: the partner directory, sister-city
ties and commitments. Records come through ``cities.scoping`` only."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from cities import services
from cities.filters import CommitmentFilter, PartnerFilter, SisterCityTieFilter
from cities.forms import PartnerForm, PersonForm, ProgressEntryForm
from cities.models import Commitment, Partner, SisterCityTie
from cities.selectors import (
    anniversary_date,
    partner_list,
    partner_profile,
    partner_tie,
    tie_engagements,
    ties_with_activity,
    ties_with_anniversary_soon,
)
from engagements.models import Engagement
from engagements.pagination import paginate
from engagements.selectors import engagement_rows
from engagements.views.common import (
    SubmitOnce,
    apply_errors,
    get_for_editor_or_404,
    get_for_user_or_404,
    new_record_city,
)

PARTNER_ORDERINGS = {
    "name": ["name", "pk"],
    "-name": ["-name", "-pk"],
    "country": ["country", "name", "pk"],
    "-country": ["-country", "-name", "-pk"],
    "kind": ["kind", "name", "pk"],
    "-kind": ["-kind", "-name", "-pk"],
}


def _chosen_ordering(filterset, orderings, default):
    if filterset.is_bound and filterset.form.is_valid():
        values = filterset.form.cleaned_data.get("ordering") or []
        if values and values[0] in orderings:
            return values[0], orderings[values[0]]
    return default, orderings[default]


# --- Partners ---------------------------------------------------------------


@login_required
def partner_directory(request):
    filterset = PartnerFilter(
        request.GET or None, queryset=Partner.objects.for_user(request.user), request=request
    )
    sort, ordering = _chosen_ordering(filterset, PARTNER_ORDERINGS, "name")
    page = paginate(partner_list(filterset.qs), request.GET, ordering=ordering)
    return render(
        request, "cities/partner_list.html", {"filter": filterset, "page": page, "sort": sort}
    )


@login_required
def partner_detail(request, pk):
    partner = get_for_user_or_404(partner_profile(Partner.objects.all(), pk), request.user, pk=pk)
    history = Engagement.objects.for_user(request.user).filter(partners=partner)
    page = paginate(engagement_rows(history), request.GET, ordering=["-start_date", "-pk"])
    tie = partner_tie(partner, SisterCityTie.objects.for_user(request.user))
    if tie is not None:
        tie = (
            ties_with_activity(
                SisterCityTie.objects.for_user(request.user).filter(pk=tie.pk),
                today=timezone.localdate(),
            ).first()
            or tie
        )
    return render(
        request,
        "cities/partner_detail.html",
        {
            "partner": partner,
            "people": list(partner.people.all()),
            "page": page,
            "tie": tie,
            "person_form": PersonForm(prefix="person"),
        },
    )


@login_required
def partner_create(request):
    city = new_record_city(request)
    if request.method == "POST":
        once = SubmitOnce(request)
        if earlier := once.earlier_result():
            return once.repeat_response(request, earlier)
        form = PartnerForm(request.POST, city=city)
        if form.is_valid():
            try:
                partner = services.partner_create(city=city, **form.partner_fields())
            except ValidationError as error:
                apply_errors(form, error)
            else:
                url = reverse("partner_detail", args=[partner.pk])
                once.done(url)
                messages.success(request, f"Added {partner.name}.")
                return redirect(url)
        once.release()
    else:
        form = PartnerForm(city=city, initial={"country": request.GET.get("country", "")})
    return render(request, "cities/partner_form.html", {"form": form})


@login_required
def partner_edit(request, pk):
    partner = get_for_editor_or_404(Partner, request.user, pk=pk)
    if request.method == "POST":
        form = PartnerForm(request.POST, instance=partner, city=partner.city)
        if form.is_valid():
            try:
                services.partner_update(partner=partner, **form.partner_fields())
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, "Saved.")
                return redirect("partner_detail", pk=partner.pk)
    else:
        form = PartnerForm(instance=partner, city=partner.city)
    return render(request, "cities/partner_form.html", {"form": form, "partner": partner})


@require_POST
@login_required
def person_add(request, pk):
    partner = get_for_editor_or_404(Partner, request.user, pk=pk)
    once = SubmitOnce(request)
    url = f"{reverse('partner_detail', args=[partner.pk])}#people"
    if earlier := once.earlier_result():
        return once.repeat_response(request, earlier)
    form = PersonForm(request.POST, prefix="person")
    if form.is_valid():
        try:
            services.person_add(partner=partner, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            once.done(url)
            messages.success(request, "Contact added.")
            return redirect(url)
    once.release()
    return render(request, "cities/person_form.html", {"form": form, "partner": partner})


@login_required
def partner_autocomplete(request):
    """htmx: the partners matching what was typed in an engagement form's search box."""
    text = request.GET.get("partner_q", "").strip()
    chosen = set(request.GET.getlist("partners"))
    matches = []
    if text:
        matches = [
            p
            for p in Partner.objects.for_user(request.user).search(text).order_by("name")[:15]
            if str(p.pk) not in chosen
        ]
    return render(
        request,
        "engagements/partials/partner_matches.html",
        {"matches": matches, "searched": bool(text)},
    )


# --- Sister-city ties -------------------------------------------------------

TIE_ORDERINGS = {
    "city": ["partner_city__name", "pk"],
    "-city": ["-partner_city__name", "-pk"],
    "established": ["established_on", "pk"],
    "-established": ["-established_on", "-pk"],
}


@login_required
def tie_list(request):
    today = timezone.localdate()
    ties = SisterCityTie.objects.for_user(request.user)
    filterset = SisterCityTieFilter(request.GET or None, queryset=ties, request=request)
    sort, ordering = _chosen_ordering(filterset, TIE_ORDERINGS, "city")
    page = paginate(ties_with_activity(filterset.qs, today=today), request.GET, ordering=ordering)
    anniversaries = list(ties_with_anniversary_soon(ties, today=today)[:50])
    for tie in anniversaries:
        tie.anniversary_on = anniversary_date(tie)
    return render(
        request,
        "cities/tie_list.html",
        {"filter": filterset, "page": page, "sort": sort, "anniversaries": anniversaries},
    )


@login_required
def tie_detail(request, pk):
    today = timezone.localdate()
    ties = SisterCityTie.objects.for_user(request.user)
    tie = get_for_user_or_404(ties_with_activity(ties, today=today), request.user, pk=pk)
    upcoming = ties_with_anniversary_soon(ties.filter(pk=tie.pk), today=today).first()
    if upcoming is not None:
        upcoming.anniversary_on = anniversary_date(upcoming)
    timeline = tie_engagements(Engagement.objects.for_user(request.user), tie)
    page = paginate(engagement_rows(timeline), request.GET, ordering=["-start_date", "-pk"])
    return render(
        request,
        "cities/tie_detail.html",
        {"tie": tie, "page": page, "anniversary": upcoming},
    )


# --- Commitments ------------------------------------------------------------

COMMITMENT_ORDERINGS = {
    "title": ["title", "pk"],
    "-title": ["-title", "-pk"],
    "target_year": ["target_year", "title", "pk"],
    "-target_year": ["-target_year", "title", "pk"],
}


@login_required
def commitment_list(request):
    filterset = CommitmentFilter(
        request.GET or None,
        queryset=Commitment.objects.for_user(request.user).with_latest_progress(),
        request=request,
    )
    sort, ordering = _chosen_ordering(filterset, COMMITMENT_ORDERINGS, "title")
    page = paginate(filterset.qs.select_related("indicator"), request.GET, ordering=ordering)
    return render(
        request, "cities/commitment_list.html", {"filter": filterset, "page": page, "sort": sort}
    )


def _commitment(request, pk, *, for_editing=False):
    queryset = (
        Commitment.objects.with_latest_progress()
        .select_related("indicator", "city__city")
        .prefetch_related("sdg_targets__goal")
    )
    getter = get_for_editor_or_404 if for_editing else get_for_user_or_404
    return getter(queryset, request.user, pk=pk)


def _commitment_page(request, commitment, form):
    entries = list(commitment.progress_entries.order_by("-date"))
    template = (
        "cities/partials/progress_section.html" if request.htmx else "cities/commitment_detail.html"
    )
    return render(
        request,
        template,
        {"commitment": commitment, "entries": entries, "form": form},
    )


@login_required
def commitment_detail(request, pk):
    commitment = _commitment(request, pk)
    return _commitment_page(request, commitment, ProgressEntryForm(prefix="progress"))


@require_POST
@login_required
def progress_add(request, pk):
    commitment = _commitment(request, pk, for_editing=True)
    once = SubmitOnce(request)
    url = f"{reverse('commitment_detail', args=[commitment.pk])}#progress"
    if earlier := once.earlier_result():
        return once.repeat_response(request, earlier)
    form = ProgressEntryForm(request.POST, prefix="progress")
    if form.is_valid():
        try:
            services.progress_entry_add(commitment=commitment, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            once.done(url)
            if not request.htmx:
                messages.success(request, "Progress recorded.")
                return redirect(url)
            commitment = _commitment(request, pk)
            form = ProgressEntryForm(prefix="progress")
            return _commitment_page(request, commitment, form)
    once.release()
    return _commitment_page(request, commitment, form)
