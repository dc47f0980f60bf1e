"""The engagement list, detail page, and the forms to log, edit and duplicate."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cities.pagination import paginate
from cities.views.common import (
    SubmitOnce,
    apply_errors,
    filter_panel,
    get_for_editor_or_404,
    get_for_user_or_404,
    new_record_city,
)
from engagements import services
from engagements.filters import EngagementFilter
from engagements.forms import EngagementBulkForm, EngagementForm
from engagements.models import Engagement
from engagements.selectors import (
    delegation_parts,
    engagement_as_initial,
    engagement_detail,
    engagement_ordering,
    engagement_rows,
)
from engagements.views.parts import PARTS, section_context

# A search or filter button inside the engagement form re-renders it unsaved.
FORM_ONLY_ACTIONS = ("_find_partner",)


@login_required
def engagement_list(request):
    filterset = EngagementFilter(
        request.GET or None, queryset=Engagement.objects.for_user(request.user), request=request
    )
    sort, ordering = engagement_ordering(filterset)
    page = paginate(engagement_rows(filterset.qs), request.GET, ordering=ordering)
    context = {
        "filter": filterset,
        "page": page,
        "sort": sort,
        "bulk": EngagementBulkForm(user=request.user),
    }
    if request.htmx and request.htmx.target == "results":
        return render(request, "engagements/partials/engagement_results.html", context)
    context["filter_panel"] = filter_panel(
        request, "engagements/partials/engagement_filters.html", {"filter": filterset, "sort": sort}
    )
    return render(request, "engagements/engagement_list.html", context)


@login_required
def engagement_show(request, pk):
    engagement = get_for_user_or_404(
        engagement_detail(Engagement.objects.all()), request.user, pk=pk
    )
    delegation = _existing_delegation(engagement)
    parts = delegation_parts(delegation)
    context = {
        "engagement": engagement,
        "delegation": delegation,
        "sensitive_partners": [p for p in engagement.partners.all() if p.is_sensitive],
        "today": timezone.localdate(),
    }
    for slug in ("members", "itinerary", "gifts"):
        context[f"section_{slug}"] = section_context(
            request, PARTS[slug], engagement, rows=parts[slug]
        )
    context["section_follow_ups"] = section_context(
        request, PARTS["follow-ups"], engagement, rows=list(engagement.follow_ups.all())
    )
    return render(request, "engagements/engagement_detail.html", context)


def _existing_delegation(engagement):
    try:
        return engagement.delegation
    except Engagement.delegation.RelatedObjectDoesNotExist:
        return None


def _render_form(request, form, *, engagement=None, source=None):
    return render(
        request,
        "engagements/engagement_form.html",
        {"form": form, "engagement": engagement, "source": source},
    )


@login_required
def engagement_create(request):
    """Log an engagement; ``?from=<id>`` starts from an earlier one ("log a similar one")."""
    city = new_record_city(request)
    source = None
    if request.GET.get("from"):
        try:
            source_pk = int(request.GET["from"])
        except ValueError as exc:
            raise Http404(_("No such engagement.")) from exc
        source = get_for_user_or_404(
            Engagement.objects.prefetch_related("partners", "topics", "sdg_targets"),
            request.user,
            pk=source_pk,
        )
    if request.method != "POST":
        initial = (
            engagement_as_initial(source)
            if source
            else {"owner": request.user.pk, "start_date": timezone.localdate()}
        )
        form = EngagementForm(initial=initial, city=city, user=request.user)
        return _render_form(request, form, source=source)

    form = EngagementForm(request.POST, city=city, user=request.user)
    if any(action in request.POST for action in FORM_ONLY_ACTIONS):
        return _render_form(request, form, source=source)
    once = SubmitOnce(request)
    if earlier := once.earlier_result():
        return once.repeat_response(request, earlier)
    if form.is_valid():
        earlier = form.duplicate_flag()  # before the save, which would find itself
        try:
            engagement = services.engagement_log(
                city=city,
                author=request.user,
                new_partner=form.new_partner(),
                **form.engagement_fields(),
            )
        except ValidationError as error:
            apply_errors(form, error, rename={"new_partner": "new_partner_name"})
        else:
            url = _detail_url(engagement)
            once.done(url)
            messages.success(request, _("Logged “%(title)s”.") % {"title": engagement.title})
            _flag_duplicate_request(request, earlier)
            return redirect(url)
    once.release()
    return _render_form(request, form, source=source)


@login_required
def engagement_edit(request, pk):
    engagement = get_for_editor_or_404(Engagement, request.user, pk=pk)
    if request.method != "POST":
        form = EngagementForm(instance=engagement, city=engagement.city, user=request.user)
        return _render_form(request, form, engagement=engagement)
    form = EngagementForm(
        request.POST, instance=engagement, city=engagement.city, user=request.user
    )
    if any(action in request.POST for action in FORM_ONLY_ACTIONS):
        return _render_form(request, form, engagement=engagement)
    if form.is_valid():
        try:
            services.engagement_revise(
                engagement=engagement,
                editor=request.user,
                new_partner=form.new_partner(),
                **form.engagement_fields(),
            )
        except ValidationError as error:
            apply_errors(form, error, rename={"new_partner": "new_partner_name"})
        else:
            messages.success(request, _("Saved."))
            return redirect(_detail_url(engagement))
    return _render_form(request, form, engagement=engagement)


@login_required
def engagement_delete(request, pk):
    engagement = get_for_editor_or_404(Engagement, request.user, pk=pk)
    if request.method == "POST":
        title = engagement.title
        services.engagement_delete(engagement=engagement, editor=request.user)
        messages.success(
            request,
            _("Moved “%(title)s” to the trash: it can be restored for %(days)s days.")
            % {"title": title, "days": settings.TRASH_RETENTION_DAYS},
        )
        return redirect("engagement_list")
    return render(
        request,
        "engagements/engagement_confirm_delete.html",
        {"engagement": engagement, "retention_days": settings.TRASH_RETENTION_DAYS},
    )


def _flag_duplicate_request(request, earlier) -> None:
    if earlier:
        names = "; ".join(f"{e.title} ({e.start_date:%Y-%m-%d})" for e in earlier)
        messages.warning(
            request,
            _(
                "Possible duplicate request: the same body had an engagement on an overlapping "
                "topic within the city's window: %(names)s."
            )
            % {"names": names},
        )


def _detail_url(engagement):
    return reverse("engagement_detail", args=[engagement.pk])
