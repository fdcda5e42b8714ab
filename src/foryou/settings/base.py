"""What every deployable shares. Three settings modules build on it, one per deployable:

- foryou.settings.embedded — both zones in one process, SQLite + DuckDB under one data directory
  (the default: `./run demo`, or a small town's real installation);
- foryou.settings.console  — the internal zone (LGWAN side): staff console, analysis store;
- foryou.settings.gateway  — the internet zone: LINE webhook, resident pages, delivery.

Everything deployment-specific comes from FORYOU_* environment variables (docs/operations.md). A
missing or wrong one stops start-up with one line that says what to set (foryou.shared.env)."""

import os
from pathlib import Path

import dj_database_url

from django.core.exceptions import ImproperlyConfigured

from foryou.shared import languages as resident_languages
from foryou.shared.env import env_bool, env_int, env_list, env_path, env_str, require, require_key, zone_name

PACKAGE_DIR = Path(__file__).resolve().parent.parent
# Detailed error pages for developers only; no deployable turns it on by itself.
DEBUG = env_bool("FORYOU_DEBUG", False)

# One data directory holds every embedded store: console.sqlite3, gateway.sqlite3, analysis/.
DATA_DIR = env_path("FORYOU_DATA_DIR", "var")
ANALYSIS_DIR = DATA_DIR / "analysis"

ALLOWED_HOSTS = env_list("FORYOU_ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("FORYOU_CSRF_TRUSTED_ORIGINS")

# The apps of each zone. A deployable installs its own zone's apps only (the embedded one installs
# both, and the demo-only parts); docs/architecture.md shows what each may import.
DJANGO_APPS = ["django.contrib.staticfiles"]
CONSOLE_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "foryou.accounts",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "foryou.console",
    "foryou.audit",
    "foryou.residents",
    "foryou.programs",
    "foryou.enrollment",
    "foryou.notices",
    "foryou.outcomes",
    "foryou.effect",
    "foryou.casework",
    "foryou.bridge",
]
GATEWAY_APPS = ["django_tasks", "django_tasks_db", "foryou.gateway"]
SHARED_APPS = ["foryou.shared"]
DEV_APPS = ["foryou.dev", "foryou.dev.lineemu", "foryou.dev.mailcatcher"]

# Security headers first; WhiteNoise serves static files in every deployable (no separate server).
BASE_MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
CONSOLE_MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Console pages: two-factor before anything, role areas, CSP (docs/decisions/0008).
    "foryou.accounts.middleware.ConsoleAccessMiddleware",
    "foryou.accounts.middleware.LoginLockoutMiddleware",
]

WSGI_APPLICATION = "foryou.wsgi.application"


def templates(context_processors: list[str]) -> list[dict]:
    return [{
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": ["django.template.context_processors.request",
                                           *context_processors,
                                           "foryou.shared.context_processors.service"]},
    }]


CONSOLE_CONTEXT_PROCESSORS = ["django.contrib.auth.context_processors.auth",
                              "django.contrib.messages.context_processors.messages"]


def _sqlite(name: str) -> dict:
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(DATA_DIR / name),
        "OPTIONS": {
            # WAL lets the web server read while a worker writes; IMMEDIATE avoids upgrade deadlocks.
            # synchronous=NORMAL under WAL: a commit survives the application crashing (only a power loss
            # may lose the last commits, never corrupts). The default page cache: a larger one measured no
            # faster for a million-recipient send and costs every process memory (docs/decisions/0085).
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;",
            "transaction_mode": "IMMEDIATE",
        },
        "TEST": {"NAME": str(DATA_DIR / f"test_{name}")},
    }


def database(url_var: str, sqlite_name: str) -> dict:
    """A database from a URL variable, or an SQLite file in the data directory when it is unset."""
    url = env_str(url_var)
    if not url:
        return _sqlite(sqlite_name)
    try:
        config = dj_database_url.parse(url, conn_max_age=env_int("FORYOU_DB_CONN_MAX_AGE", 60))
    except ValueError as error:
        require(url_var, "", f"It is not a database URL ({error}); e.g. postgres://user:password@host:5432/name.")
    config["CONN_HEALTH_CHECKS"] = True
    return config


DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# The gateway's tables live in this alias (foryou.gateway.db): "gateway" when both zones share a process.
GATEWAY_DATABASE = "default"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# A lockout check comes before the password check (foryou.accounts.lockout).
AUTHENTICATION_BACKENDS = ["foryou.accounts.backends.LockoutBackend", "django.contrib.auth.backends.ModelBackend"]
LOGIN_FAILURES_PER_USER = env_int("FORYOU_LOGIN_FAILURES_PER_USER", 5)
# Higher per address: a city office's staff may all reach the console from one address.
LOGIN_FAILURES_PER_IP = env_int("FORYOU_LOGIN_FAILURES_PER_IP", 20)
LOCKOUT_MINUTES = env_int("FORYOU_LOCKOUT_MINUTES", 15)
# Behind a reverse proxy: the header whose last address is the client's (e.g. X-Forwarded-For).
CLIENT_IP_HEADER = env_str("FORYOU_CLIENT_IP_HEADER", "")
# Two-factor (TOTP, django-otp) for administrators and approvers; wrong codes back off 1, 2, 4 … seconds.
OTP_TOTP_THROTTLE_FACTOR = 1
# Staff set up their authenticator only with a one-time code an administrator issued: hours it is valid.
ENROLMENT_CODE_HOURS = env_int("FORYOU_ENROLMENT_CODE_HOURS", 24)
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Japanese whatever the browser asks for: staff read Japanese. Residents read their own language on the
# resident pages and in every fixed message (foryou.shared.languages; docs/decisions/0040): the languages
# offered, in the switcher's order. Japanese is always among them and is the fallback.
LANGUAGE_CODE = "ja"
RESIDENT_LANGUAGES = env_list("FORYOU_RESIDENT_LANGUAGES", ",".join(resident_languages.DEFAULT_CODES))
if (_problem := resident_languages.check(RESIDENT_LANGUAGES)) is not None:
    raise ImproperlyConfigured(_problem)
LANGUAGES = [(code, resident_languages.NAMES[code]) for code in RESIDENT_LANGUAGES]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Tokyo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env_path("FORYOU_STATIC_ROOT", str(DATA_DIR / "static"))
# WhiteNoise serves files from STATIC_ROOT with far-future caching of hashed names; where no
# `collectstatic` has run (the embedded product, tests) it finds them in the apps (WHITENOISE_USE_FINDERS).
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

