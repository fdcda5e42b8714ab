"""The console deployable: the internal zone (LGWAN side). Staff console, registrations, programs,
notices, statistics, the analysis store, and the console's end of the bridge. It serves no resident
page and holds no gateway table; it reaches the gateway only over the bridge (FORYOU_GATEWAY_URL)."""

from foryou.settings.base import *  # noqa: F401,F403
from foryou.settings.base import (CONSOLE_APPS, CONSOLE_CONTEXT_PROCESSORS, CONSOLE_MIDDLEWARE, DJANGO_APPS,
                                  SHARED_APPS, database, templates)
from foryou.settings.base import BRIDGE_KEY_MIN_BYTES, BRIDGE_KEY_WHY
from foryou.shared.env import env_str, require, require_https, require_key, require_zone

ZONE = require_zone("console")
SECRET_KEY = require("FORYOU_SECRET_KEY", env_str("FORYOU_SECRET_KEY"), "The console needs a long random secret key.")
BRIDGE_KEY = require_key("FORYOU_BRIDGE_KEY", env_str("FORYOU_BRIDGE_KEY"), BRIDGE_KEY_MIN_BYTES, BRIDGE_KEY_WHY)
# The bridge carries registration numbers and send orders: over HTTPS only (plain HTTP is embedded-only).
GATEWAY_URL = require_https("FORYOU_GATEWAY_URL", env_str("FORYOU_GATEWAY_URL"),
                            "The console reaches the gateway over the bridge, by HTTPS only.")

INSTALLED_APPS = DJANGO_APPS + SHARED_APPS + CONSOLE_APPS
MIDDLEWARE = CONSOLE_MIDDLEWARE
ROOT_URLCONF = "foryou.console.urls"
TEMPLATES = templates(CONSOLE_CONTEXT_PROCESSORS)
DATABASES = {"default": database("FORYOU_DATABASE_URL", "console.sqlite3")}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = False  # `foryou serve` collects static files first
