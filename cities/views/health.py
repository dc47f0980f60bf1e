from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from cities import health


@never_cache
def healthz_ready(request):
    """200 when the database, the broker and the cache answer; 503 naming what is down.

    For a load balancer deciding whether to send this process traffic.
    """
    checks = health.run_checks()
    down = sorted(name for name, ok in checks.items() if not ok)
    status = 503 if down else 200
    body = {"status": "down" if down else "ok", "checks": checks}
    if down:
        body["down"] = down
    return JsonResponse(body, status=status)


@never_cache
def healthz_live(request):
    """200 while the process answers at all, whatever its dependencies.

    For a supervisor deciding whether to restart it: a database outage must not
    get every web process killed.
    """
    return JsonResponse({"status": "ok"})
