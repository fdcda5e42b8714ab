"""The embedded product: both zones in one process on one machine, each with its own SQLite file, and
the DuckDB analysis store, all under one data directory. It needs no setting at all: the secret key
and the bridge keys are generated once and kept in the data directory. It is not debug mode — a small
town may run it as its real installation (docs/operations.md says what that supports).

FORYOU_DEMO=1 (set by `foryou demo`) adds the demo-only parts' defaults: the local LINE platform, the
local SMTP server's mailbox at /mailbox/, LIFF pages framable by the phone simulator."""

import secrets

from foryou.settings.base import *  # noqa: F401,F403
from foryou.settings.base import (CONSOLE_APPS, CONSOLE_CONTEXT_PROCESSORS, CONSOLE_MIDDLEWARE, DATA_DIR, DEV_APPS,
                                  DJANGO_APPS, GATEWAY_APPS, SHARED_APPS, database, templates)
from foryou.settings.resident_pages import *  # noqa: F401,F403
from foryou.shared.env import env_bool, env_list, env_str, require_zone

ZONE = require_zone("embedded")
DEMO = env_bool("FORYOU_DEMO", False)


def _generated_secret_key() -> str:
    """A key made on first start and kept (mode 600) in the data directory, so sessions survive restarts."""
    path = DATA_DIR / "secret_key"
    if not path.exists():
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        path.touch(mode=0o600)
        path.write_text(secrets.token_urlsafe(50))
    return path.read_text().strip()


SECRET_KEY = env_str("FORYOU_SECRET_KEY") or _generated_secret_key()
GENERATED_KEYS = True  # the bridge keys, likewise (foryou.shared.bridge.keys)

INSTALLED_APPS = DJANGO_APPS + SHARED_APPS + CONSOLE_APPS + GATEWAY_APPS + DEV_APPS
# The gateway's resident pages get their Content-Security-Policy (foryou.gateway.csp), console pages theirs.
MIDDLEWARE = CONSOLE_MIDDLEWARE + ["foryou.gateway.csp.ResidentPagesPolicyMiddleware",
                                 "foryou.gateway.languages.ResidentLanguageMiddleware"]
ROOT_URLCONF = "foryou.dev.urls" if DEMO else "foryou.urls"
TEMPLATES = templates(CONSOLE_CONTEXT_PROCESSORS)

# Two databases, one per zone; the router keeps each zone's tables in its own.
DATABASES = {
    "default": database("FORYOU_DATABASE_URL", "console.sqlite3"),
    "gateway": database("FORYOU_GATEWAY_DATABASE_URL", "gateway.sqlite3"),
}
DATABASE_ROUTERS = ["foryou.settings.router.ZoneRouter"]
GATEWAY_DATABASE = "gateway"
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Served on a loopback address by default: plain HTTP there. Behind a TLS proxy, turn these on.
ALLOWED_HOSTS = env_list("FORYOU_ALLOWED_HOSTS", "127.0.0.1,localhost")
SESSION_COOKIE_SECURE = env_bool("FORYOU_SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env_bool("FORYOU_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = 0 if not SECURE_SSL_REDIRECT else SECURE_HSTS_SECONDS  # noqa: F405

if DEMO:
    # The local LINE platform the demo starts (foryou lineemu, port 8081) and its demo channel.
    LINE_API_BASE = env_str("FORYOU_LINE_API_BASE", "http://127.0.0.1:8081")
    LINE_CHANNEL_SECRET = env_str("FORYOU_LINE_CHANNEL_SECRET", "5f0e0c9a4e1b4d2c8a7f3b6d9e1c2a40")
    LINE_CHANNEL_ACCESS_TOKENS = env_list("FORYOU_LINE_CHANNEL_ACCESS_TOKENS", "lineemu-demo-channel-access-token")
    LIFF_PAGES_FRAMABLE = env_bool("FORYOU_LIFF_PAGES_FRAMABLE", True)
    LINE_LOGIN_CHANNEL_ID = env_str("FORYOU_LINE_LOGIN_CHANNEL_ID", "2000000001")  # the local LINE Login channel
    if not env_str("FORYOU_EMAIL_HOST"):
        EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# WhiteNoise finds static files in the apps (no `collectstatic` needed); its root must exist.
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405
