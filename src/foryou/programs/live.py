"""Counting for the staff console, where every change of a condition asks again: the count and the
funnel of one program in a single query, on a read-only connection to the current snapshot that the
process keeps open.

Opening a 1,000,000-resident snapshot costs far more than a count, so each process keeps one DuckDB
connection per snapshot file and gives each thread its own cursors (a DuckDB connection must not be
used by two threads at once): one for the counts, one for the registrants told, so the editor runs
both queries at the same time (preview_and_told). The pointer file CURRENT is read on every call:
when an import publishes a new snapshot, the next request opens it and the old connection is dropped.
Results are kept for a short while per (snapshot, day, conditions), so going back to an earlier state
is instant. The registrants loaded into a cursor are kept until the registrations' token changes
(enrollment's RegistrationsVersion, changed by database triggers: decision 0080).

Conditions that read a tax field are counted only over the registrants who consented to the use of
tax data (an active or paused registration with tax consent), at every step of the funnel: the tax
data of anyone else is never read for a count, as it is never read for a send (recipients.py keeps
only consenting registrants). What the counts may show is decided in programs/shown.py.
"""

import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import date

import duckdb
from django.utils.translation import gettext as _

from foryou.residents import store
from foryou.rules import chain, compiler, engine, language, recipients
from foryou.rules.catalog import TAX_CONSENT
from foryou.rules.describe import describe

RESULTS_KEPT = 512
TOLD = "told"  # the cursor registrants_told counts on (its temp table: the registrants)

_lock = threading.Lock()
_shared: dict = {"key": None, "connection": None}
_local = threading.local()
_results: "OrderedDict[tuple, tuple]" = OrderedDict()
_contexts: dict[tuple, compiler.EvalContext] = {}
# Runs registrants_told's query while the caller counts the funnel; a few threads, as a process
# serves a few requests at once.
_pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="live-told")


def _snapshot_key() -> tuple:
    path = store.current_snapshot_path()
    if path is None:
        raise store.NoSnapshot()
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise store.NoSnapshot() from None
    return (str(path), stat.st_ino, stat.st_mtime_ns)


def cursor(purpose: str = "counts") -> tuple[tuple, duckdb.DuckDBPyConnection]:
    """(snapshot key, a cursor for this thread and `purpose`) on the current snapshot, opened read-only
    once per process. Each purpose has its own cursor (its own temp tables): the counts and the
    registrants told are counted at the same time (preview_and_told)."""
    key = _snapshot_key()
    mine = getattr(_local, purpose, None)
    if mine is not None and mine[0] == key:
        return mine
    with _lock:
        if _shared["key"] != key:
            # The old connection is not closed here: other threads may still be counting on it. It is
            # closed when the last cursor on it is dropped.
            _shared["connection"] = duckdb.connect(key[0], read_only=True)
            _shared["key"] = key
            _contexts.clear()
        mine = (key, store.with_derived(_shared["connection"].cursor()))
    setattr(_local, purpose, mine)
    return mine


def reset() -> None:
    """Forget the cached connection and results (tests switch data directories)."""
    with _lock:
        _shared.update(key=None, connection=None)
        _results.clear()
        _contexts.clear()
    _local.__dict__.clear()


@dataclass
class Step:
    label: str
    path: str
    count: int
    node: object = None
    width: float = 0.0  # percent of all current residents, for bar charts


@dataclass
class Preview:
    count: int
    steps: list[Step]
    as_of: date
    tax_year: int
    milliseconds: float
    snapshot: str
    cached: bool = False
    residents: int = 0
    notes: list[str] = field(default_factory=list)
    # True when the conditions read tax data: every count is over consenting registrants only.
    consenting_only: bool = False


# -- the population a count reads ------------------------------------------------------------------

# Temp table: pid (and 宛名番号) of the registrants who consented to the use of tax data. Counts test it by
# pid: a semi-join on 宛名番号 text over every resident cost most of the editor's time at 3.8M residents.
CONSENTING = "tax_consenting"


def reads_tax(conditions: language.Conditions) -> bool:
    return TAX_CONSENT in conditions.consents()


def _registrations_token() -> str | None:
    """The token the database triggers change with every change of the registrants (enrollment's
    RegistrationsVersion): read before the registrations themselves, so what is loaded after it is
    never older than the token it is kept under."""
    from foryou.enrollment.models import RegistrationsVersion

    return RegistrationsVersion.objects.token()


