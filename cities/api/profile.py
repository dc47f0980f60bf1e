"""The user's profile page: their API token and their calendar addresses."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from rest_framework.authtoken.models import Token

from cities import services
from cities.models import CalendarFeed, ParticipatingCity
from cities.scoping import is_site_admin


@login_required
def profile(request):
    feeds = CalendarFeed.objects.active().filter(user=request.user).select_related("city__city")
    return render(
        request,
        "account/profile.html",
        {
            "token": Token.objects.filter(user=request.user).first(),
            "feeds": [
                (
                    feed,
                    request.build_absolute_uri(
                        reverse("calendar-feed", kwargs={"token": feed.token})
                    ),
                )
                for feed in feeds
            ],
            "feed_cities": (
                ParticipatingCity.objects.select_related("city")
                if is_site_admin(request.user)
                else None
            ),
        },
    )


@login_required
@require_POST
def api_token_create(request):
    services.api_token_issue(user=request.user)
    messages.success(request, _("New API token created; the old one no longer works."))
    return redirect("profile")


@login_required
@require_POST
def api_token_revoke(request):
    services.api_token_revoke(user=request.user)
    messages.success(request, _("API token revoked: scripts using it are refused from now on."))
    return redirect("profile")
