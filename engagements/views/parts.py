"""Inline editing of what hangs off an engagement: a delegation's members,
itinerary and gifts, its protocol checklist, and the engagement's follow-ups.

Each part is a section of the engagement page. With htmx, adding, editing and
removing swap just that section; without JavaScript the same URLs answer with
a redirect back to the page, or a page of their own for a form.

The page renders no form until the user asks for one ("Add …", "Edit"): a
form costs more to render than its section's rows (the follow-up owner's
choices are a query and a select), and most visits only read the page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from cities.views.common import (
    SubmitOnce,
    apply_errors,
    get_for_editor_or_404,
    get_for_user_or_404,
)
from engagements import services
from engagements.forms import (
    DelegationForm,
    DelegationMemberForm,
    FollowUpForm,
    GiftForm,
    ItineraryItemForm,
)
from engagements.models import (
    Delegation,
    DelegationMember,
    Engagement,
    FollowUp,
    Gift,
    ItineraryItem,
)


@dataclass(frozen=True)
class Part:
    slug: str
    title: str
    noun: str
    # The noun with its article ("a member"): the article depends on the language.
    noun_with_article: str
    model: type
    form_class: type
    add: Callable
    update: Callable
    remove: Callable
    columns: tuple[tuple[str, str], ...]
    on_delegation: bool = True

    def parent_kwargs(self, engagement):
        """How a part is created under its engagement (or its delegation)."""
        if self.on_delegation:
            return {"delegation": _delegation_or_404(engagement)}
        return {"engagement": engagement}

    def scoped(self, user, engagement_pk):
        """The part's records the user may see, under one engagement."""
        lookup = "delegation__engagement_id" if self.on_delegation else "engagement_id"
        return self.model.objects.for_user(user).filter(**{lookup: engagement_pk})

    def rows(self, engagement):
        if self.on_delegation:
            return list(self.model.objects.filter(delegation__engagement=engagement))
        return list(self.model.objects.filter(engagement=engagement).select_related("owner"))

    def form(self, engagement, *args, user=None, **kwargs):
        if self.form_class is FollowUpForm:
            kwargs["city"] = engagement.city
            kwargs["user"] = user
        return self.form_class(*args, **kwargs)


PARTS = {
    part.slug: part
    for part in (
        Part(
            slug="members",
            title=_("Members"),
            noun=_("member"),
            noun_with_article=_("a member"),
            model=DelegationMember,
            form_class=DelegationMemberForm,
            add=services.delegation_member_create,
            update=services.delegation_part_update,
            remove=services.delegation_part_delete,
            columns=(
                (_("Name"), "name"),
                (_("Title"), "title"),
                (_("Organisation"), "organisation"),
                (_("Role"), "get_role_display"),
                (_("Attendance"), "get_attendance_display"),
            ),
        ),
        Part(
            slug="itinerary",
            title=_("Itinerary"),
            noun=_("itinerary item"),
            noun_with_article=_("an itinerary item"),
            model=ItineraryItem,
            form_class=ItineraryItemForm,
            add=services.itinerary_item_create,
            update=services.delegation_part_update,
            remove=services.delegation_part_delete,
            columns=(
                (_("Date"), "date"),
                (pgettext_lazy("time of an itinerary item", "From"), "start_time"),
                (pgettext_lazy("time of an itinerary item", "To"), "end_time"),
                (_("Place"), "place"),
                (_("Activity"), "activity"),
                (_("Responsible"), "responsible"),
            ),
        ),
        Part(
            slug="gifts",
            title=_("Gifts"),
            noun=_("gift"),
            noun_with_article=_("a gift"),
            model=Gift,
            form_class=GiftForm,
            add=services.gift_create,
            update=services.delegation_part_update,
            remove=services.delegation_part_delete,
            columns=(
                (_("Direction"), "get_direction_display"),
                (_("Description"), "description"),
                (_("Value (USD)"), "value_usd"),
                (_("Giver"), "giver"),
                (_("Recipient"), "recipient"),
                (_("Disposition"), "disposition"),
            ),
        ),
        Part(
            slug="follow-ups",
            title=_("Follow-ups"),
            noun=_("follow-up"),
            noun_with_article=_("a follow-up"),
            model=FollowUp,
            form_class=FollowUpForm,
            add=services.follow_up_create,
            update=lambda *, part, editor, **fields: services.follow_up_update(
                follow_up=part, editor=editor, **fields
            ),
            remove=lambda *, part, editor: services.follow_up_delete(follow_up=part, editor=editor),
            columns=(
                (_("Follow-up"), "description"),
                (_("Owner"), "owner"),
                (_("Due"), "due_date"),
                (_("Status"), "get_status_display"),
            ),
            on_delegation=False,
        ),
    )
}


def _delegation_or_404(engagement):
    try:
        return engagement.delegation
    except Engagement.delegation.RelatedObjectDoesNotExist as exc:
        raise Http404(gettext("This engagement has no delegation.")) from exc


def _part_or_404(slug):
    try:
        return PARTS[slug]
    except KeyError as exc:
        raise Http404(gettext("No such section.")) from exc


def section_context(request, part, engagement, *, rows=None, add_form=None, editing=None):
    """What a part's section template needs: rows, the add form if the user opened
    it (else an "Add …" button), a row being edited."""
    from cities.scoping import can_edit

    return {
        "part": part,
        "engagement": engagement,
        "rows": part.rows(engagement) if rows is None else rows,
        "can_edit": can_edit(request.user),
        "add_form": add_form,
        "editing": editing,
    }


def _add_form(request, part, engagement, *args):
    return part.form(engagement, *args, user=request.user, prefix=f"new-{part.slug}")


