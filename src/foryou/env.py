"""Tiny helpers that read settings from the environment (the healthchecks way)."""

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
        raise ImproperlyConfigured(
            f"{name} is not set. {why} Set it in the environment (see docs/operations.md), "
            "or set FORYOU_DEBUG=1 for a local demo."
        )
    return value
