"""Staff pages of a city's partner directory: list, add, edit, contacts (add, edit,
remove), and the partner search the engagement form uses. Records come through
``cities.scoping``."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cities import services
from cities.filters import PartnerFilter
from cities.forms import PartnerForm, PersonForm
from cities.models import Partner, Person
from cities.pagination import chosen_ordering, paginate
from cities.selectors import partner_list
from cities.views.common import SubmitOnce, apply_errors, get_for_editor_or_404, new_record_city

# The engagements a partner's delete page names; the rest are counted.
PARTNER_DELETE_SHOWN = 20

PARTNER_ORDERINGS = {
    "name": ["name", "pk"],
    "-name": ["-name", "-pk"],
    "country": ["country", "name", "pk"],
    "-country": ["-country", "-name", "-pk"],
    "kind": ["kind", "name", "pk"],
    "-kind": ["-kind", "-name", "-pk"],
}


@login_required
def partner_directory(request):
    filterset = PartnerFilter(
        request.GET or None, queryset=Partner.objects.for_user(request.user), request=request
    )
    sort, ordering = chosen_ordering(filterset, PARTNER_ORDERINGS, "name")
    page = paginate(partner_list(filterset.qs), request.GET, ordering=ordering)
    return render(
        request, "cities/partner_list.html", {"filter": filterset, "page": page, "sort": sort}
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
                partner = services.partner_create(
                    city=city, editor=request.user, **form.partner_fields()
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                url = reverse("partner_detail", args=[partner.pk])
                once.done(url)
                messages.success(request, _("Added %(name)s.") % {"name": partner.name})
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
                services.partner_update(
                    partner=partner, editor=request.user, **form.partner_fields()
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, _("Saved."))
                return redirect("partner_detail", pk=partner.pk)
    else:
        form = PartnerForm(instance=partner, city=partner.city)
    return render(request, "cities/partner_form.html", {"form": form, "partner": partner})


@login_required
def partner_delete(request, pk):
    """Move a partner to the trash; the page names the engagements that lose the link."""
    partner = get_for_editor_or_404(Partner, request.user, pk=pk)
    if request.method == "POST":
        services.partner_delete(partner=partner, editor=request.user)
        messages.success(
            request,
            _("Moved %(name)s to the trash: it can be restored for %(days)s days.")
            % {"name": partner.name, "days": settings.TRASH_RETENTION_DAYS},
        )
        return redirect("partner_list")
    engagements = partner.engagements.order_by("-start_date", "-pk")
    return render(
        request,
        "cities/partner_confirm_delete.html",
        {
            "partner": partner,
            "engagements": engagements[:PARTNER_DELETE_SHOWN],
            "engagement_count": engagements.count(),
            "people_count": partner.people.count(),
            "retention_days": settings.TRASH_RETENTION_DAYS,
        },
    )


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
            services.person_create(partner=partner, editor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            once.done(url)
            messages.success(request, _("Contact added."))
            return redirect(url)
    once.release()
    return render(request, "cities/person_form.html", {"form": form, "partner": partner})


def _person(request, pk):
    return get_for_editor_or_404(Person.objects.select_related("partner"), request.user, pk=pk)


@login_required
def person_edit(request, pk):
    """Change a contact's name, title, email or phone."""
    person = _person(request, pk)
    partner = person.partner
    if request.method == "POST":
        form = PersonForm(request.POST, instance=person, prefix="person")
        if form.is_valid():
            try:
                services.person_update(person=person, editor=request.user, **form.cleaned_data)
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, _("Contact saved."))
                return redirect(f"{reverse('partner_detail', args=[partner.pk])}#people")
    else:
        form = PersonForm(instance=person, prefix="person")
    return render(
        request, "cities/person_form.html", {"form": form, "partner": partner, "person": person}
    )


@login_required
def person_delete(request, pk):
    """Remove a contact (asks first); delegations that listed them keep the name."""
    person = _person(request, pk)
    partner = person.partner
    if request.method == "POST":
        name = person.name
        services.person_delete(person=person, editor=request.user)
        messages.success(request, _("Removed %(name)s.") % {"name": name})
        return redirect(f"{reverse('partner_detail', args=[partner.pk])}#people")
    return render(
        request, "cities/person_confirm_delete.html", {"person": person, "partner": partner}
    )


@login_required
def partner_autocomplete(request):
    """htmx: the partners matching what was typed in an engagement form's search box."""
    text = request.GET.get("partner_q", "")
    matches = Partner.objects.for_user(request.user).matching(
        text, excluding=request.GET.getlist("partners")
    )
    return render(
        request,
        "engagements/partials/partner_matches.html",
        {"matches": matches, "searched": bool(text.strip())},
    )


@login_required
def partner_filter_options(request):
    """htmx: a list filter's partner options: the chosen one, then those matching the text."""
    text = request.GET.get("partner_q", "")
    partners = Partner.objects.for_user(request.user)
    chosen_id = request.GET.get("partner", "")
    chosen = partners.filter(pk=chosen_id).first() if chosen_id.isdigit() else None
    matches = partners.matching(text, excluding=[chosen_id])
    return render(
        request,
        "engagements/partials/partner_options.html",
        {"chosen": chosen, "matches": matches, "searched": bool(text.strip())},
    )
