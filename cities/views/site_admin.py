"""Site admins' pages: the installation's participating cities and their staff.

Only site admins (``cities.scoping.is_site_admin``) reach them; everyone
else gets a 403. Every change goes through ``cities.services``, so the
Django admin is left for superusers' technical work.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cities import services
from cities.forms import ParticipatingCityForm, StaffInviteForm, StaffMemberForm
from cities.models import ParticipatingCity, StaffMember
from cities.pagination import paginate
from cities.scoping import is_site_admin
from cities.selectors import user_display_name
from cities.views.common import SubmitOnce, apply_errors

SITE_ADMIN_REFUSAL = _("Only site admins manage cities and staff.")


def require_site_admin(request) -> None:
    """403 for anyone but a site admin (editors and viewers included)."""
    if not is_site_admin(request.user):
        raise PermissionDenied(SITE_ADMIN_REFUSAL)


# --- Participating cities -----------------------------------------------------


@login_required
def city_list(request):
    require_site_admin(request)
    cities = ParticipatingCity.objects.select_related("city")
    page = paginate(cities, request.GET, ordering=["slug", "pk"])
    return render(request, "site_admin/city_list.html", {"page": page})


@login_required
def city_create(request):
    require_site_admin(request)
    if request.method == "POST":
        once = SubmitOnce(request)
        if earlier := once.earlier_result():
            return once.repeat_response(request, earlier)
        form = ParticipatingCityForm(request.POST)
        if form.is_valid():
            try:
                city = services.participating_city_open(
                    editor=request.user, **form.place_fields(), **form.city_fields()
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                once.done(_city_list_url())
                messages.success(request, _("Added %(name)s.") % {"name": city.name})
                return redirect("site_admin_city_list")
        once.release()
    else:
        form = ParticipatingCityForm()
    return render(request, "site_admin/city_form.html", {"form": form})


@login_required
def city_edit(request, slug):
    require_site_admin(request)
    city = get_object_or_404(ParticipatingCity.objects.select_related("city"), slug=slug)
    if request.method == "POST":
        form = ParticipatingCityForm(request.POST, instance=city)
        if form.is_valid():
            try:
                services.participating_city_update(
                    participating_city=city,
                    editor=request.user,
                    **form.place_fields(),
                    **form.city_fields(),
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, _("Saved %(name)s.") % {"name": city.name})
                return redirect("site_admin_city_list")
    else:
        form = ParticipatingCityForm(instance=city)
    return render(request, "site_admin/city_form.html", {"form": form, "city": city})


def _city_list_url():
    return reverse("site_admin_city_list")


# --- Staff and roles ------------------------------------------------------------


@login_required
def staff_list(request):
    """Every city's staff (or one city's), with their role and whether they can log in."""
    require_site_admin(request)
    cities = list(ParticipatingCity.objects.select_related("city").order_by("city__name"))
    chosen = next((c for c in cities if c.slug == request.GET.get("city")), None)
    members = StaffMember.objects.select_related("user", "city__city")
    if chosen is not None:
        members = members.filter(city=chosen)
    page = paginate(members, request.GET, ordering=["user__username", "pk"])
    return render(
        request,
        "site_admin/staff_list.html",
        {"page": page, "cities": cities, "chosen": chosen},
    )


@login_required
def staff_invite(request):
    require_site_admin(request)
    if request.method == "POST":
        once = SubmitOnce(request)
        if earlier := once.earlier_result():
            return once.repeat_response(request, earlier)
        form = StaffInviteForm(request.POST)
        if form.is_valid():
            try:
                member = services.staff_member_invite(
                    editor=request.user,
                    base_url=request.build_absolute_uri("/"),
                    **form.cleaned_data,
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                url = f"{_staff_list_url()}?city={member.city.slug}"
                once.done(url)
                messages.success(
                    request,
                    _("Invited %(email)s: they were sent a link to choose a password.")
                    % {"email": member.user.email},
                )
                return redirect(url)
        once.release()
    else:
        form = StaffInviteForm(initial={"city": request.GET.get("city_id")})
    return render(request, "site_admin/staff_invite.html", {"form": form})


@login_required
def staff_edit(request, pk):
    require_site_admin(request)
    member = get_object_or_404(StaffMember.objects.select_related("user", "city__city"), pk=pk)
    if request.method == "POST":
        form = StaffMemberForm(request.POST, instance=member)
        if form.is_valid():
            try:
                services.staff_member_update(
                    staff_member=member, editor=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(
                    request,
                    _("%(name)s is now: %(role)s.")
                    % {"name": user_display_name(member.user), "role": member.get_role_display()},
                )
                return redirect(f"{_staff_list_url()}?city={member.city.slug}")
    else:
        form = StaffMemberForm(instance=member)
    return render(request, "site_admin/staff_form.html", {"form": form, "member": member})


@require_POST
@login_required
def staff_deactivate(request, pk):
    require_site_admin(request)
    member = get_object_or_404(StaffMember.objects.select_related("user", "city"), pk=pk)
    if member.user_id == request.user.pk:
        raise PermissionDenied(_("You cannot close your own account."))
    services.staff_member_deactivate(staff_member=member, editor=request.user)
    messages.success(
        request, _("%(name)s can no longer log in.") % {"name": user_display_name(member.user)}
    )
    return redirect(f"{_staff_list_url()}?city={member.city.slug}")


@require_POST
@login_required
def staff_reactivate(request, pk):
    require_site_admin(request)
    member = get_object_or_404(StaffMember.objects.select_related("user", "city"), pk=pk)
    services.staff_member_reactivate(staff_member=member, editor=request.user)
    messages.success(
        request, _("%(name)s can log in again.") % {"name": user_display_name(member.user)}
    )
    return redirect(f"{_staff_list_url()}?city={member.city.slug}")


def _staff_list_url():
    return reverse("site_admin_staff_list")