def _consenting_signature() -> tuple:
    """Changes whenever the set of consenting registrants changes: the registrations' token, or, before
    any registration changed since the token table was made, the registrations' sums (a consent given
    and another withdrawn between two counts change the sum of their ids, if not their number)."""
    from django.db.models import Count, Max, Sum

    from foryou.enrollment.models import Registration

    token = _registrations_token()
    if token is not None:
        return ("consenting", token)
    row = Registration.objects.active().filter(tax_consent=True).aggregate(
        n=Count("id"), ids=Sum("id"), activated=Max("activated_at"))
    return ("consenting", row["n"], row["ids"], str(row["activated"]))


def _load_consenting(con, key: tuple) -> tuple:
    """The consenting registrants as the temp table CONSENTING in this thread's cursor (loaded once per
    snapshot and signature); returns the signature, part of the cache key of every restricted count."""
    from foryou.enrollment.models import Registration

    signature = _consenting_signature()
    wanted = (key, signature)
    if getattr(_local, "consenting", None) != wanted:
        ids = list(Registration.objects.active().filter(tax_consent=True).values_list("resident_id", flat=True))
        con.execute(f"CREATE OR REPLACE TEMP TABLE {CONSENTING} AS SELECT p.pid, p.resident_id FROM persons AS p "
                    "WHERE p.resident_id IN (SELECT unnest($ids))", {"ids": ids})
        _local.consenting = wanted
    return signature


def context(con, key: tuple, as_of: date) -> compiler.EvalContext:
    found = _contexts.get((key, as_of))
    if found is None:
        found = _contexts[(key, as_of)] = engine.context_for(con, as_of)
    return found


def funnel_sql(conditions: language.Conditions, ctx: compiler.EvalContext, among: str | None = None) -> str:
    """The funnel as a chain (rules/chain.py), over the persons listed in `among` only when given."""
    return chain.funnel_sql(conditions, ctx, among)


def preview(conditions: language.Conditions, as_of: date) -> Preview:
    """The number of current residents who meet the conditions on `as_of`, and the count after each
    top-level condition in turn (the funnel), from one query; over consenting registrants only when
    the conditions read tax data. Raises store.NoSnapshot."""
    started = time.perf_counter()
    key, con = cursor()
    ctx = context(con, key, as_of)
    restricted = reads_tax(conditions)
    signature = _load_consenting(con, key) if restricted else None
    sql = funnel_sql(conditions, ctx, CONSENTING if restricted else None)
    row, cached = _row(con, (key, ctx, sql, signature))
    nodes = compiler.funnel_steps(conditions)
    first = _("Registrants who consented to the use of tax data") if restricted else _("Current residents")
    steps = [Step(first, "", row[0] or 0)]
    steps += [Step(describe(node, lookups=conditions.lookups), node.path, value or 0, node) for node, value in zip(nodes, row[1:])]
    for step in steps:
        step.width = round(max(0.4, 100 * step.count / steps[0].count), 2) if step.count else 0.0
    return Preview(count=steps[-1].count, steps=steps, as_of=as_of, tax_year=ctx.tax_year,
                   milliseconds=(time.perf_counter() - started) * 1000, snapshot=key[0].rsplit("/", 1)[-1],
                   cached=cached, residents=steps[0].count, consenting_only=restricted)


def statements(conditions: language.Conditions, as_of: date, tell: str) -> list[tuple[duckdb.DuckDBPyConnection, str]]:
    """The SQL one change in the editor runs (the funnel, the registrants told), each with the cursor it
    runs on, as preview_and_told builds them: benchmarks time these alone against the whole round trip.
    The temp tables they read are those the cursors loaded for the last preview_and_told of this thread."""
    key, con = cursor()
    ctx = context(con, key, as_of)
    among = CONSENTING if reads_tax(conditions) else None
    told_key, told_con = cursor(TOLD)
    return [(con, funnel_sql(conditions, ctx, among)), (told_con, _told_sql(conditions, context(told_con, told_key, as_of), tell))]


def _told_sql(conditions: language.Conditions, ctx: compiler.EvalContext, tell: str) -> str:
    return f"SELECT count(*) FROM ({recipients.recipients_query(conditions, ctx, tell)})"


