"""The client's address as both zones count it for lockouts and rate limits: REMOTE_ADDR, or behind a
reverse proxy (FORYOU_CLIENT_IP_HEADER, e.g. X-Forwarded-For) the last address of that header, the one
the proxy itself added. Without the setting behind a proxy every request seems to come from the proxy."""

from django.conf import settings


def client_ip(request) -> str | None:
    if request is None:
        return None
    header = getattr(settings, "CLIENT_IP_HEADER", "")
    if header:
        forwarded = request.META.get("HTTP_" + header.upper().replace("-", "_"), "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-1]
    return request.META.get("REMOTE_ADDR") or None
