"""The delivery window: non-urgent notices go out only between set hours (default 08:00–20:00,
Asia/Tokyo), so nobody's phone chimes with a checkup reminder at night."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings

TOKYO = ZoneInfo("Asia/Tokyo")


class BadWindow(ValueError):
    pass


def parse(text: str) -> tuple[time, time]:
    try:
        start, end = (time.fromisoformat(part.strip()) for part in text.split("-"))
    except ValueError:
        raise BadWindow(f"FORYOU_DELIVERY_WINDOW must look like 08:00-20:00, not {text!r}") from None
    if start == end:
        raise BadWindow("FORYOU_DELIVERY_WINDOW must not start and end at the same time")
    return start, end


def window() -> tuple[time, time]:
    return parse(settings.DELIVERY_WINDOW)


def is_open(at: datetime, bounds: tuple[time, time] | None = None) -> bool:
    start, end = bounds or window()
    local = at.astimezone(TOKYO).time()
    if start < end:
        return start <= local < end
    return local >= start or local < end  # a window across midnight


def next_open(at: datetime, bounds: tuple[time, time] | None = None) -> datetime:
    """`at` itself when the window is open, else the next opening (aware, Asia/Tokyo)."""
    bounds = bounds or window()
    if is_open(at, bounds):
        return at
    local = at.astimezone(TOKYO)
    opening = datetime.combine(local.date(), bounds[0], tzinfo=TOKYO)
    return opening if opening > local else opening + timedelta(days=1)
