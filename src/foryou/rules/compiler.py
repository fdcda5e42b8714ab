"""Compiling conditions to SQL through SQLGlot's AST. Every value becomes a literal node built by the
AST (escaped by SQLGlot for the dialect), never pasted text; identifiers come from the field catalog.

Targets are current persons (`persons p`). Tax fields read `resident_tax` for one tax year, joined
per person. Household tests are semi-joins on the household key; household values (size, income,
children) are LEFT JOINs of per-household tables on it, attached to the query of the scope that reads
them (a correlated lookup per person cost about 4× on a million residents).
Ages compile to birth-date ranges with literal dates (see rules/ages.py), so the same SQL means the
same thing in DuckDB and PostgreSQL.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from sqlglot import exp

from foryou.residents import derived
from foryou.shared.jp.dates import fiscal_year
from foryou.rules import catalog, language
from foryou.rules.ages import earliest_birth_reaching, latest_birth_for_age
from foryou.rules.catalog import ADULT_AGE, TAX_EXEMPT_STATUS, Field
from foryou.rules.sqlnodes import COMPARE, NEGATED, _not, and_, col, lit, or_, paren, table
from foryou.rules.taxreads import implied_without_tax, reads_tax

DIALECTS = ("duckdb", "postgres")


@dataclass(frozen=True)
class EvalContext:
    """The day conditions are evaluated on, and the tax year they read."""

    as_of: date
    tax_year: int

    @property
    def fiscal_year_start(self) -> date:
        return date(fiscal_year(self.as_of), 4, 1)

    @property
    def fiscal_year_end(self) -> date:
        return date(fiscal_year(self.as_of) + 1, 3, 31)

    def point(self, at: str) -> date:
        return {"as_of": self.as_of, "fiscal_year_start": self.fiscal_year_start,
                "fiscal_year_end": self.fiscal_year_end}[at]


def _compare_ints(op: str, a: int, b: int) -> bool:
    return {"==": a == b, "!=": a != b, "<": a < b, "<=": a <= b, ">": a > b, ">=": a >= b}[op]


@dataclass(frozen=True)
class Scope:
    person: str  # alias of the persons row under test
    tax: str  # alias of its resident_tax row (LEFT JOINed for the tax year)


class Compiler:
    def __init__(self, conditions: language.Conditions, ctx: EvalContext):
        self.conditions = conditions
        self.ctx = ctx
        self._aliases = 0
        # Per scope (its persons alias): the LEFT JOINs of per-household tables its conditions read, by alias.
        self._joins: dict[str, dict[str, exp.Join]] = {}

    # -- queries -------------------------------------------------------------------------------

    def from_persons(self, scope: Scope, where: exp.Expression | None = None, with_tax: bool = True) -> exp.Select:
        """SELECT … FROM persons p [LEFT JOIN resident_tax t for the tax year] — the base of every query."""
        return self.join_tax(exp.select().from_(table("persons", scope.person), copy=False), scope, where, with_tax)

    def join_tax(self, query: exp.Select, scope: Scope, where, with_tax: bool) -> exp.Select:
        if with_tax:
            query = query.join(
                table("resident_tax", scope.tax),
                on=and_(
                    exp.EQ(this=col("pid", scope.tax), expression=col("pid", scope.person)),
                    exp.EQ(this=col("fiscal_year", scope.tax), expression=lit(self.ctx.tax_year)),
                ),
                join_type="LEFT",
                copy=False,
            )
        current = col("is_current", scope.person)
        query = self.attach_joins(query, scope, where)
        return query.where(and_(current, where) if where is not None else current, copy=False)

    def joins(self, scope: Scope, *expressions: exp.Expression | None) -> list[exp.Join]:
        """The household-table joins of `scope` that these expressions read (for queries built outside
        this class, e.g. programs/live.py's funnel chain)."""
        wanted = self._joins.get(scope.person, {})
        used = {c.table for e in expressions if e is not None for c in e.find_all(exp.Column)}
        return [join for alias, join in wanted.items() if alias in used]

    def attach_joins(self, query: exp.Select, scope: Scope, *expressions: exp.Expression | None) -> exp.Select:
        for join in self.joins(scope, *expressions):
            query = query.join(join.copy(), copy=False)
        return query

    def where(self, node: language.Node | None = None, scope: Scope = Scope("p", "t")) -> exp.Expression:
        return self.node(node or self.conditions.root, scope)

    # -- nodes ---------------------------------------------------------------------------------

    def node(self, node: language.Node, scope: Scope) -> exp.Expression:
        if isinstance(node, language.All):
            return and_(*[self.node(c, scope) for c in node.children])
        if isinstance(node, language.Any):
            return or_(*[self.node(c, scope) for c in node.children])
        if isinstance(node, language.Not):
            return _not(paren(self.node(node.child, scope)))
        if isinstance(node, language.Compare):
            return self.compare(node, scope)
        if isinstance(node, language.ReachesAge):
            start, end = self.ctx.as_of, self.ctx.as_of + timedelta(days=node.within_days)
            return self.birthday_between(node.age, node.unit, start, end, scope)
        if isinstance(node, language.TurnsAgeInFiscalYear):
            return self.birthday_between(node.age, "years", self.ctx.fiscal_year_start, self.ctx.fiscal_year_end, scope)
        if isinstance(node, language.Household):
            return self.household(node, scope)
        if isinstance(node, language.HasCheckup):
            return self.checkup(node, scope)
        if isinstance(node, language.HasAllowance):
            return self.allowance(node, scope)
        raise TypeError(f"unknown node {node!r}")  # pragma: no cover

    def compare(self, node: language.Compare, scope: Scope) -> exp.Expression:
        f, op = node.field, node.op
        if f.type == catalog.AGE:
            return self.age(node, scope)
        value_sql = self.field_sql(f, scope)
        if op == "is_null":
            return exp.Is(this=value_sql, expression=exp.Null())
        if op == "not_null":
            return _not(exp.Is(this=value_sql, expression=exp.Null()))
        if f.type == catalog.BOOL:
            # Booleans compare as the underlying code so that NULL stays NULL in both dialects.
            truth = node.value if op == "==" else not node.value
            test = exp.EQ(this=value_sql, expression=lit(TAX_EXEMPT_STATUS))
            return test if truth else exp.NEQ(this=value_sql, expression=lit(TAX_EXEMPT_STATUS))
        if node.lookup:
            lookup = self.conditions.lookups[node.lookup]
            return COMPARE[op](this=value_sql, expression=self.lookup(lookup, scope))
        if op in ("in", "not_in"):
            test = exp.In(this=value_sql, expressions=[lit(v) for v in node.value])
            return test if op == "in" else _not(paren(test))
        if op == "between":
            low, high = node.value
            return and_(exp.GTE(this=value_sql, expression=lit(low)), exp.LTE(this=value_sql, expression=lit(high)))
        return COMPARE[op](this=value_sql, expression=lit(node.value))

    def field_sql(self, f: Field, scope: Scope) -> exp.Expression:
        if f.source == catalog.PERSON:
            return col(f.column, scope.person)
        if f.source == catalog.TAX:
            return col(f.column, scope.tax)
        return self.household_value(f, scope)

    def age(self, node: language.Compare, scope: Scope) -> exp.Expression:
        """age op N at a day  →  a comparison of the birth date with literal dates."""
        birth = col(node.field.column, scope.person)
        unit, on = node.field.unit, self.ctx.point(node.at)

        def at_least(n: int) -> exp.Expression:  # age ≥ n
            return exp.LTE(this=birth, expression=lit(latest_birth_for_age(n, unit, on)))

        def below(n: int) -> exp.Expression:  # age < n
            return exp.GT(this=birth, expression=lit(latest_birth_for_age(n, unit, on)))

        op, value = node.op, node.value
        if op == "is_null":
            return exp.Is(this=birth, expression=exp.Null())
        if op == "not_null":
            return _not(exp.Is(this=birth, expression=exp.Null()))
        if node.lookup:
            raise language.ConditionError(node.path, "lookup_with_age")
        if op == ">=":
            return at_least(value)
        if op == ">":
            return at_least(value + 1)
        if op == "<":
            return below(value)
        if op == "<=":
            return below(value + 1)
        if op == "==":
            return and_(at_least(value), below(value + 1))
        if op == "!=":
            return _not(paren(and_(at_least(value), below(value + 1))))
        if op == "between":
            low, high = value
            return and_(at_least(low), below(high + 1))
        raise language.ConditionError(node.path, "operator_not_for_ages", op=op)  # pragma: no cover

    def birthday_between(self, age: int, unit: str, start: date, end: date, scope: Scope) -> exp.Expression:
        """The day the person reaches `age` falls within [start, end]."""
        birth = col("birth_date", scope.person)
        return and_(
            exp.GTE(this=birth, expression=lit(earliest_birth_reaching(age, unit, start))),
            exp.LTE(this=birth, expression=lit(latest_birth_for_age(age, unit, end))),
        )

    def lookup(self, lookup: language.Lookup, scope: Scope) -> exp.Expression:
        """CASE over the key (a column of the person, their tax row or a household table)."""
        k = self.field_sql(lookup.by, scope)
        last = len(lookup.values) - 1
        ifs = [exp.If(this=exp.EQ(this=k, expression=lit(n)), true=lit(v)) for n, v in enumerate(lookup.values)]
        beyond = lit(lookup.values[last])
        if lookup.per_step_beyond:
            beyond = exp.Add(
                this=lit(lookup.values[last]),
                expression=exp.Mul(this=paren(exp.Sub(this=k, expression=lit(last))), expression=lit(lookup.per_step_beyond)),
            )
        ifs.append(exp.If(this=exp.GT(this=k, expression=lit(last)), true=beyond))
        return exp.Case(ifs=ifs)

    # -- household ---------------------------------------------------------------------------

    def _alias(self, prefix: str) -> str:
        self._aliases += 1
        return f"{prefix}{self._aliases}"

    def _member_scope(self) -> Scope:
        alias = self._alias("m")
        return Scope(alias, f"{alias}t")

    def household(self, node: language.Household, scope: Scope) -> exp.Expression:
        """Household tests as uncorrelated semi-joins on household_id (household_id is never NULL):
        the set of households with a member who meets the condition is computed once, not per person."""
        fact = self.household_fact(node, scope)
        if fact is not None:
            return fact
        member = self._member_scope()
        cond = self.node(node.condition, member)
        tax = reads_tax(node.condition, self.conditions)
        household = col("hid", scope.person)

        def households(where: exp.Expression) -> exp.Select:
            return self.from_persons(member, where, tax).select(col("hid", member.person), copy=False)

        if node.quantifier == "some_member":
            return exp.In(this=household, query=exp.Subquery(this=households(cond)))
        if node.quantifier == "no_member":
            return _not(exp.In(this=household, query=exp.Subquery(this=households(cond))))
        if node.quantifier == "every_member":
            # No member for whom the condition is false (unknown counts as not false, as in the reference).
            return _not(exp.In(this=household, query=exp.Subquery(this=households(_not(paren(cond))))))
        # members_where: households whose count of matching members satisfies the comparison. A household
        # with no matching member has count 0, which the HAVING never sees: when 0 satisfies the test,
        # select the households that fail it instead and negate.
        op, value = node.op, node.value
        zero_passes = bool(_compare_ints(op, 0, value))
        having_op = NEGATED[op] if zero_passes else op
        grouped = households(cond).group_by(col("hid", member.person), copy=False).having(
            COMPARE[having_op](this=exp.Count(this=exp.Star()), expression=lit(value)), copy=False)
        test = exp.In(this=household, query=exp.Subquery(this=grouped))
        return _not(test) if zero_passes else test

    def household_fact(self, node: language.Household, scope: Scope) -> exp.Expression | None:
        """The household tests programs use most, read from the facts the import stores on each person's
        row (residents/derived.py) instead of a semi-join of persons with persons (児童扶養手当 at
        1,000,000 residents: 3× faster): a member who is a spouse, a child (子 or 孫) below an age, and
        a member with an allowance (from the derived member_allowances). Never NULL, as the semi-join
        (`hid IN …`) never is. None: not one of those shapes."""
        if node.quantifier == "every_member":
            return self.every_member_exempt(node, scope)
        if node.quantifier not in ("some_member", "no_member"):
            return None
        some = None
        if isinstance(node.condition, language.HasAllowance):
            some = self.member_allowance(node.condition, scope)
        elif _relationships(node.condition) == frozenset(derived.SPOUSE_RELATIONSHIPS):
            some = col("hh_has_spouse", scope.person)
        elif isinstance(node.condition, language.All) and len(node.condition.children) == 2:
            first, second = node.condition.children
            age = second if _relationships(first) == frozenset(derived.CHILD_RELATIONSHIPS) else first
            other = first if age is second else second
            if (_relationships(other) == frozenset(derived.CHILD_RELATIONSHIPS) and isinstance(age, language.Compare)
                    and age.field.type == catalog.AGE and age.op in ("<", "<=") and not age.lookup
                    and isinstance(age.value, int) and not isinstance(age.value, bool)):
                # Some child is younger than N ⇔ the youngest child was born after the latest birth of an N-year-old.
                below = age.value if age.op == "<" else age.value + 1
                latest = latest_birth_for_age(below, age.field.unit, self.ctx.point(age.at))
                # Never NULL, as COALESCE(… > D, FALSE) was, but two plain column tests DuckDB filters the scan
                # with and checks against each row group's min/max (decision 0078); a COALESCE it evaluated after.
                youngest = col("hh_youngest_child_birth", scope.person)
                some = and_(_not(exp.Is(this=youngest, expression=exp.Null())),
                            exp.GT(this=youngest.copy(), expression=lit(latest)))
        if some is None:
            return None
        return some if node.quantifier == "some_member" else _not(paren(some))

    def every_member_exempt(self, node: language.Household, scope: Scope) -> exp.Expression | None:
        """Every member exempt from resident tax, read from the per-household table the import derives
        (derived.HOUSEHOLD_EXEMPTIONS): a household without a row (no member with a tax row) passes, as
        members without a row do in the semi-join."""
        c = node.condition
        if not (isinstance(c, language.Compare) and c.field.key == "tax_exempt" and not c.lookup
                and (c.op, c.value) in (("==", True), ("!=", False))):
            return None
        year = lambda alias: exp.EQ(this=col("fiscal_year", alias), expression=lit(self.ctx.tax_year))  # noqa: E731
        alias = self._household_join(scope, "hx", table("household_exemptions"), year)
        return exp.Coalesce(this=col("all_exempt", alias), expressions=[exp.Boolean(this=True)])

    def household_value(self, f: Field, scope: Scope) -> exp.Expression:
        # Size and income are read from per-household tables the import derives (residents/derived.py):
        # aggregating every member per query cost most of a program's time at a million residents.
        if f.key == "household_size":  # stored on each person's row (derived.HOUSEHOLD_FACT_COLUMNS)
            return col("hh_members", scope.person)
        if f.key == "household_income":
            incomes = table("household_incomes")
            year = lambda alias: exp.EQ(this=col("fiscal_year", alias), expression=lit(self.ctx.tax_year))  # noqa: E731
            return col("total_income", self._household_join(scope, "hi", incomes, year))
        if f.key == "children_under_18":
            # Households with their count of current members under 18; a household without any has no row.
            young = exp.GT(this=col("birth_date", "y"),
                           expression=lit(latest_birth_for_age(ADULT_AGE, "years", self.ctx.as_of)))
            counted = (exp.select(col("hid", "y"), exp.alias_(exp.Count(this=exp.Star()), "n"))
                       .from_(table("persons", "y")).where(and_(col("is_current", "y"), young))
                       .group_by(col("hid", "y")))
            alias = self._household_join(scope, "cu", counted)
            return exp.Coalesce(this=col("n", alias), expressions=[lit(0)])
        raise TypeError(f"no household value {f.key}")  # pragma: no cover

    def _household_join(self, scope: Scope, suffix: str, source: exp.Table | exp.Select, where=None) -> str:
        """LEFT JOIN `source` (one row per household, or none) on the household key of the scope's
        person, once per scope; returns its alias."""
        alias = f"{scope.person}_{suffix}"
        joins = self._joins.setdefault(scope.person, {})
        if alias not in joins:
            on = exp.EQ(this=col("hid", alias), expression=col("hid", scope.person))
            joined = source.as_(alias) if isinstance(source, exp.Table) else source.subquery(alias)
            joins[alias] = exp.Join(this=joined, on=and_(on, where(alias)) if where else on, side="LEFT")
        return alias

    # -- history -----------------------------------------------------------------------------

    def window(self, column: exp.Expression, within_days, in_fiscal_year, between) -> exp.Expression | None:
        if within_days is not None:
            return and_(exp.GTE(this=column, expression=lit(self.ctx.as_of - timedelta(days=within_days))),
                        exp.LTE(this=column, expression=lit(self.ctx.as_of)))
        if in_fiscal_year:
            return and_(exp.GTE(this=column, expression=lit(self.ctx.fiscal_year_start)),
                        exp.LTE(this=column, expression=lit(self.ctx.fiscal_year_end)))
        if between:
            return and_(exp.GTE(this=column, expression=lit(between[0])), exp.LTE(this=column, expression=lit(between[1])))
        return None

    def checkup(self, node: language.HasCheckup, scope: Scope) -> exp.Expression:
        alias = self._alias("c")
        where = and_(
            exp.In(this=col("kind", alias), expressions=[lit(k) for k in node.kinds]),
            self.window(col("done_on", alias), node.within_days, node.in_fiscal_year, node.between),
        )
        return self._resident_in("checkups", alias, where, scope)

    def allowance(self, node: language.HasAllowance, scope: Scope) -> exp.Expression:
        alias = self._alias("a")
        return self._resident_in("allowances", alias, self._allowance_rows(node, alias), scope)

    def member_allowance(self, node: language.HasAllowance, scope: Scope) -> exp.Expression:
        """Some current member of the person's household has such an allowance: p.hid IN (SELECT hid FROM
        member_allowances …), the allowances of current persons with their household key
        (derived.MEMBER_ALLOWANCES), instead of joining every current person to the allowances."""
        alias = self._alias("ma")
        rows = exp.select(col("hid", alias)).from_(table("member_allowances", alias), copy=False).where(
            self._allowance_rows(node, alias), copy=False)
        return exp.In(this=col("hid", scope.person), query=exp.Subquery(this=rows))

    def _allowance_rows(self, node: language.HasAllowance, alias: str) -> exp.Expression:
        """The allowance rows (of table alias `alias`) that meet the condition."""
        start, end = col("start_date", alias), col("end_date", alias)
        active = None
        if node.active:
            active = and_(exp.LTE(this=start, expression=lit(self.ctx.as_of)),
                          or_(exp.Is(this=end, expression=exp.Null()), exp.GTE(this=end, expression=lit(self.ctx.as_of))))
        return and_(
            exp.In(this=col("program_code", alias), expressions=[lit(p) for p in node.programs]),
            exp.In(this=col("status", alias), expressions=[lit(s) for s in node.statuses]) if node.statuses else None,
            active,
        )

    def _resident_in(self, name: str, alias: str, where: exp.Expression, scope: Scope) -> exp.Expression:
        """p.pid IN (SELECT pid FROM name WHERE …): one semi-join on integer keys, not one probe per person."""
        subquery = exp.select(col("pid", alias)).from_(table(name, alias), copy=False).where(where, copy=False)
        return exp.In(this=col("pid", scope.person), query=exp.Subquery(this=subquery))


def _relationships(node: language.Node) -> frozenset | None:
    """The 続柄 a `relationship in […]` (or `== …`) test accepts; None for any other condition."""
    if not (isinstance(node, language.Compare) and node.field.key == "relationship" and not node.lookup):
        return None
    if node.op == "in":
        return frozenset(node.value)
    return frozenset([node.value]) if node.op == "==" else None


# -- whole queries ----------------------------------------------------------------------------------


def _targets(conditions: language.Conditions, ctx: EvalContext) -> exp.Select:
    """Current persons meeting the conditions. Top-level conditions that do not read tax filter the
    persons first (with what the others imply without tax: implied_without_tax); only the survivors
    are joined to their tax row for the rest (much less work)."""
    compiler = Compiler(conditions, ctx)
    scope = Scope("p", "t")
    parts = funnel_steps(conditions)
    plain = [compiler.node(c, scope) for c in parts if not reads_tax(c, conditions)]
    taxed = [compiler.node(c, scope) for c in parts if reads_tax(c, conditions)]
    implied = [implied_without_tax(compiler, c, scope) for c in parts if reads_tax(c, conditions)]
    plain += [e for e in implied if e is not None]
    persons = compiler.from_persons(scope, and_(*plain) if plain else None, with_tax=False)
    if not taxed:
        return persons
    survivors = exp.select().from_(exp.Subquery(this=persons.select(exp.column(exp.Star(), table="p"), copy=False),
                                                alias=exp.TableAlias(this=exp.to_identifier("p"))), copy=False)
    return compiler.join_tax(survivors, scope, and_(*taxed), with_tax=True)


def count_query(conditions: language.Conditions, ctx: EvalContext) -> exp.Select:
    return _targets(conditions, ctx).select(exp.Count(this=exp.Star()), copy=False)


def ids_query(conditions: language.Conditions, ctx: EvalContext) -> exp.Select:
    return targets_query(conditions, ctx, ["resident_id"])


def targets_query(conditions: language.Conditions, ctx: EvalContext, columns: list[str]) -> exp.Select:
    """These columns of persons (alias p) for the target persons."""
    return _targets(conditions, ctx).select(*[col(c, "p") for c in columns], copy=False)


def funnel_steps(conditions: language.Conditions) -> list[language.Node]:
    """The conditions counted one after another: the top-level `all` list, or the whole tree."""
    root = conditions.root
    return list(root.children) if isinstance(root, language.All) else [root]


def funnel_query(conditions: language.Conditions, ctx: EvalContext) -> exp.Select:
    """All current persons, then the count after each condition in turn. Each condition is computed
    once per person as a flag; the cumulative counts are sums over the flags."""
    compiler = Compiler(conditions, ctx)
    scope = Scope("p", "t")
    steps = funnel_steps(conditions)
    flags = [exp.alias_(compiler.node(step, scope), f"s{i}") for i, step in enumerate(steps)]
    base = compiler.attach_joins(compiler.from_persons(scope, None, reads_tax(conditions.root, conditions)),
                                 scope, *flags).select(*flags)
    sums = [exp.Count(this=exp.Star())]
    for i in range(len(steps)):
        so_far = and_(*[exp.column(f"s{j}", "f") for j in range(i + 1)])
        sums.append(exp.Sum(this=exp.Case(ifs=[exp.If(this=so_far, true=exp.Literal.number(1))],
                                          default=exp.Literal.number(0))))
    return exp.select(*sums).from_(exp.Subquery(this=base, alias=exp.TableAlias(this=exp.to_identifier("f"))))


def to_sql(query: exp.Expression, dialect: str = "duckdb") -> str:
    return query.sql(dialect=dialect)


# -- compiled once ----------------------------------------------------------------------------------
# Compiling a program takes a few milliseconds, as long as a small count: the SQL text is kept per
# (query, conditions, day and tax year, dialect). Conditions are immutable trees; their lookups become
# a sorted tuple so that the key hashes. The SQL depends on nothing else (not on the snapshot: tables
# a snapshot predates are added as views when it is opened, store.with_derived).

QUERIES = {"count": count_query, "ids": ids_query, "funnel": funnel_query,
           "pids": lambda conditions, ctx: targets_query(conditions, ctx, ["pid"])}


def sql_for(kind: str, conditions: language.Conditions, ctx: EvalContext, dialect: str = "duckdb") -> str:
    """The SQL of count_query, ids_query, funnel_query or the targets' pids, compiled once and kept."""
    return _compiled(kind, conditions.root, tuple(sorted(conditions.lookups.items())), ctx, dialect)


@lru_cache(maxsize=1024)
def _compiled(kind: str, root: language.Node, lookups: tuple, ctx: EvalContext, dialect: str) -> str:
    return to_sql(QUERIES[kind](language.Conditions(root, dict(lookups)), ctx), dialect)
