"""Writes for outcomes: recording take-up events from the current analysis snapshot after an import,
and deleting them when they are no longer needed.

An import is applied (its snapshot published) before anything is recorded here, so a failure here never
undoes or blocks an import: the import's record says so, and `foryou outcomes record` (or the next
import) records again from the current snapshot. Recording is idempotent: an event already recorded is
never written twice, so recording the same export again adds nothing.
"""

import logging
from datetime import date, timedelta

from django.conf import settings
from django.db import transaction

from foryou.outcomes.definitions import Outcome, Source, outcome_of
from foryou.outcomes.models import TakeUp, TakeUpRecording
from foryou.shared.purging import BATCH, delete_in_batches

log = logging.getLogger(__name__)

# Events dated after their person left the city (消除日) are not the city's to observe: a registrant
# who leaves during a window counts as not having taken up afterwards (decision 0020).
_ALLOWANCES = """
    SELECT a.resident_id, a.start_date AS day FROM allowances a JOIN persons p USING (resident_id)
    WHERE a.program_code IN (SELECT unnest($codes)) AND a.status IN (SELECT unnest($statuses))
      AND a.start_date BETWEEN $since AND $as_of AND (p.removed_on IS NULL OR a.start_date <= p.removed_on)
      AND a.resident_id IN (SELECT unnest($registrants))"""
_CHECKUPS = """
    SELECT c.resident_id, c.done_on AS day FROM checkups c JOIN persons p USING (resident_id)
    WHERE c.kind IN (SELECT unnest($codes))
      AND c.done_on BETWEEN $since AND $as_of AND (p.removed_on IS NULL OR c.done_on <= p.removed_on)
      AND c.resident_id IN (SELECT unnest($registrants))"""


def registrant_ids() -> list[str]:
    """Residents who have been registrants (activated a number): only their take-up is kept."""
    from foryou.enrollment.models import Registration

    return list(Registration.objects.filter(activated_at__isnull=False)
                .values_list("resident_id", flat=True).distinct())


def programs_with_outcomes() -> list[tuple[str, Outcome]]:
    from foryou.programs.catalog import all_programs

    return [(p.code, outcome_of(p)) for p in all_programs(revisions=False) if outcome_of(p) is not None]


def events_in_snapshot(con, outcome: Outcome, registrants: list[str], since: date, as_of: date) -> set[tuple[str, date]]:
    """(resident_id, day) of each take-up the snapshot shows for `outcome` among `registrants`."""
    if outcome.source == Source.APPLICATIONS or not registrants:
        return set()  # in-product applications are not recorded yet
    sql = _ALLOWANCES if outcome.source == Source.ALLOWANCES else _CHECKUPS
    params = {"codes": list(outcome.codes), "since": since, "as_of": as_of, "registrants": registrants}
    if outcome.source == Source.ALLOWANCES:
        params["statuses"] = list(outcome.statuses)
    return {(rid, day) for rid, day in con.execute(sql, params).fetchall()}


def record_takeups(run) -> TakeUpRecording:
    """Record the take-up events the current snapshot (that of the applied import `run`) shows and the
    console has not recorded yet, for every program with an outcome. Returns the recording."""
    from foryou.residents import store

    as_of = run.as_of
    since = as_of - timedelta(days=settings.RETAIN_TAKEUPS_DAYS)
    registrants = registrant_ids()
    programs = programs_with_outcomes()
    found: dict[str, tuple[Outcome, set]] = {}
    with store.connect() as con:
        for code, outcome in programs:
            found[code] = (outcome, events_in_snapshot(con, outcome, registrants, since, as_of))
    counts = {}
    with transaction.atomic():
        for code, (outcome, events) in found.items():
            known = set(TakeUp.objects.of_program(code).filter(source=outcome.source, took_up_on__gte=since)
                        .values_list("resident_id", "took_up_on"))
            new = [TakeUp(program=code, resident_id=rid, took_up_on=day, source=outcome.source, seen_on=as_of)
                   for rid, day in sorted(events - known)]
            TakeUp.objects.bulk_create(new, batch_size=1000, ignore_conflicts=True)
            counts[code] = len(new)
        recording, _created = TakeUpRecording.objects.update_or_create(
            import_run=run, defaults={"as_of": as_of, "counts": counts})
    return recording


def record_after_import(run) -> dict:
    """The import's hook: record take-up, never failing the (already applied) import. Returns what the
    import's counts keep: the new events, or that recording failed and must be retried."""
    try:
        recording = record_takeups(run)
    except Exception as exc:  # the import stands; `foryou outcomes record` retries from the current snapshot
        log.exception("recording take-up after import %s failed", run.pk)
        return {"takeups_failed": f"{type(exc).__name__}"}
    return {"takeups": sum(recording.counts.values())}


def unrecorded_import():
    """The latest applied import, if its take-up was never recorded (a failed recording)."""
    from foryou.residents.models import ImportRun

    latest = ImportRun.objects.latest_applied()
    if latest is None or TakeUpRecording.objects.filter(import_run=latest).exists():
        return None
    return latest


def purge(cutoff: date, batch: int = BATCH) -> int:
    """Delete take-up events dated before `cutoff` (the daily retention purge)."""
    return delete_in_batches(TakeUp.objects.filter(took_up_on__lt=cutoff), batch)