def _detail_anchor(engagement, part):
    return f"{reverse('engagement_detail', args=[engagement.pk])}#section-{part.slug}"


def _section(request, part, engagement, **kwargs):
    context = {
        "section": section_context(request, part, engagement, **kwargs),
        "today": timezone.localdate(),
    }
    return render(request, "engagements/partials/part_section.html", context)


@login_required
def part_section(request, pk, slug):
    """htmx: one section as it stands (after "Cancel"); otherwise the engagement page."""
    part = _part_or_404(slug)
    engagement = get_for_user_or_404(Engagement.objects.select_related("city"), request.user, pk=pk)
    if part.on_delegation:
        _delegation_or_404(engagement)
    if request.htmx:
        return _section(request, part, engagement)
    return redirect(_detail_anchor(engagement, part))


@require_http_methods(["GET", "POST"])
@login_required
def part_add(request, pk, slug):
    """GET opens the add form: in its section with htmx, else on a page of its own."""
    part = _part_or_404(slug)
    engagement = get_for_editor_or_404(
        Engagement.objects.select_related("city"), request.user, pk=pk
    )
    parent = part.parent_kwargs(engagement)
    if request.method == "GET":
        return _add_form_response(
            request, part, engagement, _focused(_add_form(request, part, engagement))
        )
    once = SubmitOnce(request)
    if earlier := once.earlier_result():
        return once.repeat_response(request, earlier)
    form = _add_form(request, part, engagement, request.POST)
    if form.is_valid():
        try:
            part.add(editor=request.user, **parent, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            url = _detail_anchor(engagement, part)
            once.done(url)
            if request.htmx:
                # The form stays open, blank, for the next member or item.
                return _section(
                    request,
                    part,
                    engagement,
                    add_form=_focused(_add_form(request, part, engagement)),
                )
            return redirect(url)
    once.release()
    return _add_form_response(request, part, engagement, form)


def _focused(form):
    """The form with its first field focused once htmx swaps it in: the button
    that opened it is gone, and a keyboard or screen-reader user is left at the
    field to fill rather than at the top of the page."""
    first = next(iter(form.fields.values()), None)
    if first is not None:
        first.widget.attrs["autofocus"] = True
    return form


def _add_form_response(request, part, engagement, form):
    if request.htmx:
        return _section(request, part, engagement, add_form=form)
    return render(
        request,
        "engagements/part_form.html",
        {"part": part, "engagement": engagement, "form": form, "action": "add"},
    )


@login_required
def part_edit(request, pk, slug, part_pk):
    part = _part_or_404(slug)
    record = get_for_editor_or_404(part.scoped(request.user, pk), request.user, pk=part_pk)
    engagement = get_for_user_or_404(Engagement.objects.select_related("city"), request.user, pk=pk)
    if request.method == "POST":
        form = part.form(engagement, request.POST, instance=record, prefix=f"edit-{part.slug}")
        if form.is_valid():
            try:
                part.update(part=record, editor=request.user, **form.cleaned_data)
            except ValidationError as error:
                apply_errors(form, error)
            else:
                if request.htmx:
                    return _section(request, part, engagement)
                return redirect(_detail_anchor(engagement, part))
    else:
        form = part.form(engagement, instance=record, prefix=f"edit-{part.slug}")
    if request.htmx:
        return _section(request, part, engagement, editing={"pk": record.pk, "form": form})
    return render(
        request,
        "engagements/part_form.html",
        {"part": part, "engagement": engagement, "form": form, "record": record, "action": "edit"},
    )


@require_POST
@login_required
def part_delete(request, pk, slug, part_pk):
    part = _part_or_404(slug)
    record = get_for_editor_or_404(part.scoped(request.user, pk), request.user, pk=part_pk)
    engagement = get_for_user_or_404(Engagement.objects.select_related("city"), request.user, pk=pk)
    part.remove(part=record, editor=request.user)
    if request.htmx:
        return _section(request, part, engagement)
    return redirect(_detail_anchor(engagement, part))


@login_required
def delegation_edit(request, pk):
    """The protocol checklist: interpreters, press, security, and the head of delegation."""
    delegation = get_for_editor_or_404(
        Delegation.objects.select_related("engagement__city", "head"),
        request.user,
        engagement_id=pk,
    )
    engagement = delegation.engagement
    if request.method == "POST":
        form = DelegationForm(request.POST, instance=delegation, user=request.user)
        if form.is_valid():
            try:
                services.delegation_update(
                    delegation=delegation, editor=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                if request.htmx:
                    return render(
                        request,
                        "engagements/partials/protocol.html",
                        {"delegation": delegation, "engagement": engagement, "can_edit": True},
                    )
                return redirect(f"{reverse('engagement_detail', args=[pk])}#section-protocol")
    else:
        form = DelegationForm(instance=delegation, user=request.user)
    template = (
        "engagements/partials/protocol.html" if request.htmx else "engagements/delegation_form.html"
    )
    return render(
        request,
        template,
        {"delegation": delegation, "engagement": engagement, "form": form, "can_edit": True},
    )


@login_required
def itinerary_print(request, pk):
    """The visit's programme as a one-page schedule to print."""
    delegation = get_for_user_or_404(
        Delegation.objects.select_related("engagement__city__city", "head").prefetch_related(
            "members"
        ),
        request.user,
        engagement_id=pk,
    )
    return render(
        request,
        "engagements/itinerary_print.html",
        {
            "delegation": delegation,
            "engagement": delegation.engagement,
            "items": list(delegation.itinerary.all()),
            "members": list(delegation.members.all()),
        },
    )
