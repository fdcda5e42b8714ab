"""The delivery window, read by both zones: non-urgent notices go out only between set hours (the
DELIVERY_WINDOW setting, "08:00-20:00" by default, Asia/Tokyo). The gateway holds deliveries outside
it (foryou.gateway.delivery.window); the console tells staff when a held send will start. Pure
functions of the setting's text and a time: no settings, no database."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

TOKYO = ZoneInfo("Asia/Tokyo")


class BadWindow(ValueError):
    pass


def parse(text: str) -> tuple[time, time]:
    """"08:00-20:00" → (08:00, 20:00); a window may cross midnight ("21:00-06:00")."""
    try:
        start, end = (time.fromisoformat(part.strip()) for part in text.split("-"))
    except ValueError:
        raise BadWindow(f"FORYOU_DELIVERY_WINDOW must look like 08:00-20:00, not {text!r}") from None
    if start == end:
        raise BadWindow("FORYOU_DELIVERY_WINDOW must not start and end at the same time")
    return start, end


def is_open(at: datetime, bounds: tuple[time, time]) -> bool:
    start, end = bounds
    local = at.astimezone(TOKYO).time()
    if start < end:
        return start <= local < end
    return local >= start or local < end  # a window across midnight


def next_open(at: datetime, bounds: tuple[time, time]) -> datetime:
    """`at` itself when the window is open, else the next opening (aware, Asia/Tokyo)."""
    if is_open(at, bounds):
        return at
    local = at.astimezone(TOKYO)
    opening = datetime.combine(local.date(), bounds[0], tzinfo=TOKYO)
    return opening if opening > local else opening + timedelta(days=1)


def clock(t: time) -> str:
    """08:00 → "8:00", as Japanese notices write hours."""
    return f"{t.hour}:{t.minute:02d}"
