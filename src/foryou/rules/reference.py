"""The reference evaluator: the condition language in plain Python over in-memory rows.

It defines what conditions mean, in the simplest form we could write: ages from the calendar,
three-valued logic (None = unknown, as SQL's NULL), household members by household id. Property
tests require the compiled SQL to return exactly its answers; explain uses it for one person.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from foryou.rules import catalog, language
from foryou.rules.ages import age_in_months, age_in_years, birthday_of_age
from foryou.rules.catalog import ADULT_AGE, TAX_EXEMPT_STATUS
from foryou.rules.compiler import EvalContext

Truth = bool | None


@dataclass
class City:
    """Rows as the analysis store holds them (dicts keyed by column name)."""

    persons: list[dict]
    resident_tax: list[dict] = field(default_factory=list)
    checkups: list[dict] = field(default_factory=list)
    allowances: list[dict] = field(default_factory=list)

    def __post_init__(self):
        self.members = defaultdict(list)
        for p in self.persons:
            if p["is_current"]:
                self.members[p["household_id"]].append(p)
        self.tax = {(t["resident_id"], t["fiscal_year"]): t for t in self.resident_tax}
        self.checkups_of = defaultdict(list)
        for c in self.checkups:
            self.checkups_of[c["resident_id"]].append(c)
        self.allowances_of = defaultdict(list)
        for a in self.allowances:
            self.allowances_of[a["resident_id"]].append(a)


def _and(values) -> Truth:
    result = True
    for v in values:
        if v is False:
            return False
        if v is None:
            result = None
    return result


def _or(values) -> Truth:
    result = False
    for v in values:
        if v is True:
            return True
        if v is None:
            result = None
    return result


def _not(v: Truth) -> Truth:
    return None if v is None else not v


def _cmp(op: str, a, b) -> Truth:
    if a is None or b is None:
        return None
    return {"==": a == b, "!=": a != b, "<": a < b, "<=": a <= b, ">": a > b, ">=": a >= b}[op]


class Evaluator:
    def __init__(self, conditions: language.Conditions, ctx: EvalContext, city: City):
        self.conditions = conditions
        self.ctx = ctx
        self.city = city

    def matches(self) -> set[str]:
        return {p["resident_id"] for p in self.city.persons if p["is_current"] and self.test(p) is True}

    def test(self, person: dict, node: language.Node | None = None) -> Truth:
        return self.node(node or self.conditions.root, person)

    def node(self, node: language.Node, p: dict) -> Truth:
        if isinstance(node, language.All):
            return _and(self.node(c, p) for c in node.children)
        if isinstance(node, language.Any):
            return _or(self.node(c, p) for c in node.children)
        if isinstance(node, language.Not):
            return _not(self.node(node.child, p))
        if isinstance(node, language.Compare):
            return self.compare(node, p)
        if isinstance(node, language.ReachesAge):
            return self.birthday_between(p, node.age, node.unit, self.ctx.as_of, self.ctx.as_of + timedelta(days=node.within_days))
        if isinstance(node, language.TurnsAgeInFiscalYear):
            return self.birthday_between(p, node.age, "years", self.ctx.fiscal_year_start, self.ctx.fiscal_year_end)
        if isinstance(node, language.Household):
            return self.household(node, p)
        if isinstance(node, language.HasCheckup):
            return any(c["kind"] in node.kinds and self.in_window(c["done_on"], node.within_days, node.in_fiscal_year, node.between)
                       for c in self.city.checkups_of[p["resident_id"]])
        if isinstance(node, language.HasAllowance):
            return any(self.allowance_matches(node, a) for a in self.city.allowances_of[p["resident_id"]])
        raise TypeError(f"unknown node {node!r}")  # pragma: no cover

    # -- values ----------------------------------------------------------------------------------

    def value(self, f: catalog.Field, p: dict, at: str = "as_of"):
        """The value a field has for a person (None when unknown)."""
        if f.type == catalog.AGE:
            birth = p["birth_date"]
            if birth is None:
                return None
            on = self.ctx.point(at)
            return age_in_years(birth, on) if f.unit == "years" else age_in_months(birth, on)
        if f.source == catalog.PERSON:
            return p[f.column]
        if f.source == catalog.TAX:
            row = self.city.tax.get((p["resident_id"], self.ctx.tax_year))
            if row is None:
                return None
            if f.type == catalog.BOOL:
                return row["tax_status"] == TAX_EXEMPT_STATUS
            return row[f.column]
        members = self.city.members[p["household_id"]]
        if f.key == "household_size":
            return len(members)
        if f.key == "children_under_18":
            return sum(1 for m in members if m["birth_date"] is not None and age_in_years(m["birth_date"], self.ctx.as_of) < ADULT_AGE)
        if f.key == "household_income":
            incomes = [t["total_income"] for m in members
                       if (t := self.city.tax.get((m["resident_id"], self.ctx.tax_year))) is not None
                       and t["total_income"] is not None]
            return sum(incomes) if incomes else None
        raise TypeError(f"no value for {f.key}")  # pragma: no cover

    def compare(self, node: language.Compare, p: dict) -> Truth:
        v = self.value(node.field, p, node.at)
        op = node.op
        if op == "is_null":
            return v is None
        if op == "not_null":
            return v is not None
        if node.lookup:
            lookup = self.conditions.lookups[node.lookup]
            return _cmp(op, v, lookup.value_for(self.value(lookup.by, p)))
        if v is None:
            return None
        if op == "in":
            return v in node.value
        if op == "not_in":
            return v not in node.value
        if op == "between":
            return node.value[0] <= v <= node.value[1]
        return _cmp(op, v, node.value)

    def birthday_between(self, p: dict, age: int, unit: str, start: date, end: date) -> Truth:
        birth = p["birth_date"]
        if birth is None:
            return None
        return start <= birthday_of_age(birth, age, unit) <= end

    def household(self, node: language.Household, p: dict) -> Truth:
        results = [self.node(node.condition, m) for m in self.city.members[p["household_id"]]]
        if node.quantifier == "some_member":
            return any(r is True for r in results)
        if node.quantifier == "no_member":
            return not any(r is True for r in results)
        if node.quantifier == "every_member":
            return not any(r is False for r in results)
        return _cmp(node.op, sum(1 for r in results if r is True), node.value)

    def in_window(self, day: date, within_days, in_fiscal_year, between) -> bool:
        if day is None:
            return within_days is None and not in_fiscal_year and not between
        if within_days is not None:
            return self.ctx.as_of - timedelta(days=within_days) <= day <= self.ctx.as_of
        if in_fiscal_year:
            return self.ctx.fiscal_year_start <= day <= self.ctx.fiscal_year_end
        if between:
            return between[0] <= day <= between[1]
        return True

    def allowance_matches(self, node: language.HasAllowance, a: dict) -> bool:
        if a["program_code"] not in node.programs:
            return False
        if node.statuses and a["status"] not in node.statuses:
            return False
        if node.active:
            if a["start_date"] is None or a["start_date"] > self.ctx.as_of:
                return False
            if a["end_date"] is not None and a["end_date"] < self.ctx.as_of:
                return False
        return True