def count(conditions: language.Conditions, as_of: date) -> int:
    """Only the count (for lists of programs and the send estimate): a cheaper query than the funnel;
    over consenting registrants only when the conditions read tax data."""
    key, con = cursor()
    ctx = context(con, key, as_of)
    if not reads_tax(conditions):
        sql = compiler.sql_for("count", conditions, ctx)
        return _row(con, (key, ctx, sql))[0][0]
    signature = _load_consenting(con, key)
    pids = compiler.sql_for("pids", conditions, ctx)
    sql = f"SELECT count(*) FROM ({pids}) AS found WHERE found.pid IN (SELECT pid FROM {CONSENTING})"
    return _row(con, (key, ctx, sql, signature))[0][0]


def _row(con, cache_key) -> tuple[tuple, bool]:
    """The query's one row, from the cache of recent results (snapshot, context, SQL) when there;
    and whether it came from there."""
    with _lock:
        row = _results.get(cache_key)
        if row is not None:
            _results.move_to_end(cache_key)
            return row, True
    row = tuple(con.execute(cache_key[2]).fetchone())
    with _lock:
        _results[cache_key] = row
        while len(_results) > RESULTS_KEPT:
            _results.popitem(last=False)
    return row, False



# -- registrants told ------------------------------------------------------------------------------


def _registrants_signature() -> tuple:
    """Changes whenever the set of active registrations (or their tax consents) may have changed: the
    registrations' token, or their sums before there is one."""
    from django.db.models import Count, Max, Q

    from foryou.enrollment.models import Registration

    token = _registrations_token()
    if token is not None:
        return ("registrants", token)
    row = Registration.objects.active().aggregate(n=Count("id"), last=Max("id"), tax=Count("id", filter=Q(tax_consent=True)),
                                                  activated=Max("activated_at"))
    return (row["n"], row["last"], row["tax"], str(row["activated"]))


def _load_registrants(con, key: tuple, signature: tuple, consents: set[str]) -> None:
    """The active registrations as the temp table recipients.resolve reads, loaded once into this
    thread's cursor (one per snapshot `key`) for each signature and set of consents."""
    from foryou.enrollment.models import Registration

    loaded = getattr(_local, "registrants", None)
    wanted = (key, signature, frozenset(consents))
    if loaded == wanted:
        return
    rows = (recipients.Registrant(number, resident_id, True, frozenset({TAX_CONSENT}) if tax else frozenset())
            for number, resident_id, tax in Registration.objects.active().values_list("number", "resident_id", "tax_consent"))
    recipients.load_registrants(con, rows, set(consents))
    _local.registrants = wanted


def _told_later(conditions: language.Conditions, as_of: date, tell: str) -> Future:
    """registrants_told, its query running on a thread of the pool: what needs the console database
    (which registrants, and the check that they have not changed) is read here, on the caller's thread
    and in its transaction; the pool thread only runs the DuckDB query, on a cursor of the caller's
    that nothing else uses until the answer is taken."""
    key, con = cursor(TOLD)
    ctx = context(con, key, as_of)
    signature = _registrants_signature()
    _load_registrants(con, key, signature, conditions.consents())
    cache_key = (key, ctx, _told_sql(conditions, ctx, tell), signature, frozenset(conditions.consents()))
    return _pool.submit(lambda: _row(con, cache_key)[0][0])


def registrants_told(conditions: language.Conditions, as_of: date, tell: str) -> int:
    """How many registrants a send of these conditions would tell now: active registrations of the
    targets (or of their guardians, as the program says), with the consents the conditions need, never
    a household under 支援措置 — the same query a send freezes. Raises store.NoSnapshot."""
    return _told_later(conditions, as_of, tell).result()


def preview_and_told(conditions: language.Conditions, as_of: date, tell: str) -> tuple[Preview, int]:
    """preview and registrants_told, their two DuckDB queries at the same time: DuckDB leaves a core
    idle for much of each (decision 0081), so the editor's answer waits for the longer of the two,
    not for both. Raises store.NoSnapshot."""
    told = _told_later(conditions, as_of, tell)
    try:
        found = preview(conditions, as_of)
    finally:
        count = told.result()  # the told cursor is free again before anything else uses it
    return found, count
