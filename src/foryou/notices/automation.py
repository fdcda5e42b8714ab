"""The console's clock: start scheduled sends when their time comes, run the daily trigger programs that
have an automatic notice (each newly qualifying person is told once), and sync with the gateway.
`foryou scheduler` runs `tick()` every few seconds; the demo runs it in a thread."""

import logging
from datetime import date, datetime, time

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from foryou.notices import sending
from foryou.notices.models import Notice, SendOrder

log = logging.getLogger(__name__)


def automatic_notices() -> list[Notice]:
    """The newest notice of each program whose approved version says automatic, with pinned conditions
    (a version approved before approvals pinned them waits for a new approval)."""
    chosen = {}
    candidates = Notice.objects.filter(versions__automatic=True).exclude(program_code="").distinct()
    for notice in candidates.order_by("created_at"):
        version = notice.sendable
        if version is not None and version.automatic and not version.broadcast and version.conditions is not None:
            chosen[notice.program_code] = notice
    return list(chosen.values())


def run_triggers(today: date) -> list[SendOrder]:
    """Today's trigger runs (catching up missed days) for programs with an automatic notice, each
    becoming a started send order for the persons who newly qualify."""
    from foryou.notices import audience
    from foryou.programs.triggers import run_trigger
    from foryou.residents import store

    orders = []
    for notice in automatic_notices():
        version = notice.sendable
        program = audience.program_for(version)  # who newly qualifies, by the approved conditions
        if not program.trigger:
            continue
        with transaction.atomic():  # the hits and the order together: nobody is marked told but not sent
            con = store.connect()
            with con:
                new_ids = [rid for day in run_trigger(con, program, today) for rid in day.new_ids]
            if not new_ids:
                continue
            order = SendOrder.objects.create(notice=notice, version=version, kind=SendOrder.Kind.TRIGGER,
                                             scheduled_for=timezone.now())
            sending.start(order, target_ids=sorted(set(new_ids)))
            orders.append(order)
            log.info("trigger %s: %s newly qualifying, order %s", program.code, len(new_ids), order.pk)
    return orders


class Clock:
    """What one scheduler process remembers: the last day it ran the triggers (and the retention purge)."""

    def __init__(self, trigger_time: time | None = None):
        from foryou.console import retention

        self.trigger_time = trigger_time or time.fromisoformat(settings.TRIGGER_TIME)
        self.triggers_ran_on: date | None = None
        self.purge = retention.daily()  # at start-up, then daily at PURGE_TIME (docs/privacy.md)

    def tick(self, transport=None, now: datetime | None = None) -> dict:
        from foryou.bridge.client import sync
        from foryou.residents.store import NoSnapshot

        now = now or timezone.now()
        local = now.astimezone(sending.TOKYO)
        started = sending.start_due(now)
        triggered = []
        if self.triggers_ran_on != local.date() and local.time() >= self.trigger_time:
            try:
                triggered = run_triggers(local.date())
                self.triggers_ran_on = local.date()
            except NoSnapshot:
                log.warning("no analysis snapshot yet: trigger programs wait for the first import")
        result = sync(transport)
        from foryou.notices import welcome

        try:
            welcomed = welcome.send_due(now)
        except NoSnapshot:
            welcomed = []
        purged = 0
        if self.purge.due(now):
            from foryou.console.retention import purge

            try:
                purged = sum(purge(now).values())
            except Exception:  # logged; sends and the bridge go on, and tomorrow's purge tries again
                log.exception("the retention purge failed")
        return {"started": len(started), "triggered": len(triggered), "welcomed": len(welcomed), "pushed": result.pushed,
                "pulled": result.pulled, "purged": purged}
