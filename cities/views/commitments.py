"""Staff pages of a city's commitments (SDG, climate, migration pledges) and their
progress. Records come through ``cities.scoping``."""

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
from cities.forms import ProgressEntryForm
from cities.models import Commitment
from cities.pagination import chosen_ordering, paginate
from cities.views.common import (
    SubmitOnce,
    apply_errors,
    get_for_editor_or_404,
    get_for_user_or_404,
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
