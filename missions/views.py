"""Staff pages of joint-mission coordination: a city's plans with their overlap
alerts, its sharing setting, and the plans other cities share.

A city's own plans come through ``cities.scoping``; other cities' plans only
through ``missions.selectors.shared_plans`` (what each chose to share).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cities.scoping import can_edit, staff_city
from cities.views.common import (
    SubmitOnce,
    apply_errors,
    get_for_editor_or_404,
    new_record_city,
)
from missions import selectors, services
from missions.forms import MissionSharingForm, PlannedMissionForm
from missions.models import PlannedMission


@login_required
def plan_list(request):
    today = timezone.localdate()
    plans, _others, found = selectors.city_plans_with_overlaps(request.user, today=today)
    city = staff_city(request.user)
    level = selectors.sharing_level(city)
    sharing_form = MissionSharingForm(initial={"level": level}) if city else None
    return render(
        request,
        "missions/plan_list.html",
        {
            "plans": plans,
            "overlap_count": len(found),
            "level": level,
            "sharing_form": sharing_form,
            "can_edit": can_edit(request.user),
        },
    )


@login_required
def overlap_notice(request):
    """The dashboard's notice of plans that overlap other cities' (empty when none).

    Fetched by the dashboard page after it loads, so the dashboard's own
    queries do not grow with this app's.
    """
    plans, _others, found = selectors.city_plans_with_overlaps(
        request.user, today=timezone.localdate()
    )
    overlapping = [plan for plan in plans if plan.overlaps]
    return render(
        request,
        "missions/includes/overlap_notice.html",
        {"overlapping": overlapping, "overlap_count": len(found)},
    )


@login_required
def shared_plan_list(request):
    today = timezone.localdate()
    _plans, others, found = selectors.city_plans_with_overlaps(request.user, today=today)
    this_month = selectors.month_start(today)
    overlapping = {}
    for item in found:
        overlapping.setdefault(id(item.other), []).append(item)
    upcoming = [other for other in others if other.month >= this_month]
    rows = [(other, overlapping.get(id(other), [])) for other in upcoming]
    return render(
        request,
        "missions/shared_plan_list.html",
        {"rows": rows, "level": selectors.sharing_level(staff_city(request.user))},
    )


@require_POST
@login_required
def sharing_update(request):
    city = new_record_city(request)
    form = MissionSharingForm(request.POST)
    if form.is_valid():
        services.mission_sharing_set(
            city=city, level=form.cleaned_data["level"], editor=request.user
        )
        messages.success(request, _("Sharing setting saved."))
    else:
        messages.error(request, _("Choose one of the sharing levels."))
    return redirect("plan_list")


def _form_page(request, form, plan=None):
    overlaps = []
    if plan is not None:
        overlaps = selectors.plan_overlaps(request.user, plan, today=timezone.localdate())
    return render(
        request, "missions/plan_form.html", {"form": form, "plan": plan, "overlaps": overlaps}
    )


@login_required
def plan_create(request):
    city = new_record_city(request)
    if request.method == "POST":
        once = SubmitOnce(request)
        if earlier := once.earlier_result():
            return once.repeat_response(request, earlier)
        form = PlannedMissionForm(request.POST, city=city, user=request.user)
        if form.is_valid():
            try:
                services.planned_mission_create(
                    city=city, editor=request.user, **form.plan_fields()
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                url = reverse("plan_list")
                once.done(url)
                messages.success(request, _("Plan added."))
                return redirect(url)
        once.release()
    else:
        form = PlannedMissionForm(city=city, user=request.user)
    return _form_page(request, form)


def _plan_for_editing(request, pk):
    queryset = PlannedMission.objects.select_related("city__city", "partner")
    return get_for_editor_or_404(queryset, request.user, pk=pk)


@login_required
def plan_edit(request, pk):
    plan = _plan_for_editing(request, pk)
    if request.method == "POST":
        form = PlannedMissionForm(request.POST, instance=plan, city=plan.city, user=request.user)
        if form.is_valid():
            try:
                services.planned_mission_update(
                    plan=plan, editor=request.user, **form.plan_fields()
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, _("Plan saved."))
                return redirect("plan_list")
    else:
        form = PlannedMissionForm(instance=plan, city=plan.city, user=request.user)
    return _form_page(request, form, plan)


@require_POST
@login_required
def plan_delete(request, pk):
    plan = _plan_for_editing(request, pk)
    services.planned_mission_delete(plan=plan, editor=request.user)
    messages.success(request, _("Plan deleted."))
    return redirect("plan_list")