SESSION_COOKIE_AGE = env_int("FORYOU_SESSION_SECONDS", 30 * 60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Console HTML pages only (resident pages load LINE's LIFF SDK and are left to the gateway).
CONSOLE_CONTENT_SECURITY_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                                   "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
                                   "form-action 'self'; frame-ancestors 'none'")
PERMISSIONS_POLICY = ("accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), "
                      "payment=(), usb=()")
# Production defaults: cookies over HTTPS only and a redirect to HTTPS (the embedded product relaxes them
# for its loopback address; see foryou.settings.embedded).
SESSION_COOKIE_SECURE = env_bool("FORYOU_SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env_bool("FORYOU_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load balancers probe over plain HTTP
# HSTS on by default (a year) wherever HTTPS is served; FORYOU_HSTS_SECONDS=0 turns it off.
SECURE_HSTS_SECONDS = env_int("FORYOU_HSTS_SECONDS", 31_536_000)
# Each zone has its own host name (e.g. foryou.city.example.lg.jp): its subdomains are its own, so HSTS
# covers them. Preloading applies to a registrable domain, which is the city's to decide, not ours:
# hence the silenced check (it would warn on every deployment of a subdomain).
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("FORYOU_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("FORYOU_HSTS_PRELOAD", False)
SILENCED_SYSTEM_CHECKS = ["security.W021"]
if env_str("FORYOU_PROXY_SSL_HEADER"):  # e.g. X-Forwarded-Proto, set to "https" by the TLS proxy
    SECURE_PROXY_SSL_HEADER = ("HTTP_" + env_str("FORYOU_PROXY_SSL_HEADER").upper().replace("-", "_"), "https")

# The bridge between the zones (docs/operations.md). Production zones take their keys from the
# environment; the embedded product generates them in DATA_DIR (GENERATED_KEYS).
GENERATED_KEYS = False
BRIDGE_KEY_MIN_BYTES = 32
BRIDGE_KEY_WHY = "It signs every message between the console and the gateway, the same value on both."
# Checked wherever it is set (the console and the gateway require it: foryou.settings.console, .gateway).
BRIDGE_KEY = (require_key("FORYOU_BRIDGE_KEY", env_str("FORYOU_BRIDGE_KEY"), BRIDGE_KEY_MIN_BYTES, BRIDGE_KEY_WHY)
              if env_str("FORYOU_BRIDGE_KEY") else "")
CONSOLE_PRIVATE_KEY = env_str("FORYOU_CONSOLE_PRIVATE_KEY")
CONSOLE_PUBLIC_KEY = env_str("FORYOU_CONSOLE_PUBLIC_KEY")
GATEWAY_URL = env_str("FORYOU_GATEWAY_URL", "http://127.0.0.1:8000")
# Registration numbers must be activated within this many days of issue.
ACTIVATION_DAYS = env_int("FORYOU_ACTIVATION_DAYS", 90)
CONSENT_TERMS_VERSION = env_str("FORYOU_CONSENT_TERMS_VERSION", "2026-1")

# LINE Messaging API: base URL (the demo and tests point it at foryou lineemu), channel secret for
# webhook signatures, and access tokens (comma-separated: the first is current; the next is tried once
# on 401, so a token can be rotated without downtime).
# The demo points them at its local LINE platform (foryou.settings.embedded with FORYOU_DEMO).
LINE_API_BASE = env_str("FORYOU_LINE_API_BASE", "https://api.line.me")
LINE_CHANNEL_SECRET = env_str("FORYOU_LINE_CHANNEL_SECRET", "")
LINE_CHANNEL_ACCESS_TOKENS = env_list("FORYOU_LINE_CHANNEL_ACCESS_TOKENS", "")
LINE_LIFF_APPLY_URL = env_str("FORYOU_LINE_LIFF_APPLY_URL")  # shown in the greeting to new friends
LINE_CONSENT_URL = env_str("FORYOU_LINE_CONSENT_URL")  # sent when a resident types 同意 / 税情報
# The settings page (LIFF); unset: beside the consent page in the same LIFF app (…/settings/).
LINE_SETTINGS_URL = env_str("FORYOU_LINE_SETTINGS_URL")
LINE_RATE_LIMITS = {"push": env_int("FORYOU_LINE_PUSH_RATE", 2000), "multicast": env_int("FORYOU_LINE_MULTICAST_RATE", 200)}
LINE_REQUEST_TIMEOUT = env_int("FORYOU_LINE_REQUEST_TIMEOUT", 10)
# Requests a worker keeps in flight to LINE: at most this many per round trip, so 128 allows 2,000
# pushes/s up to a 64 ms round trip (32, before, capped a worker at 640/s over 50 ms).
LINE_IN_FLIGHT = env_int("FORYOU_LINE_IN_FLIGHT", 128)
LINE_WEBHOOK_MAX_BYTES = env_int("FORYOU_LINE_WEBHOOK_MAX_BYTES", 1024 * 1024)


def require_line_links() -> None:
    """Where a LINE channel is configured, the account's greeting, help, buttons and rich menu link to
    the application and consent pages: both links must be set (the embedded demo sets its own); and the
    LIFF pages check residents' ID tokens against the LINE Login channel, which must be named."""
    line_in_use = bool(LINE_CHANNEL_SECRET or LINE_CHANNEL_ACCESS_TOKENS)
    demo = zone_name() == "embedded" and env_bool("FORYOU_DEMO", False)
    if not line_in_use or demo or zone_name() == "console":
        return
    for name, page in (("FORYOU_LINE_LIFF_APPLY_URL", "application"), ("FORYOU_LINE_CONSENT_URL", "consent")):
        why = f"The LINE account links to the {page} page (LIFF) in its replies and rich menu."
        if not require(name, env_str(name), why).startswith("https://"):
            raise ImproperlyConfigured(f"{name}={env_str(name)!r} is not an https:// address. {why} Set it in the "
                                       "environment (see docs/operations.md).")
    require("FORYOU_LINE_LOGIN_CHANNEL_ID", env_str("FORYOU_LINE_LOGIN_CHANNEL_ID"),
            "The LIFF pages accept a LINE ID token only when it was issued for this LINE Login channel.")


require_line_links()

# LINE Login (LIFF pages): channel ID, ID-token verify endpoint, LIFF app ID and SDK URL. The demo
# points these at the local LINE platform (foryou lineemu).
LINE_LOGIN_CHANNEL_ID = env_str("FORYOU_LINE_LOGIN_CHANNEL_ID", "")  # required with LINE (the demo sets its own)
LINE_LOGIN_VERIFY_URL = env_str("FORYOU_LINE_LOGIN_VERIFY_URL", "https://api.line.me/oauth2/v2.1/verify")
LIFF_ID = env_str("FORYOU_LIFF_ID", "")
LIFF_SDK_URL = env_str("FORYOU_LIFF_SDK_URL", "https://static.line-scdn.net/liff/edge/2/sdk.js")
# LINE opens LIFF pages in its own browser, never in a frame; only the local phone simulator frames
# them. So pages are framable in the demo only (X-Frame-Options DENY otherwise).
LIFF_PAGES_FRAMABLE = env_bool("FORYOU_LIFF_PAGES_FRAMABLE", False)

# My Number Card verification (デジタル認証アプリ, OpenID Connect with PKCE and private_key_jwt): off while
# the issuer is empty. The client ID and key are the ones the Digital Agency registers for the city; the
# redirect URI is the gateway's /mynumber/callback as registered. The demo points these at its local
# identity provider (foryou.dev.cardidp). Checked at start-up: foryou.gateway.mynumber.config.
MYNUMBER_ISSUER = env_str("FORYOU_MYNUMBER_ISSUER", "")
MYNUMBER_CLIENT_ID = env_str("FORYOU_MYNUMBER_CLIENT_ID", "")
MYNUMBER_CLIENT_KEY = env_str("FORYOU_MYNUMBER_CLIENT_KEY", "")  # the client's private key as a JWK (JSON)
MYNUMBER_REDIRECT_URI = env_str("FORYOU_MYNUMBER_REDIRECT_URI", "")

# Email (SMTP), by default to the local mail server (localhost:25).
EMAIL_HOST = env_str("FORYOU_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("FORYOU_EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("FORYOU_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = env_str("FORYOU_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("FORYOU_EMAIL_TLS", False)
# SMTP connections a worker's email channel opens at once for a large batch (each reused between batches).
EMAIL_CONNECTIONS = env_int("FORYOU_EMAIL_CONNECTIONS", 4)
DEFAULT_FROM_EMAIL = env_str("FORYOU_EMAIL_FROM", "foryou@localhost")

# Delivery: hours in which non-urgent notices go out (Asia/Tokyo), how many dispatch tasks may run at
# once (one per worker process you run), the shared email rate, and how long a worker holds a batch.
DELIVERY_WINDOW = env_str("FORYOU_DELIVERY_WINDOW", "08:00-20:00")
DELIVERY_PARALLEL_TASKS = env_int("FORYOU_DELIVERY_PARALLEL_TASKS", 3)
DELIVERY_EMAIL_RATE = env_int("FORYOU_EMAIL_RATE", 300)  # messages per second, 0 = unlimited
DELIVERY_LEASE_SECONDS = env_int("FORYOU_DELIVERY_LEASE_SECONDS", 60)
DELIVERY_GIVE_UP_HOURS = env_int("FORYOU_DELIVERY_GIVE_UP_HOURS", 23)  # inside LINE's 24 h retry key
# When the console runs the day's trigger programs (after the nightly import; Asia/Tokyo).
TRIGGER_TIME = env_str("FORYOU_TRIGGER_TIME", "07:00")

# The municipality's town list (町字, 郵便番号), so that a postal code fills in the address on the
# application form. The demo uses the synthetic city's towns.csv.
TOWNS_FILE = env_str("FORYOU_TOWNS_FILE", str(DATA_DIR / "demo-export" / "towns.csv"))

# Postcards: the sender printed on them, and the public URL of the gateway for the QR code.
GATEWAY_PUBLIC_URL = env_str("FORYOU_GATEWAY_PUBLIC_URL", "http://127.0.0.1:8000")
POSTCARD_DEPARTMENT = env_str("FORYOU_POSTCARD_DEPARTMENT", "総務局 業務改革推進課")
POSTCARD_SENDER_POSTAL_CODE = env_str("FORYOU_POSTCARD_SENDER_POSTAL_CODE", "2608722")
POSTCARD_SENDER_ADDRESS = env_str("FORYOU_POSTCARD_SENDER_ADDRESS", "千葉市中央区千葉港1番1号")
POSTCARD_SENDER_PHONE = env_str("FORYOU_POSTCARD_SENDER_PHONE", "043-245-5111")

# The name the service shows to staff and residents.
SERVICE_NAME = env_str("FORYOU_SERVICE_NAME", "あなたが使える制度お知らせサービス")
# Its name for residents reading other languages ("en=…;ja-easy=…"); a city that names its service itself
# names it in other languages too, else readers of them see the Japanese name.
SERVICE_NAMES, _problem = resident_languages.parse_service_names(env_str(
    "FORYOU_SERVICE_NAMES", "" if "FORYOU_SERVICE_NAME" in os.environ else
    "ja-easy=あなたが つかえる せいどの おしらせ;en=Notices of programs you can use;zh-hans=可用制度通知服务;"
    "ko=이용 가능한 제도 알림 서비스;vi=Dịch vụ thông báo chế độ bạn có thể dùng;"
    "pt-br=Avisos dos programas que você pode usar"))
if _problem is not None:
    raise ImproperlyConfigured(_problem)
MUNICIPALITY_NAME = env_str("FORYOU_MUNICIPALITY_NAME", "千葉市")
OTP_TOTP_ISSUER = env_str("FORYOU_OTP_ISSUER", f"{MUNICIPALITY_NAME} For You")  # the name authenticator apps show

# Import: how many row problems an import tolerates before nothing is applied (default: none).
IMPORT_MAX_ERRORS = env_int("FORYOU_IMPORT_MAX_ERRORS", 0)
# Program definitions (YAML, reviewed in git). Default: the programs/ folder of this checkout.
PROGRAMS_DIR = env_path("FORYOU_PROGRAMS_DIR", str(PACKAGE_DIR.parent.parent / "programs"))
# How many old analysis snapshots to keep beside the current one (readers may still hold them).
ANALYSIS_KEEP_SNAPSHOTS = env_int("FORYOU_ANALYSIS_KEEP_SNAPSHOTS", 2)
# Counts of people below this are shown as 「10人未満」 (small-cell suppression), on screen and in CSV.
SMALL_COUNT = env_int("FORYOU_SMALL_COUNT", 10)
# Test devices by email: only addresses in these mail domains (the city's own), comma-separated; empty: any.
TEST_DEVICE_EMAIL_DOMAINS = env_list("FORYOU_TEST_DEVICE_EMAIL_DOMAINS")

# Retention (docs/privacy.md): days each class of personal data is kept before the daily purge deletes
# or blanks it (`foryou purge` in the console, `foryou purge_gateway` in the gateway; the scheduler and
# the worker run them once a day, and at start-up).
RETAIN_DELIVERIES_DAYS = env_int("FORYOU_RETAIN_DELIVERIES_DAYS", 90)  # gateway: after the send order finished
RETAIN_ACTIVATION_ATTEMPTS_DAYS = env_int("FORYOU_RETAIN_ACTIVATION_ATTEMPTS_DAYS", 30)
RETAIN_WEBHOOK_EVENTS_DAYS = env_int("FORYOU_RETAIN_WEBHOOK_EVENTS_DAYS", 30)  # handled LINE webhook events
RETAIN_TASK_RESULTS_DAYS = env_int("FORYOU_RETAIN_TASK_RESULTS_DAYS", 30)  # finished worker tasks
RETAIN_ENDED_SUBSCRIBERS_DAYS = env_int("FORYOU_RETAIN_ENDED_SUBSCRIBERS_DAYS", 30)  # then LINE ID, email blanked
RETAIN_DEPARTED_RESIDENTS_DAYS = env_int("FORYOU_RETAIN_DEPARTED_RESIDENTS_DAYS", 90)  # console: carried forward
RETAIN_APPLICATIONS_DAYS = env_int("FORYOU_RETAIN_APPLICATIONS_DAYS", 90)  # after acceptance or rejection
RETAIN_PROGRAM_APPLICATIONS_DAYS = env_int("FORYOU_RETAIN_PROGRAM_APPLICATIONS_DAYS", 365)  # after 決定 or 却下 (decision 0054)
RETAIN_POSTCARD_PDFS_DAYS = env_int("FORYOU_RETAIN_POSTCARD_PDFS_DAYS", 30)  # after mailing
RETAIN_BRIDGE_MESSAGES_DAYS = env_int("FORYOU_RETAIN_BRIDGE_MESSAGES_DAYS", 30)  # pushed console → gateway messages
RETAIN_TAKEUPS_DAYS = env_int("FORYOU_RETAIN_TAKEUPS_DAYS", 400)  # registrants' take-up events, by their date
RETAIN_AUDIT_DAYS = env_int("FORYOU_RETAIN_AUDIT_DAYS", 5 * 365 + 1)  # five years
# When the daily purge runs (Asia/Tokyo); it also runs once when the scheduler or a worker starts.
PURGE_TIME = env_str("FORYOU_PURGE_TIME", "03:30")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("FORYOU_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
