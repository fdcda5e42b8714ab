"""The gateway deployable: the internet zone. LINE webhook, resident pages (apply, activate, consent),
the subscriber table (registration number ↔ LINE user ID / email address), delivery workers and the
gateway's end of the bridge. It has no staff page, no login, no console table, and no resident data:
applications are sealed to the console's public key the moment they arrive."""

from foryou.settings.base import *  # noqa: F401,F403
from foryou.settings.base import DJANGO_APPS, GATEWAY_APPS, SHARED_APPS, BASE_MIDDLEWARE, database, templates
from foryou.settings.resident_pages import *  # noqa: F401,F403
from foryou.settings.base import BRIDGE_KEY_MIN_BYTES, BRIDGE_KEY_WHY
from foryou.shared.env import env_str, require, require_key, require_zone

ZONE = require_zone("gateway")
SECRET_KEY = require("FORYOU_SECRET_KEY", env_str("FORYOU_SECRET_KEY"), "The gateway needs a long random secret key.")
BRIDGE_KEY = require_key("FORYOU_BRIDGE_KEY", env_str("FORYOU_BRIDGE_KEY"), BRIDGE_KEY_MIN_BYTES, BRIDGE_KEY_WHY)
# Keys the hash of registration numbers (foryou.gateway.number_keys); not the bridge key, not in the database.
NUMBER_KEY = require_key("FORYOU_NUMBER_KEY", env_str("FORYOU_NUMBER_KEY"), 32,
                         "It keys the hash under which the gateway keeps registration numbers.")

INSTALLED_APPS = DJANGO_APPS + SHARED_APPS + GATEWAY_APPS
# Resident pages get their Content-Security-Policy (foryou.gateway.csp).
MIDDLEWARE = BASE_MIDDLEWARE + ["foryou.gateway.csp.ResidentPagesPolicyMiddleware",
                                 "foryou.gateway.languages.ResidentLanguageMiddleware"]
ROOT_URLCONF = "foryou.gateway.urls"
TEMPLATES = templates([])
# One database, the gateway's own: its tables and its task queue (webhook events, delivery dispatch).
DATABASES = {"default": database("FORYOU_GATEWAY_DATABASE_URL", "gateway.sqlite3")}
GATEWAY_DATABASE = "default"
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = False  # `foryou serve` collects static files first
