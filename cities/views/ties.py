"""Staff pages that change a city's sister-city ties: add one, edit it, end it.

The list and the detail page read engagements (dormancy, the timeline), so
``engagements.views.relationships`` serves them; these pages only write, through
``cities.services.sister_city_tie_create/update``.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import F
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from cities import services
from cities.choices import TieStatus
from cities.forms import SisterCityTieForm, TieEndForm
from cities.models import City, SisterCityTie
from cities.views.common import SubmitOnce, apply_errors, get_for_editor_or_404, new_record_city

TIE_QUERYSET = SisterCityTie.objects.select_related("partner_city", "city__city")


def _detail_url(tie):
    return reverse("tie_detail", args=[tie.pk])


@login_required
def tie_create(request):
    city = new_record_city(request)
    if request.method == "POST":
        once = SubmitOnce(request)
        if earlier := once.earlier_result():
            return once.repeat_response(request, earlier)
        form = SisterCityTieForm(request.POST)
        if form.is_valid():
            try:
                tie = services.sister_city_tie_create(
                    city=city, editor=request.user, **form.tie_fields()
                )
            except ValidationError as error:
                apply_errors(form, error, rename={"partner_city": "partner_city_name"})
            else:
                url = _detail_url(tie)
                once.done(url)
                messages.success(
                    request, _("Recorded the tie with %(city)s.") % {"city": tie.partner_city.name}
                )
                return redirect(url)
        once.release()
    else:
        form = SisterCityTieForm()
    return render(request, "cities/tie_form.html", {"form": form})


@login_required
def tie_edit(request, pk):
    tie = get_for_editor_or_404(TIE_QUERYSET, request.user, pk=pk)
    if request.method == "POST":
        form = SisterCityTieForm(request.POST, instance=tie)
        if form.is_valid():
            try:
                services.sister_city_tie_update(tie=tie, editor=request.user, **form.tie_fields())
            except ValidationError as error:
                apply_errors(form, error, rename={"partner_city": "partner_city_name"})
            else:
                messages.success(request, _("Saved."))
                return redirect(_detail_url(tie))
    else:
        form = SisterCityTieForm(instance=tie)
    return render(request, "cities/tie_form.html", {"form": form, "tie": tie})


@login_required
def tie_end(request, pk):
    """End a live tie on a date; its history keeps the tie as it was."""
    tie = get_for_editor_or_404(TIE_QUERYSET, request.user, pk=pk)
    if tie.status == TieStatus.ENDED:
        messages.info(request, _("This tie has already ended."))
        return redirect(_detail_url(tie))
    if request.method == "POST":
        form = TieEndForm(request.POST)
        if form.is_valid():
            reason = form.cleaned_data["reason"].strip()
            notes = "\n\n".join(part for part in (tie.notes.strip(), reason) if part)
            try:
                services.sister_city_tie_update(
                    tie=tie,
                    editor=request.user,
                    status=TieStatus.ENDED,
                    ended_on=form.cleaned_data["ended_on"],
                    notes=notes,
                )
            except ValidationError as error:
                tie.refresh_from_db()
                apply_errors(form, error)
            else:
                messages.success(
                    request, _("The tie with %(city)s has ended.") % {"city": tie.partner_city.name}
                )
                return redirect(_detail_url(tie))
    else:
        form = TieEndForm()
    return render(request, "cities/tie_end.html", {"form": form, "tie": tie})


CITY_MATCH_LIMIT = 15


@login_required
def tie_city_matches(request):
    """htmx: world cities whose name starts with what was typed, largest first, as
    the options of the partner-city box (within the chosen country, if any)."""
    text = request.GET.get("partner_city_name", "").strip()
    matches = []
    if len(text) >= 2:
        cities = City.objects.filter(name__istartswith=text)
        if country := request.GET.get("partner_city_country", "").strip():
            cities = cities.filter(country=country)
        ordering = [F("population").desc(nulls_last=True), "name", "pk"]
        matches = list(cities.order_by(*ordering)[:CITY_MATCH_LIMIT])
    return render(request, "cities/partials/city_matches.html", {"matches": matches})
