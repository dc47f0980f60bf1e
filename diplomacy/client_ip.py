"""The address a request came from, behind as many proxies as the deployment trusts.

Each proxy appends the address it was reached from to ``X-Forwarded-For``, so
behind ``TRUSTED_PROXY_COUNT`` proxies the client is that many entries from
the end; anything before it was written by the client and is not believed.
With no trusted proxy the header is ignored and the socket's address is used.
"""

import ipaddress

from django.conf import settings


def client_ip(request) -> str | None:
    remote = request.META.get("REMOTE_ADDR")
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < count:
        return remote
    candidate = forwarded[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
