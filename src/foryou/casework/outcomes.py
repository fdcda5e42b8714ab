"""Program applications as take-up events, for effect measurement (the outcome source "applications").

    take_ups(program_slug, since) -> iterator of (resident_id, date, kind)

- `program_slug`: the program's code (programs/*.yml `code`, e.g. "jido-fuyo-teate").
- `since`: a date; events on or after it (Asia/Tokyo dates).
- kind: APPLIED ("applied": the application was received, the date it arrived) for every application,
  then GRANTED ("granted") or REFUSED ("refused") on the date it was decided, for decided ones.

Ordered by date, then resident. A resident who applied twice (a program allowing more) appears twice;
a correction is not a new application. Every application counts, whatever its registration's state now:
the resident did take the step. Effect measurement decides which kinds count as take-up (usually applied)."""

from collections.abc import Iterator
from datetime import date

from django.utils import timezone

from foryou.casework.models import ProgramApplication
from foryou.shared.forms import statuses

APPLIED, GRANTED, REFUSED = "applied", "granted", "refused"
KINDS = (APPLIED, GRANTED, REFUSED)


def _day(moment) -> date:
    return timezone.localtime(moment).date()


def take_ups(program_slug: str, since: date) -> Iterator[tuple[str, date, str]]:
    rows = (ProgramApplication.objects.filter(program_code=program_slug)
            .values_list("resident_id", "received_at", "status", "decided_at"))
    events = []
    for resident_id, received_at, status, decided_at in rows.iterator():
        if _day(received_at) >= since:
            events.append((resident_id, _day(received_at), APPLIED))
        if status in statuses.FINAL and decided_at and _day(decided_at) >= since:
            events.append((resident_id, _day(decided_at), GRANTED if status == statuses.GRANTED else REFUSED))
    events.sort(key=lambda e: (e[1], e[0], KINDS.index(e[2])))
    return iter(events)
