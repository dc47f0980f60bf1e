"""Staff pages of a city's network memberships (C40, ICLEI, UCLG…): the list,
joining a network, editing a membership and ending it. Records come through
``cities.scoping``; writes through ``cities.services.network_membership_*``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from cities import services
from cities.choices import MembershipStatus
from cities.filters import NetworkMembershipFilter
from cities.forms import MembershipEndForm, NetworkMembershipForm
from cities.models import NetworkMembership
from cities.pagination import chosen_ordering, paginate
from cities.views.common import SubmitOnce, apply_errors, get_for_editor_or_404, new_record_city

MEMBERSHIP_ORDERINGS = {
    "network": ["network__name", "pk"],
    "-network": ["-network__name", "-pk"],
    "since": ["since", "pk"],
    "-since": ["-since", "-pk"],
}
LIST_URL = "membership_list"


def _memberships(user):
    return NetworkMembership.objects.for_user(user).select_related("network", "city__city")


@login_required
def membership_list(request):
    filterset = NetworkMembershipFilter(
        request.GET or None, queryset=_memberships(request.user), request=request
    )
    sort, ordering = chosen_ordering(filterset, MEMBERSHIP_ORDERINGS, "network")
    page = paginate(filterset.qs, request.GET, ordering=ordering)
    return render(
        request, "cities/membership_list.html", {"filter": filterset, "page": page, "sort": sort}
    )


@login_required
def membership_create(request):
    city = new_record_city(request)
    if request.method == "POST":
        once = SubmitOnce(request)
        if earlier := once.earlier_result():
            return once.repeat_response(request, earlier)
        form = NetworkMembershipForm(request.POST)
        if form.is_valid():
            try:
                membership = services.network_membership_create(
                    city=city, editor=request.user, **form.membership_fields()
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                url = reverse(LIST_URL)
                once.done(url)
                messages.success(
                    request,
                    _("Recorded the membership of %(network)s.") % {"network": membership.network},
                )
                return redirect(url)
        once.release()
    else:
        form = NetworkMembershipForm()
    return render(request, "cities/membership_form.html", {"form": form})


@login_required
def membership_edit(request, pk):
    membership = get_for_editor_or_404(_memberships(request.user), request.user, pk=pk)
    if request.method == "POST":
        form = NetworkMembershipForm(request.POST, instance=membership)
        if form.is_valid():
            try:
                services.network_membership_update(
                    membership=membership, editor=request.user, **form.membership_fields()
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, _("Saved."))
                return redirect(LIST_URL)
    else:
        form = NetworkMembershipForm(instance=membership)
    return render(request, "cities/membership_form.html", {"form": form, "membership": membership})


@login_required
def membership_end(request, pk):
    """The city leaves a network on a date; the membership stays, marked as left."""
    membership = get_for_editor_or_404(_memberships(request.user), request.user, pk=pk)
    if membership.status == MembershipStatus.LEFT:
        messages.info(request, _("The city has already left this network."))
        return redirect(LIST_URL)
    if request.method == "POST":
        form = MembershipEndForm(request.POST)
        if form.is_valid():
            try:
                services.network_membership_update(
                    membership=membership,
                    editor=request.user,
                    status=MembershipStatus.LEFT,
                    until=form.cleaned_data["until"],
                )
            except ValidationError as error:
                membership.refresh_from_db()
                apply_errors(form, error)
            else:
                messages.success(request, _("Left %(network)s.") % {"network": membership.network})
                return redirect(LIST_URL)
    else:
        form = MembershipEndForm()
    return render(request, "cities/membership_end.html", {"form": form, "membership": membership})
