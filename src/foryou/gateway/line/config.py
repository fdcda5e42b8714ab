"""LINE settings, read when used (tests change them with pytest-django's `settings` fixture).

    LINE_CHANNEL_SECRET         webhook signatures (FORYOU_LINE_CHANNEL_SECRET)
    LINE_CHANNEL_ACCESS_TOKENS  list; the first is current, the next ones take over on 401 (rotation)
    LINE_API_BASE               default https://api.line.me (the emulator's base URL in demos/tests)
    LINE_LIFF_APPLY_URL         where a resident applies (LIFF page), shown in the greeting
    LINE_CONSENT_URL            the tax-data consent page (LIFF), sent on 同意 / 税情報
    LINE_RATE_LIMITS            requests per second per endpoint, default push 2000, multicast 200
    LINE_REQUEST_TIMEOUT        seconds per API request, default 10
    LINE_WEBHOOK_MAX_BYTES      larger webhook bodies are refused with 413, default 1 MiB
"""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

DEFAULT_API_BASE = "https://api.line.me"
DEFAULT_RATE_LIMITS = {"push": 2000.0, "multicast": 200.0}
DEFAULT_TIMEOUT = 10.0
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


def apply_url() -> str:
    return getattr(settings, "LINE_LIFF_APPLY_URL", "") or ""


def consent_url() -> str:
    return getattr(settings, "LINE_CONSENT_URL", "") or ""


def rate_limits() -> dict[str, float]:
    return {**DEFAULT_RATE_LIMITS, **(getattr(settings, "LINE_RATE_LIMITS", None) or {})}


def request_timeout() -> float:
    return float(getattr(settings, "LINE_REQUEST_TIMEOUT", None) or DEFAULT_TIMEOUT)


def webhook_max_bytes() -> int:
    return int(getattr(settings, "LINE_WEBHOOK_MAX_BYTES", None) or DEFAULT_WEBHOOK_MAX_BYTES)
