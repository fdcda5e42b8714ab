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


def order_funnel(order) -> list[tuple[str, object]] | None:
    """A send's results as far as applications: notified → opened (tracked link clicks, when counted) →
    applied → decided, among the send's own recipients, for a notice of a program with a form. Counts of
    people are suppressed below the small-count threshold (foryou.console.suppression); None when the
    notice's program takes no applications or the send has not started."""
    from django.utils.translation import gettext as _

    from foryou.console.suppression import people
    from foryou.notices.models import SendChunk

    code = order.notice.program_code
    if not code or order.started_at is None or not ProgramApplication.objects.filter(program_code=code).exists() \
            and not _has_form(code):
        return None
    numbers = [n for chunk in SendChunk.objects.filter(order=order).values_list("numbers", flat=True) for n in chunk]
    applications = ProgramApplication.objects.filter(program_code=code, number__in=numbers,
                                                     received_at__gte=order.started_at)
    applied = applications.values("number").distinct().count()
    decided = applications.filter(status__in=statuses.FINAL).values("number").distinct().count()
    progress = order.progress or {}
    steps = [(_("Notified"), people(order.recipients))]
    if order.tracked:
        steps.append((_("Opened the link"), people(int(progress.get("clicks", 0)))))
    return steps + [(_("Applied"), people(applied)), (_("Decided"), people(decided))]


def _has_form(code: str) -> bool:
    from foryou.programs.catalog import UnknownProgram, get_program

    try:
        return get_program(code).form is not None
    except UnknownProgram:
        return False
