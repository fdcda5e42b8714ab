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
# who leaves during a window counts as not having taken up afterwards (decision 0020). Persons under a
# protection order (支援措置), or in such a household, are never targeted, so nothing of theirs is kept.
# One query per source for every program (the registrants in a temporary table of the read-only connection).
_QUERIES = {
    Source.ALLOWANCES: """
        SELECT a.resident_id, a.program_code, a.status, a.start_date FROM allowances a
        JOIN outcome_registrants r USING (resident_id) JOIN persons p USING (resident_id)
        LEFT JOIN households h ON h.household_id = p.household_id
        WHERE a.program_code IN (SELECT unnest($codes)) AND a.start_date BETWEEN $since AND $as_of
          AND (p.removed_on IS NULL OR a.start_date <= p.removed_on)
          AND NOT p.protected AND NOT coalesce(h.protected, FALSE)""",
    Source.CHECKUPS: """
        SELECT c.resident_id, c.kind, NULL, c.done_on FROM checkups c
        JOIN outcome_registrants r USING (resident_id) JOIN persons p USING (resident_id)
        LEFT JOIN households h ON h.household_id = p.household_id
        WHERE c.kind IN (SELECT unnest($codes)) AND c.done_on BETWEEN $since AND $as_of
          AND (p.removed_on IS NULL OR c.done_on <= p.removed_on)
          AND NOT p.protected AND NOT coalesce(h.protected, FALSE)""",
}


def registrant_ids() -> list[str]:
    """Residents who have been registrants (activated a number): only their take-up is kept."""
    from foryou.enrollment.models import Registration

    return list(Registration.objects.filter(activated_at__isnull=False)
                .values_list("resident_id", flat=True).distinct())


def programs_with_outcomes() -> list[tuple[str, Outcome]]:
    from foryou.programs.catalog import all_programs

    return [(p.code, outcome_of(p)) for p in all_programs(revisions=False) if outcome_of(p) is not None]


def events_in_snapshot(con, programs: list[tuple[str, Outcome]], registrants: list[str], since: date,
                       as_of: date) -> dict[str, set[tuple[str, str]]]:
    """{program: {(resident_id, day as YYYY-MM-DD)}} of each take-up the snapshot shows among `registrants`,
    and of each application made in foryou for programs whose outcome is one."""
    found = {code: set() for code, _outcome in programs}
    if not registrants:
        return found
    con.execute("CREATE OR REPLACE TEMP TABLE outcome_registrants AS SELECT DISTINCT unnest($ids) AS resident_id",
                {"ids": registrants})
    for source, sql in _QUERIES.items():
        wanted = [(code, outcome) for code, outcome in programs if outcome.source == source]
        codes = sorted({c for _code, outcome in wanted for c in outcome.codes})
        if not codes:
            continue
        rows = con.execute(sql, {"codes": codes, "since": since, "as_of": as_of}).fetchall()
        for code, outcome in wanted:
            mine, statuses = set(outcome.codes), set(outcome.statuses)
            found[code] = {(rid, day.isoformat()) for rid, what, status, day in rows
                           if what in mine and (source != Source.ALLOWANCES or status in statuses)}
    found.update(application_events(con, programs, since, as_of))
    return found


_PROTECTED_REGISTRANTS = """
    SELECT p.resident_id FROM persons p JOIN outcome_registrants r USING (resident_id)
    LEFT JOIN households h ON h.household_id = p.household_id
    WHERE p.protected OR coalesce(h.protected, FALSE)"""


def application_events(con, programs: list[tuple[str, Outcome]], since: date,
                       as_of: date) -> dict[str, set[tuple[str, str]]]:
    """Take-up of programs whose outcome is an application made in foryou (制度の申請, foryou.casework):
    the day each registrant's application arrived, up to the import's date, with the same exclusions as
    the export's sources (registrants only, never a protected person or household). Uses the temporary
    table of registrants that events_in_snapshot made on `con`."""
    wanted = [code for code, outcome in programs if outcome.source == Source.APPLICATIONS]
    if not wanted:
        return {}
    from foryou.casework.outcomes import APPLIED, take_ups

    registrants = {r[0] for r in con.execute("SELECT resident_id FROM outcome_registrants").fetchall()}
    protected = {r[0] for r in con.execute(_PROTECTED_REGISTRANTS).fetchall()}
    keep = registrants - protected
    return {code: {(rid, day.isoformat()) for rid, day, kind in take_ups(code, since)
                   if kind == APPLIED and rid in keep and day <= as_of} for code in wanted}


def record_takeups(run) -> TakeUpRecording:
    """Record the take-up events the current snapshot (that of the applied import `run`) shows and the
    console has not recorded yet, for every program with an outcome. Returns the recording."""
    from foryou.residents import store

    as_of = run.as_of
    since = as_of - timedelta(days=settings.RETAIN_TAKEUPS_DAYS)
    registrants = registrant_ids()
    programs = programs_with_outcomes()
    with store.connect() as con:
        found = events_in_snapshot(con, programs, registrants, since, as_of)
    counts = {}
    with transaction.atomic():
        for code, outcome in programs:
            known = {(rid, day) for rid, day, source in TakeUp.objects.of_program(code).filter(took_up_on__gte=since)
                     .day_texts().values_list("resident_id", "day", "source") if source == outcome.source}
            new = [TakeUp(program=code, resident_id=rid, took_up_on=date.fromisoformat(day), source=outcome.source,
                          seen_on=as_of) for rid, day in sorted(found[code] - known)]
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
