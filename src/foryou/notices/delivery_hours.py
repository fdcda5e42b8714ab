"""The delivery window as staff read it: the hours non-urgent notices go out in (DELIVERY_WINDOW,
shared with the gateway through foryou.shared.delivery_window) and when a held send will start."""

from datetime import datetime

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from foryou.shared import delivery_window as dw


def bounds():
    return dw.parse(settings.DELIVERY_WINDOW)


def hours() -> dict:
    """{"start": "8:00", "end": "20:00"} for messages."""
    start, end = bounds()
    return {"start": dw.clock(start), "end": dw.clock(end)}


def is_open(at: datetime) -> bool:
    return dw.is_open(at, bounds())


def opening_label(at: datetime | None = None) -> str:
    """When a send held at `at` (default now) starts: "8:00" today, else with its date ("12/8 8:00")."""
    now = at or timezone.now()
    opening = dw.next_open(now, bounds()).astimezone(dw.TOKYO)
    time_text = dw.clock(opening.time())
    if opening.date() == now.astimezone(dw.TOKYO).date():
        return time_text
    return _("%(month)s/%(day)s %(time)s") % {"month": opening.month, "day": opening.day, "time": time_text}


def waiting_message(at: datetime | None = None) -> str:
    """「配信時間(8:00〜20:00)を待っています。開始予定 8:00」"""
    return _("Waiting for the delivery hours (%(start)s–%(end)s). Starts at %(opening)s") % (
        hours() | {"opening": opening_label(at)})
