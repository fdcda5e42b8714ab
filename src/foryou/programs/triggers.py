"""Trigger programs: run daily, yield only persons who newly qualify, each once per qualifying period.

Periods: `person` (once ever), `fiscal_year` (once a fiscal year), `episode` (again only after a day
on which the person did not qualify). After downtime, each missed day is evaluated in turn against the
current data (up to MAX_CATCH_UP_DAYS), so nobody whose window opened meanwhile is missed and nobody
is told twice; running again on a day already run yields nothing.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import transaction

from foryou.shared.jp.dates import fiscal_year
from foryou.programs.definition import Program
from foryou.programs.models import TriggerHit, TriggerPresence, TriggerRun
from foryou.rules import engine

MAX_CATCH_UP_DAYS = 31
CHUNK = 5000


@dataclass
class DayResult:
    day: date
    qualifying: int
    new_ids: list[str] = field(default_factory=list)


def days_to_run(program: Program, today: date) -> list[date]:
    last = TriggerRun.objects.last_for(program.code)
    if last is None:
        return [today]  # a new trigger starts today; it does not tell everyone who qualified before
    first = max(last.run_date + timedelta(days=1), today - timedelta(days=MAX_CATCH_UP_DAYS - 1))
    return [first + timedelta(days=n) for n in range((today - first).days + 1)]


def period_key(program: Program, day: date) -> str:
    if program.trigger == "fiscal_year":
        return f"FY{fiscal_year(day)}"
    return "person"  # episodes use the presence table; their hits are keyed by the episode start


def run_trigger(con, program: Program, today: date) -> list[DayResult]:
    if not program.trigger:
        raise ValueError(f"{program.code} is not a trigger program")
    return [run_day(con, program, day) for day in days_to_run(program, today)]


def _chunks(items: list[str]):
    for i in range(0, len(items), CHUNK):
        yield items[i:i + CHUNK]


@transaction.atomic
def run_day(con, program: Program, day: date) -> DayResult:
    ctx = engine.context_for(con, day)
    qualifying = sorted(set(engine.resident_ids(con, program.conditions, ctx)))
    run, created = TriggerRun.objects.get_or_create(program_code=program.code, run_date=day)
    if not created:
        return DayResult(day, run.qualifying)
    if program.trigger == "episode":
        new_ids = _new_episodes(program, day, qualifying, run)
    else:
        key = period_key(program, day)
        told = set()
        for chunk in _chunks(qualifying):
            told.update(TriggerHit.objects.for_period(program.code, key, chunk).values_list("resident_id", flat=True))
        new_ids = [rid for rid in qualifying if rid not in told]
        TriggerHit.objects.bulk_create(
            [TriggerHit(program_code=program.code, resident_id=rid, period_key=key, qualified_on=day, run=run)
             for rid in new_ids], batch_size=1000)
    run.qualifying, run.new = len(qualifying), len(new_ids)
    run.save(update_fields=["qualifying", "new"])
    return DayResult(day, len(qualifying), new_ids)


def _new_episodes(program: Program, day: date, qualifying: list[str], run: TriggerRun) -> list[str]:
    presence = {}
    for chunk in _chunks(qualifying):
        for p in TriggerPresence.objects.filter(program_code=program.code, resident_id__in=chunk):
            presence[p.resident_id] = p
    yesterday = day - timedelta(days=1)
    new_ids, updates, creates = [], [], []
    for rid in qualifying:
        p = presence.get(rid)
        if p is not None and p.last_seen_on >= yesterday:
            p.last_seen_on = day
            updates.append(p)
            continue
        new_ids.append(rid)
        if p is None:
            creates.append(TriggerPresence(program_code=program.code, resident_id=rid, episode_start=day, last_seen_on=day))
        else:
            p.episode_start, p.last_seen_on = day, day
            updates.append(p)
    TriggerPresence.objects.bulk_create(creates, batch_size=1000)
    TriggerPresence.objects.bulk_update(updates, ["episode_start", "last_seen_on"], batch_size=1000)
    TriggerHit.objects.bulk_create(
        [TriggerHit(program_code=program.code, resident_id=rid, period_key=f"E{day:%Y%m%d}", qualified_on=day, run=run)
         for rid in new_ids], batch_size=1000)
    return new_ids
