from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from cities import health


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
