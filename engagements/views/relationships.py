"""Pages of a city's relationships seen through its engagements: a partner's
profile with its engagement history, and the sister-city ties with their
activity (dormancy is ``engagements.selectors.tie_has_recent_engagement``).

Served from ``engagements`` because they read engagements; the records
themselves (partners, ties) belong to ``cities``.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from cities.filters import SisterCityTieFilter
from cities.forms import PersonForm
from cities.models import Partner, SisterCityTie
from cities.pagination import chosen_ordering, paginate
from cities.scoping import get_for_user_or_404
from cities.selectors import (
    anniversary_date,
    partner_profile,
    partner_tie,
    ties_with_anniversary_soon,
)
from engagements.models import Engagement
from engagements.selectors import engagement_rows, tie_engagements, ties_with_activity


@login_required
def partner_detail(request, pk):
    partner = get_for_user_or_404(partner_profile(Partner.objects.all(), pk), request.user, pk=pk)
    history = Engagement.objects.for_user(request.user).filter(partners=partner)
    page = paginate(engagement_rows(history), request.GET, ordering=["-start_date", "-pk"])
    tie = partner_tie(partner, SisterCityTie.objects.for_user(request.user))
    if tie is not None:
        tie = (
            ties_with_activity(
                SisterCityTie.objects.for_user(request.user).filter(pk=tie.pk),
                today=timezone.localdate(),
            ).first()
            or tie
        )
    return render(
        request,
        "engagements/partner_detail.html",
        {
            "partner": partner,
            "people": list(partner.people.all()),
            "page": page,
            "tie": tie,
            "person_form": PersonForm(prefix="person"),
        },
    )


TIE_ORDERINGS = {
    "city": ["partner_city__name", "pk"],
    "-city": ["-partner_city__name", "-pk"],
    "established": ["established_on", "pk"],
    "-established": ["-established_on", "-pk"],
}


@login_required
def tie_list(request):
    today = timezone.localdate()
    ties = SisterCityTie.objects.for_user(request.user)
    filterset = SisterCityTieFilter(request.GET or None, queryset=ties, request=request)
    sort, ordering = chosen_ordering(filterset, TIE_ORDERINGS, "city")
    page = paginate(ties_with_activity(filterset.qs, today=today), request.GET, ordering=ordering)
    anniversaries = list(ties_with_anniversary_soon(ties, today=today)[:50])
    for tie in anniversaries:
        tie.anniversary_on = anniversary_date(tie)
    return render(
        request,
        "engagements/tie_list.html",
        {"filter": filterset, "page": page, "sort": sort, "anniversaries": anniversaries},
    )


@login_required
def tie_detail(request, pk):
    today = timezone.localdate()
    ties = SisterCityTie.objects.for_user(request.user)
    tie = get_for_user_or_404(ties_with_activity(ties, today=today), request.user, pk=pk)
    upcoming = ties_with_anniversary_soon(ties.filter(pk=tie.pk), today=today).first()
    if upcoming is not None:
        upcoming.anniversary_on = anniversary_date(upcoming)
    timeline = tie_engagements(Engagement.objects.for_user(request.user), tie)
    page = paginate(engagement_rows(timeline), request.GET, ordering=["-start_date", "-pk"])
    return render(
        request,
        "engagements/tie_detail.html",
        {"tie": tie, "page": page, "anniversary": upcoming},
    )
