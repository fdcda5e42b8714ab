"""LINE settings, read when used (tests change them with pytest-django's `settings` fixture).

    LINE_CHANNEL_SECRET         webhook signatures (FORYOU_LINE_CHANNEL_SECRET)
    LINE_CHANNEL_ACCESS_TOKENS  list; the first is current, the next ones take over on 401 (rotation)
    LINE_API_BASE               default https://api.line.me (the emulator's base URL in demos/tests)
    LINE_LIFF_APPLY_URL         where a resident applies (LIFF page): greeting, help, rich menu
    LINE_CONSENT_URL            the tax-data consent page (LIFF): 同意 / 税情報, rich menu, after activation
    LINE_API_DATA_BASE          the data API (rich menu images): https://api-data.line.me with LINE's
                                own base, else the same base as LINE_API_BASE (the local LINE platform)
    LINE_RATE_LIMITS            requests per second per endpoint, default push 2000, multicast 200
    LINE_REQUEST_TIMEOUT        seconds per API request, default 10
    LINE_WEBHOOK_MAX_BYTES      larger webhook bodies are refused with 413, default 1 MiB
"""

from django.conf import settings
from urllib.parse import urljoin, urlsplit

from django.core.exceptions import ImproperlyConfigured

DEFAULT_API_BASE = "https://api.line.me"
DEFAULT_RATE_LIMITS = {"push": 2000.0, "multicast": 200.0}
DEFAULT_TIMEOUT = 10.0
DEFAULT_IN_FLIGHT = 128  # requests in flight per worker (FORYOU_LINE_IN_FLIGHT)
DEFAULT_WEBHOOK_MAX_BYTES = 1024 * 1024


def _required(name: str, env: str, why: str):
    value = getattr(settings, name, None)
    if not value:
        raise ImproperlyConfigured(f"settings.{name} is not set ({env} in the environment). {why}")
    return value


def channel_secret() -> str:
    return _required("LINE_CHANNEL_SECRET", "FORYOU_LINE_CHANNEL_SECRET",
                     "The LINE webhook cannot verify signatures without the Messaging API channel secret.")


def access_tokens() -> list[str]:
    tokens = _required("LINE_CHANNEL_ACCESS_TOKENS", "FORYOU_LINE_CHANNEL_ACCESS_TOKENS",
                       "Sending through LINE needs at least one channel access token.")
    tokens = [tokens] if isinstance(tokens, str) else [t for t in tokens if t]
    if not tokens:
        raise ImproperlyConfigured("settings.LINE_CHANNEL_ACCESS_TOKENS is empty.")
    return tokens


def api_base() -> str:
    return (getattr(settings, "LINE_API_BASE", "") or DEFAULT_API_BASE).rstrip("/")


DEFAULT_DATA_API_BASE = "https://api-data.line.me"


def data_api_base() -> str:
    explicit = getattr(settings, "LINE_API_DATA_BASE", "")
    if explicit:
        return explicit.rstrip("/")
    return DEFAULT_DATA_API_BASE if api_base() == DEFAULT_API_BASE else api_base()


def apply_url() -> str:
    return _required("LINE_LIFF_APPLY_URL", "FORYOU_LINE_LIFF_APPLY_URL",
                     "The account's greeting, help and rich menu link to the application page.")


def consent_url() -> str:
    return _required("LINE_CONSENT_URL", "FORYOU_LINE_CONSENT_URL",
                     "The account's replies and rich menu link to the consent page.")


def settings_url() -> str:
    """The settings page (LIFF): FORYOU_LINE_SETTINGS_URL, or beside the consent page in the same LIFF app
    (…/consent/ → …/settings/), so an existing deployment needs no new setting."""
    explicit = getattr(settings, "LINE_SETTINGS_URL", "")
    if explicit:
        return explicit
    consent = consent_url()
    if urlsplit(consent).path.rstrip("/").endswith("/consent"):
        return urljoin(consent, "../settings/" if urlsplit(consent).path.endswith("/") else "settings")
    return _required("LINE_SETTINGS_URL", "FORYOU_LINE_SETTINGS_URL",
                     "The account's replies and rich menu link to the settings page (LIFF); it cannot be "
                     "derived from FORYOU_LINE_CONSENT_URL, which does not end in /consent/.")


def rate_limits() -> dict[str, float]:
    return {**DEFAULT_RATE_LIMITS, **(getattr(settings, "LINE_RATE_LIMITS", None) or {})}


def in_flight() -> int:
    """Requests one worker keeps in flight (FORYOU_LINE_IN_FLIGHT)."""
    return max(1, int(getattr(settings, "LINE_IN_FLIGHT", None) or DEFAULT_IN_FLIGHT))


def request_timeout() -> float:
    return float(getattr(settings, "LINE_REQUEST_TIMEOUT", None) or DEFAULT_TIMEOUT)


def webhook_max_bytes() -> int:
    return int(getattr(settings, "LINE_WEBHOOK_MAX_BYTES", None) or DEFAULT_WEBHOOK_MAX_BYTES)
