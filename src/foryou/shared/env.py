"""Tiny helpers that read settings from the environment (the healthchecks way)."""

import base64
import binascii
import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = {"1", "true", "yes", "on"}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in TRUE_WORDS


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not a whole number. Fix it in the environment.")


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_path(name: str, default: str) -> Path:
    return Path(os.environ.get(name) or default).expanduser().resolve()


def require(name: str, value: str, why: str) -> str:
    """Stop start-up with a message that says what to set and where it is documented."""
    if not value:
        raise ImproperlyConfigured(f"{name} is not set. {why} Set it in the environment (see docs/operations.md).")
    return value


def require_key(name: str, value: str, min_bytes: int, why: str) -> str:
    """A base64 key of at least `min_bytes` random bytes (set, decodable and long enough)."""
    require(name, value, why)
    try:
        length = len(base64.b64decode(value.strip(), validate=True))
    except (binascii.Error, ValueError):
        length = -1
    if length < min_bytes:
        what = "is not base64" if length < 0 else f"is {length} bytes long"
        raise ImproperlyConfigured(f"{name} {what}: it must be base64 of at least {min_bytes} random bytes, e.g. "
                                   f"python3 -c \"import base64, secrets; print(base64.b64encode(secrets.token_bytes("
                                   f"{min_bytes})).decode())\". {why} Set it in the environment (see docs/operations.md).")
    return value.strip()


def require_https(name: str, value: str, why: str) -> str:
    """An https:// address (set, and not plain HTTP)."""
    if not require(name, value, why).startswith("https://"):
        raise ImproperlyConfigured(f"{name}={value!r} is not an https:// address. {why} Set it in the environment "
                                   "(see docs/operations.md).")
    return value


ZONE_NAMES = ("embedded", "console", "gateway")


def zone_name() -> str:
    """FORYOU_ZONE: embedded when unset ("both" is its older name); anything else unknown stops start-up."""
    value = os.environ.get("FORYOU_ZONE", "").strip().lower() or "embedded"
    value = "embedded" if value == "both" else value
    if value not in ZONE_NAMES:
        raise ImproperlyConfigured(f"FORYOU_ZONE={os.environ['FORYOU_ZONE']!r} is not a zone. Set it to console, "
                                   "gateway or embedded (see docs/operations.md).")
    return value


def require_zone(expected: str) -> str:
    """A production settings module runs only where FORYOU_ZONE names its zone, so that a console
    host cannot start as a gateway by a wrong DJANGO_SETTINGS_MODULE (and the other way round)."""
    if expected != "embedded" and not os.environ.get("FORYOU_ZONE", "").strip():
        raise ImproperlyConfigured(f"FORYOU_ZONE is not set. Set FORYOU_ZONE={expected} on this deployment "
                                   "(see docs/operations.md).")
    zone = zone_name()
    if zone != expected:
        raise ImproperlyConfigured(f"FORYOU_ZONE={zone} does not match the settings module for the {expected} zone. "
                                   "Set one of them (see docs/operations.md).")
    return zone
