"""The cross-engagement lists: my follow-ups, the gifts register, the upcoming agenda."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cities.pagination import paginate
from cities.views.common import get_for_editor_or_404
from engagements import services
from engagements.choices import FollowUpStatus
from engagements.filters import FollowUpFilter, FollowUpView, GiftFilter
from engagements.forms import FollowUpBulkForm
from engagements.models import Engagement, FollowUp, Gift
from engagements.selectors import UPCOMING_DAYS, follow_up_rows, gift_rows, upcoming_engagements


@login_required
def follow_up_list(request):
    """Follow-ups, overdue (earliest due) first: my open ones unless another view
    (my city's open ones, the unassigned ones, the overdue ones) is chosen."""
    data = request.GET.copy()
    if not {"view", "owner", "status", "q"} & set(data):
        data.update({"view": FollowUpView.MINE, "status": FollowUpStatus.OPEN})
    today = timezone.localdate()
    filterset = FollowUpFilter(
        data, queryset=FollowUp.objects.for_user(request.user), request=request, today=today
    )
    page = paginate(
        follow_up_rows(filterset.qs, today=today), request.GET, ordering=["due_date", "pk"]
    )
    return render(
        request,
        "engagements/follow_up_list.html",
        {
            "filter": filterset,
            "page": page,
            "today": today,
            "bulk": FollowUpBulkForm(user=request.user),
            "selectable": "bulk-follow-ups",
            "view": data.get("view", ""),
            "views": FOLLOW_UP_VIEW_LINKS,
            # The list's own defaults (my open ones) go with its export too.
            "export_query": data.urlencode(),
        },
    )


# The ready-made views offered above the list: (view, its query string).
FOLLOW_UP_VIEW_LINKS = [
    (FollowUpView.MINE, f"view=mine&status={FollowUpStatus.OPEN}"),
    (FollowUpView.CITY, "view=city"),
    (FollowUpView.UNASSIGNED, "view=unassigned"),
    (FollowUpView.OVERDUE, "view=overdue"),
]


@require_POST
@login_required
def follow_up_done(request, pk):
    follow_up = get_for_editor_or_404(
        FollowUp.objects.select_related("engagement", "owner"), request.user, pk=pk
    )
    services.follow_up_complete(follow_up=follow_up, editor=request.user)
    follow_up.is_overdue = False  # done now
    if request.htmx:
        return render(
            request,
            "engagements/partials/follow_up_row.html",
            {
                "follow_up": follow_up,
                "today": timezone.localdate(),
                "user_can_edit": True,
                "selectable": request.POST.get("selectable", ""),
            },
        )
    messages.success(request, _("Done: %(follow_up)s") % {"follow_up": follow_up.description})
    back = request.POST.get("next", "")
    if back and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return redirect(back)
    return redirect("follow_up_list")


@login_required
def gift_register(request):
    """Every gift given and received, newest visit first: the ethics disclosure register."""
    filterset = GiftFilter(
        request.GET or None, queryset=Gift.objects.for_user(request.user), request=request
    )
    page = paginate(
        gift_rows(filterset.qs),
        request.GET,
        ordering=["-delegation__engagement__start_date", "-pk"],
    )
    return render(request, "engagements/gift_register.html", {"filter": filterset, "page": page})


@login_required
def upcoming(request):
    """Planned and confirmed engagements of the next 90 days, day by day."""
    today = timezone.localdate()
    rows = upcoming_engagements(Engagement.objects.for_user(request.user), today=today)
    page = paginate(rows, request.GET, ordering=["start_date", "pk"], per_page=100)
    return render(
        request,
        "engagements/upcoming.html",
        {"page": page, "today": today, "days": UPCOMING_DAYS},
    )
