"""Staff pages of a city's commitments (SDG, climate, migration pledges) and their
progress: the list, a pledge with its progress, adding and editing a pledge, and
adding, correcting and removing its progress entries. Records come through
``cities.scoping``; writes through ``cities.services``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cities import services
from cities.filters import CommitmentFilter
from cities.forms import CommitmentForm, ProgressEntryForm
from cities.models import Commitment, ProgressEntry
from cities.pagination import chosen_ordering, paginate
from cities.views.common import (
    SubmitOnce,
    apply_errors,
    get_for_editor_or_404,
    get_for_user_or_404,
    new_record_city,
)

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
    sort, ordering = chosen_ordering(filterset, COMMITMENT_ORDERINGS, "title")
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
            services.progress_entry_create(
                commitment=commitment, editor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            once.done(url)
            if not request.htmx:
                messages.success(request, _("Progress recorded."))
                return redirect(url)
            commitment = _commitment(request, pk)
            form = ProgressEntryForm(prefix="progress")
            return _commitment_page(request, commitment, form)
    once.release()
    return _commitment_page(request, commitment, form)


@login_required
def commitment_create(request):
    city = new_record_city(request)
    if request.method == "POST":
        once = SubmitOnce(request)
        if earlier := once.earlier_result():
            return once.repeat_response(request, earlier)
        form = CommitmentForm(request.POST)
        if form.is_valid():
            try:
                commitment = services.commitment_create(
                    city=city, editor=request.user, **form.commitment_fields()
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                url = reverse("commitment_detail", args=[commitment.pk])
                once.done(url)
                messages.success(request, _("Added “%(title)s”.") % {"title": commitment.title})
                return redirect(url)
        once.release()
    else:
        form = CommitmentForm()
    return render(request, "cities/commitment_form.html", {"form": form})


@login_required
def commitment_edit(request, pk):
    commitment = get_for_editor_or_404(
        Commitment.objects.prefetch_related("sdg_targets"), request.user, pk=pk
    )
    if request.method == "POST":
        form = CommitmentForm(request.POST, instance=commitment)
        if form.is_valid():
            try:
                services.commitment_update(
                    commitment=commitment, editor=request.user, **form.commitment_fields()
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, _("Saved."))
                return redirect("commitment_detail", pk=commitment.pk)
    else:
        form = CommitmentForm(instance=commitment)
    return render(request, "cities/commitment_form.html", {"form": form, "commitment": commitment})


def _progress_entry(request, pk, entry_pk):
    """A progress entry of commitment ``pk`` that the user may change (404, then 403)."""
    return get_for_editor_or_404(
        ProgressEntry.objects.select_related("commitment"),
        request.user,
        pk=entry_pk,
        commitment_id=pk,
    )


@login_required
def progress_edit(request, pk, entry_pk):
    """Correct a measured value, its date or its note."""
    entry = _progress_entry(request, pk, entry_pk)
    commitment = entry.commitment
    if request.method == "POST":
        form = ProgressEntryForm(request.POST, instance=entry, prefix="entry")
        if form.is_valid():
            try:
                services.progress_entry_update(
                    entry=entry, editor=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, _("Progress entry corrected."))
                return redirect(f"{reverse('commitment_detail', args=[pk])}#progress")
    else:
        form = ProgressEntryForm(instance=entry, prefix="entry")
    return render(
        request,
        "cities/progress_form.html",
        {"form": form, "entry": entry, "commitment": commitment},
    )


@login_required
def progress_delete(request, pk, entry_pk):
    """Remove a measurement entered by mistake (asks first; history keeps it)."""
    entry = _progress_entry(request, pk, entry_pk)
    if request.method == "POST":
        services.progress_entry_delete(entry=entry, editor=request.user)
        messages.success(request, _("Progress entry removed."))
        return redirect(f"{reverse('commitment_detail', args=[pk])}#progress")
    return render(
        request,
        "cities/progress_confirm_delete.html",
        {"entry": entry, "commitment": entry.commitment},
    )
