"""The funnel as staff see it: each top-level condition counted among the persons who passed the ones
before it. The console's editor (programs/live.py) and `foryou target --explain` (rules/engine.py) draw
it with this query; compiler.funnel_query gives the same counts (the property tests compare them) by
computing every condition for every resident, several times slower at a million residents."""

from functools import lru_cache

from sqlglot import exp

from foryou.rules import compiler, language


def funnel_sql(conditions: language.Conditions, ctx: compiler.EvalContext, among: str | None = None) -> str:
    """The funnel as a chain: each top-level condition filters the persons who passed the ones before
    it (a materialized step keeping only the columns the conditions read), and the tax row is joined
    only at the steps that read it, for the few persons still left. The same counts as
    compiler.funnel_query, which computes every condition for every resident (several times slower
    at 1,000,000 residents): columns are current residents, then one count per condition in turn.
    With `among` (a table with a pid column), only the persons listed there are counted, at every step."""
    return _chained(conditions.root, tuple(sorted(conditions.lookups.items())), ctx, among)


@lru_cache(maxsize=512)
def _chained(root, lookups, ctx: compiler.EvalContext, among: str | None) -> str:
    conditions = language.Conditions(root, dict(lookups))
    c = compiler.Compiler(conditions, ctx)
    scope = compiler.Scope("p", "t")
    steps = compiler.funnel_steps(conditions)
    tests = [c.node(step, scope) for step in steps]
    columns = {"pid", "hid"}
    for test in tests:
        columns |= {column.name for column in test.find_all(exp.Column) if column.table == "p"}
    select = ", ".join(f"p.{name}" for name in sorted(columns))
    parts, source = [], "persons"
    for i, (step, test) in enumerate(zip(steps, tests)):
        join = ""
        if compiler.reads_tax(step, conditions):
            join = f" LEFT JOIN resident_tax AS t ON t.pid = p.pid AND t.fiscal_year = {int(ctx.tax_year)}"
        for household_table in c.joins(scope, test):  # household size, income, children: at the step reading them
            join += " " + household_table.sql(dialect="duckdb")
        where = compiler.to_sql(test)
        if i == 0:
            where = f"p.is_current{_among(among, 'p')} AND ({where})"
        parts.append(f"s{i} AS MATERIALIZED (SELECT {select} FROM {source} AS p{join} WHERE {where})")
        source = f"s{i}"
    counts = ", ".join([f"(SELECT count(*) FROM persons AS p WHERE p.is_current{_among(among, 'p')})"]
                       + [f"(SELECT count(*) FROM s{i})" for i in range(len(steps))])
    return f"WITH {', '.join(parts)} SELECT {counts}"


def _among(table: str | None, alias: str) -> str:
    return f" AND {alias}.pid IN (SELECT pid FROM {table})" if table else ""
