"""The Voluntary Local Review pages: the draft of a city's year, its PDF and Word
document, and the two things staff write (the goals covered, each goal's narrative).

Readers are the city's staff (viewers too) and site admins; only editors write.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cities.models import SdgGoal
from cities.scoping import VIEWER_REFUSAL, can_edit, staff_city
from reviews.documents import draw_charts, filename, overview_rows, vlr_docx, vlr_pdf
from reviews.forms import GoalNarrativeForm, ReviewScopeForm
from reviews.models import FIRST_YEAR, LAST_YEAR, GoalNarrative
from reviews.selectors import local_review, reviewed_city_or_404, vlr_draft
from reviews.services import (
    goal_narrative_create,
    goal_narrative_update,
    local_review_create,
    local_review_update,
)


def _city_and_year(request, slug: str, year: int):
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404(
            _("Reviews cover the years %(first)s to %(last)s.")
            % {"first": FIRST_YEAR, "last": LAST_YEAR}
        )
    return reviewed_city_or_404(request.user, slug)


def _editor_city(request, slug: str, year: int):
    city = _city_and_year(request, slug, year)
    if not can_edit(request.user, city):
        raise PermissionDenied(VIEWER_REFUSAL)
    return city


@login_required
@require_GET
def vlr_home(request):
    """The review of the user's own city for the current year."""
    city = staff_city(request.user)
    if city is None:
        raise Http404(_("Your account is not attached to a participating city."))
    return redirect("vlr_draft", slug=city.slug, year=timezone.localdate().year)


def _page(request, city, year, *, scope_form=None, narrative_forms=None, status=200):
    draft = draw_charts(vlr_draft(city=city, year=year))
    review = draft.review
    editable = can_edit(request.user, city)
    if scope_form is None:
        scope_form = ReviewScopeForm(
            initial={
                "scope": draft.scope,
                "priority_goals": list(review.priority_goals.all()) if review else [],
            }
        )
    narrative_forms = narrative_forms or {}
    goals = [
        (
            section,
            narrative_forms.get(section.goal.number)
            or GoalNarrativeForm(
                initial={"text": section.narrative}, prefix=f"goal-{section.goal.number}"
            ),
        )
        for section in draft.goals
    ]
    return render(
        request,
        "reviews/vlr_draft.html",
        {
            "draft": draft,
            "overview": overview_rows(draft),
            "goals": goals,
            "scope_form": scope_form,
            "can_edit_review": editable,
            "years": range(timezone.localdate().year, timezone.localdate().year - 5, -1),
        },
        status=status,
    )


@login_required
@require_GET
def vlr_draft_page(request, slug: str, year: int):
    """The draft review: overview, each goal's commitments, engagements and networks, annex."""
    city = _city_and_year(request, slug, year)
    return _page(request, city, year)


@login_required
@require_POST
def vlr_scope(request, slug: str, year: int):
    """Set which goals the review covers (all, or the year's HLPF priority goals)."""
    city = _editor_city(request, slug, year)
    form = ReviewScopeForm(request.POST)
    if not form.is_valid():
        return _page(request, city, year, scope_form=form, status=400)
    review = local_review(city, year)
    fields = {
        "scope": form.cleaned_data["scope"],
        "priority_goals": form.cleaned_data["priority_goals"],
    }
    if review is None:
        local_review_create(city=city, year=year, editor=request.user, **fields)
    else:
        local_review_update(review=review, editor=request.user, **fields)
    messages.success(request, _("The goals reviewed are saved."))
    return redirect("vlr_draft", slug=city.slug, year=year)


@login_required
@require_http_methods(["POST"])
def vlr_narrative(request, slug: str, year: int, goal: int):
    """Save one goal's narrative; it stays with the review whatever the figures become."""
    city = _editor_city(request, slug, year)
    sdg_goal = get_object_or_404(SdgGoal, number=goal)
    form = GoalNarrativeForm(request.POST, prefix=f"goal-{goal}")
    if not form.is_valid():
        return _page(request, city, year, narrative_forms={goal: form}, status=400)
    text = form.cleaned_data["text"]
    review = local_review(city, year) or local_review_create(
        city=city, year=year, editor=request.user
    )
    narrative = GoalNarrative.objects.for_city(city).filter(review=review, goal=sdg_goal).first()
    if narrative is None:
        goal_narrative_create(review=review, goal=sdg_goal, editor=request.user, text=text)
    else:
        goal_narrative_update(narrative=narrative, editor=request.user, text=text)
    messages.success(request, _("The narrative of goal %(number)s is saved.") % {"number": goal})
    return redirect(reverse("vlr_draft", args=[city.slug, year]) + f"#goal-{goal}")


@login_required
@require_GET
def vlr_pdf_download(request, slug: str, year: int):
    city = _city_and_year(request, slug, year)
    draft = vlr_draft(city=city, year=year)
    response = HttpResponse(
        vlr_pdf(draft, base_url=request.build_absolute_uri("/"), request=request),
        content_type="application/pdf",
    )
    response["Content-Disposition"] = f'inline; filename="{filename(draft, "pdf")}"'
    return response


@login_required
@require_GET
def vlr_docx_download(request, slug: str, year: int):
    city = _city_and_year(request, slug, year)
    draft = vlr_draft(city=city, year=year)
    response = HttpResponse(
        vlr_docx(draft),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename(draft, "docx")}"'
    return response
