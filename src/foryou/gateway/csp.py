"""A Content-Security-Policy for the resident pages (apply, activate, consent, the email stop page …):
scripts only from this server and LINE's LIFF SDK, never inline (the pages' scripts are static files
under gateway/static/gateway/), nothing posted elsewhere, no frame around the page. Only the demo's phone
simulator (FORYOU_LIFF_PAGES_FRAMABLE) may show them in a frame: it is served by the local LINE platform,
at LINE_API_BASE. Console pages have their own policy (foryou.accounts.middleware)."""

from urllib.parse import urlsplit

from django.conf import settings

RESIDENT_MODULES = "foryou.gateway."
# The LIFF SDK talks to LINE's servers from the page (login, ID token, profile).
LINE_ORIGINS = "https://*.line.me https://*.line-scdn.net"


def _origin(url: str) -> str:
    parts = urlsplit(url or "")
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def policy() -> str:
    sdk = _origin(settings.LIFF_SDK_URL)
    line_api = _origin(settings.LINE_API_BASE)
    framers = f"'self' {line_api}" if settings.LIFF_PAGES_FRAMABLE and line_api else "'none'"
    connect = " ".join(dict.fromkeys(filter(None, ["'self'", sdk, line_api, LINE_ORIGINS])))
    # マイナンバーカードで本人確認 posts to this server, which redirects to the identity provider: browsers
    # check form-action on that redirect too.
    card_provider = _origin(getattr(settings, "MYNUMBER_ISSUER", ""))
    return "; ".join([
        "default-src 'self'",
        f"script-src 'self' {sdk}".strip(),
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        f"connect-src {connect}",
        "object-src 'none'",
        "base-uri 'none'",
        f"form-action 'self' {card_provider}".strip(),
        f"frame-ancestors {framers}",
    ])


class ResidentPagesPolicyMiddleware:
    """Marks requests for a gateway view (process_view) and gives their HTML responses the policy."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "foryou_resident_page", False) and response.get("Content-Type", "").startswith("text/html"):
            response.headers["Content-Security-Policy"] = policy()
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if (getattr(view_func, "__module__", "") or "").startswith(RESIDENT_MODULES):
            request.foryou_resident_page = True
