"""The delivery window: non-urgent notices go out only between set hours (default 08:00–20:00,
Asia/Tokyo), so nobody's phone chimes with a checkup reminder at night. The parsing and the opening
times are shared with the console (foryou.shared.delivery_window); this module reads the setting."""

from datetime import datetime, time

from django.conf import settings

from foryou.shared import delivery_window as shared
from foryou.shared.delivery_window import TOKYO, BadWindow, parse  # noqa: F401 - this module's API

__all__ = ["TOKYO", "BadWindow", "parse", "window", "is_open", "next_open"]


def window() -> tuple[time, time]:
    return parse(settings.DELIVERY_WINDOW)


def is_open(at: datetime, bounds: tuple[time, time] | None = None) -> bool:
    return shared.is_open(at, bounds or window())


def next_open(at: datetime, bounds: tuple[time, time] | None = None) -> datetime:
    """`at` itself when the window is open, else the next opening (aware, Asia/Tokyo)."""
    return shared.next_open(at, bounds or window())
