"""Running conditions against the analysis store: counts, target lists, funnels, one person explained."""

import time
from dataclasses import dataclass
from datetime import date

import duckdb
from django.utils.translation import gettext as _

from foryou.shared.jp.dates import fiscal_year
from foryou.rules import chain, compiler, language
from foryou.rules.compiler import EvalContext


def context_for(con: duckdb.DuckDBPyConnection, as_of: date) -> EvalContext:
    """Tax data for fiscal year N is assessed in June of N; use the latest year not after as_of's."""
    row = con.execute("SELECT max(fiscal_year) FROM resident_tax WHERE fiscal_year <= ?", [fiscal_year(as_of)]).fetchone()
    return EvalContext(as_of, int(row[0]) if row and row[0] is not None else fiscal_year(as_of))


@dataclass
class FunnelStep:
    label: str
    path: str
    count: int


@dataclass
class TargetResult:
    count: int
    funnel: list[FunnelStep]
    seconds: dict[str, float]


def count(con, conditions: language.Conditions, ctx: EvalContext) -> int:
    return con.execute(compiler.sql_for("count", conditions, ctx)).fetchone()[0]


def resident_ids(con, conditions: language.Conditions, ctx: EvalContext) -> list[str]:
    return [r[0] for r in con.execute(compiler.sql_for("ids", conditions, ctx)).fetchall()]


def funnel(con, conditions: language.Conditions, ctx: EvalContext) -> list[FunnelStep]:
    row = con.execute(chain.funnel_sql(conditions, ctx)).fetchone()
    steps = [FunnelStep(_("Current residents"), "", row[0] or 0)]
    for node, value in zip(compiler.funnel_steps(conditions), row[1:]):
        steps.append(FunnelStep(describe(node), node.path, value or 0))
    return steps


def timed(fn, *args):
    started = time.perf_counter()
    result = fn(*args)
    return result, time.perf_counter() - started


def describe(node: language.Node) -> str:
    """A short Japanese description of a condition, for funnels and explanations."""
    from foryou.rules.describe import describe as _describe

    return _describe(node)
