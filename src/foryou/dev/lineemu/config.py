"""Settings of one emulated LINE channel pair: the Messaging API channel the gateway sends through and
the LINE Login channel its LIFF pages use. Defaults are fixed demo values, so a gateway configured for
the demo works against a fresh emulator without any exchange of secrets."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Demo credentials: they look like LINE's (32 hex chars, 10-digit channel IDs) but open nothing.
DEFAULT_ACCESS_TOKEN = "lineemu-demo-channel-access-token"
DEFAULT_CHANNEL_ID = "2000000001"
DEFAULT_CHANNEL_SECRET = "5f0e0c9a4e1b4d2c8a7f3b6d9e1c2a40"
DEFAULT_LOGIN_CHANNEL_ID = "2000000002"
DEFAULT_LOGIN_CHANNEL_SECRET = "a3c1e5f7092b4d6f8a0c2e4f6b8d0a19"
DEFAULT_BOT_USER_ID = "U0f0e0d0c0b0a09080706050403020100"

# LINE's documented per-endpoint rate limits (requests, period in seconds). Endpoints not listed
# share "default" (2,000 requests per second).
DEFAULT_RATE_LIMITS: dict[str, tuple[float, float]] = {
    "push": (2000, 1.0),
    "multicast": (200, 1.0),
    "broadcast": (60, 3600.0),
    "default": (2000, 1.0),
}

_RATE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(?:/\s*(s|sec|second|m|min|minute|h|hour))?\s*$")
_PERIODS = {None: 1.0, "s": 1.0, "sec": 1.0, "second": 1.0, "m": 60.0, "min": 60.0, "minute": 60.0,
            "h": 3600.0, "hour": 3600.0}


def parse_rate(text: str) -> tuple[float, float]:
    """'2000', '2000/s', '60/hour' -> (requests, period seconds)."""
    match = _RATE.match(text)
    if not match:
        raise ValueError(f"Rate must look like 2000/s or 60/hour, not {text!r}")
    return float(match[1]), _PERIODS[match[2]]


@dataclass
class LiffApp:
    """A LIFF app as registered in the LINE Developers console: https://liff.line.me/{liff_id}/path
    opens endpoint_url + path in a view of the given size."""

    liff_id: str
    endpoint_url: str
    view: str = "full"  # full | tall | compact


@dataclass
class EmulatorConfig:
    access_tokens: list[str] = field(default_factory=lambda: [DEFAULT_ACCESS_TOKEN])
    channel_id: str = DEFAULT_CHANNEL_ID
    channel_secret: str = DEFAULT_CHANNEL_SECRET
    login_channel_id: str = DEFAULT_LOGIN_CHANNEL_ID
    login_channel_secret: str = DEFAULT_LOGIN_CHANNEL_SECRET
    webhook_url: str | None = None
    webhook_timeout: float = 5.0
    bot_user_id: str = DEFAULT_BOT_USER_ID
    bot_basic_id: str = "@000foryou"
    bot_display_name: str = "あなたが使える制度お知らせ"
    bot_picture_url: str | None = None
    rate_limits: dict[str, tuple[float, float]] = field(default_factory=lambda: dict(DEFAULT_RATE_LIMITS))
    monthly_limit: int | None = None  # None: no target limit ("type": "none")
    retry_key_ttl: float = 24 * 3600.0
    id_token_ttl: int = 3600
    liff_apps: list[LiffApp] = field(default_factory=list)
    state_file: str | None = None  # users and messages survive restarts when set
    max_request_bytes: int = 2 * 1024 * 1024  # LINE answers 413 above 2 MB

    def __post_init__(self):
        self.rate_limits = {**DEFAULT_RATE_LIMITS, **self.rate_limits}

    def liff_app(self, liff_id: str) -> LiffApp | None:
        return next((app for app in self.liff_apps if app.liff_id == liff_id), None)

    def public(self) -> dict:
        """What the simulator page and the LIFF shim may know (no secrets)."""
        return {
            "botDisplayName": self.bot_display_name,
            "botPictureUrl": self.bot_picture_url,
            "botUserId": self.bot_user_id,
            "loginChannelId": self.login_channel_id,
            "webhookUrl": self.webhook_url,
            "liffApps": [{"liffId": a.liff_id, "endpointUrl": a.endpoint_url, "view": a.view}
                         for a in self.liff_apps],
        }
