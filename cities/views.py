from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from cities import health
from cities.scoping import staff_city
from engagements.models import Engagement


@login_required
def home(request):
    """A user's landing page: their city and its latest engagements."""
    engagements = Engagement.objects.for_user(request.user).for_list()[:15]
    return render(
        request,
        "cities/home.html",
        {"city": staff_city(request.user), "engagements": engagements},
    )


@never_cache
def healthz(request):
    """200 when the database and the broker answer; 503 naming what is down."""
    checks = health.run_checks()
    down = sorted(name for name, ok in checks.items() if not ok)
    status = 503 if down else 200
    body = {"status": "down" if down else "ok", "checks": checks}
    if down:
        body["down"] = down
    return JsonResponse(body, status=status)
