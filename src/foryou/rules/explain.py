"""Explaining one person: which tests pass and fail, with the values seen. Runs the reference
evaluator over the person's household as read from the analysis store.

`explain_registrant` is the staff console's: only for a current resident outside 支援措置, tax data only
with the registrant's consent (without it, a test on a tax field is not evaluated), and outcomes only
(pass, fail, unknown): the values seen are dropped before anything leaves this module."""

from dataclasses import dataclass, field, replace

from django.utils.translation import gettext as _

from foryou.rules import catalog, language
from foryou.rules.compiler import EvalContext
from foryou.rules.describe import amount, describe
from foryou.rules.reference import City, Evaluator
from foryou.rules.schema import COLUMNS


@dataclass
class Explained:
    path: str
    description: str
    result: bool | None  # None: unknown (a value the test needs is missing)
    seen: dict[str, object] = field(default_factory=dict)
    children: list["Explained"] = field(default_factory=list)
    # Inside a `not`: the result says whether the test holds, not whether the person passes (a test that
    # fails under a `not` is a pass), so it is shown without ✔/✘.
    negated: bool = False
    # A test on tax data, not evaluated: the registrant did not consent to the use of tax data.
    no_consent: bool = False

    def lines(self, depth: int = 0) -> list[str]:
        mark = ({True: "+", False: "-", None: "?"} if self.negated else {True: "✔", False: "✘", None: "?"})[self.result]
        seen = ", ".join(f"{k}={_show(v)}" for k, v in self.seen.items())
        line = f"{'  ' * depth}{mark} {self.description}" + (f"  [{seen}]" if seen else "")
        return [line] + [l for c in self.children for l in c.lines(depth + 1)]

    def as_dict(self) -> dict:
        return {"path": self.path, "description": self.description, "result": self.result, "negated": self.negated,
                "no_consent": self.no_consent, "seen": {k: _show(v) for k, v in self.seen.items()},
                "children": [c.as_dict() for c in self.children]}

    def outcomes_only(self) -> "Explained":
        """The same tree without the values seen: pass, fail or unknown for each test."""
        return replace(self, seen={}, children=[c.outcomes_only() for c in self.children])

    def mark_negated(self) -> None:
        self.negated = True
        for child in self.children:
            child.mark_negated()


def _show(value) -> str:
    if value is None:
        return _("unknown")
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)


def _with_unit(value, field_type: str):
    """Amounts of money and counts of persons with their unit (2,080,000円, 2人); other values as they are."""
    if isinstance(value, int) and not isinstance(value, bool) and field_type in (catalog.MONEY, catalog.INT):
        return amount(value, field_type)
    return value


class Tracer(Evaluator):
    """The reference evaluator, keeping for each node its result and the values it looked at."""

    def explain(self, person: dict, node: language.Node | None = None) -> Explained:
        node = node or self.conditions.root
        result = self.node(node, person)
        item = Explained(node.path, describe(node, lookups=self.conditions.lookups), result)
        if isinstance(node, language.All):
            item.description = _("meets all of these")
        elif isinstance(node, language.Any):
            item.description = _("meets one of these")
        if isinstance(node, (language.All, language.Any)):
            item.children = [self.explain(person, c) for c in node.children]
        elif isinstance(node, language.Not):
            inner = self.explain(person, node.child)
            if inner.children:
                inner.mark_negated()
                item.children = [inner]
            else:  # one test: the `not` line carries its values, with the person's result
                item.seen = inner.seen
        elif isinstance(node, language.Compare):
            item.seen[str(node.field.label)] = _with_unit(self.value(node.field, person, node.at), node.field.type)
            if node.lookup:
                lookup = self.conditions.lookups[node.lookup]
                key = self.value(lookup.by, person)
                item.seen[str(lookup.by.label)] = _with_unit(key, lookup.by.type)
                item.seen[_("limit")] = _with_unit(lookup.value_for(key), node.field.type)
        elif isinstance(node, (language.ReachesAge, language.TurnsAgeInFiscalYear)):
            item.seen[_("date of birth")] = person["birth_date"]
        elif isinstance(node, language.Household):
            members = self.city.members[person["household_id"]]
            item.seen[_("members who meet it")] = sum(1 for m in members if self.node(node.condition, m) is True)
            item.seen[_("members")] = len(members)
        elif isinstance(node, language.HasCheckup):
            done = [c["done_on"] for c in self.city.checkups_of[person["resident_id"]] if c["kind"] in node.kinds]
            item.seen[_("done on")] = _(", ").join(str(d) for d in sorted(done)) or _("none")
        elif isinstance(node, language.HasAllowance):
            rows = [a for a in self.city.allowances_of[person["resident_id"]] if a["program_code"] in node.programs]
            item.seen[_("records")] = _(", ").join(f"{a['status']} ({a['start_date']}–{a['end_date'] or ''})" for a in rows) or _("none")
        return item


def household_city(con, resident_id: str) -> City | None:
    """The person and their current household, with tax, checkups and allowances, from the store.
    Found by the import's integer keys (hid, pid): the related tables are stored in pid order within
    their year or kind, so DuckDB reads a few row groups where a resident_id test scanned every row
    (at 3.8M residents ~700 ms → ~200 ms a person, most of it finding the person by resident_id)."""
    def rows(sql: str, params) -> list[dict]:
        cursor = con.execute(sql, params)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, r)) for r in cursor.fetchall()]

    person_cols = ", ".join(c for c, _ in COLUMNS["persons"])
    me = con.execute("SELECT hid FROM persons WHERE resident_id = ?", [resident_id]).fetchone()
    if me is None:
        return None
    persons = rows(f"SELECT pid, {person_cols} FROM persons WHERE hid = ? AND (is_current OR resident_id = ?)",
                   [me[0], resident_id])
    pids = [p.pop("pid") for p in persons]

    def related(table: str) -> list[dict]:
        cols = ", ".join(c for c, _ in COLUMNS[table])
        return rows(f"SELECT {cols} FROM {table} WHERE pid IN (SELECT unnest(?))", [pids])

    return City(persons, related("resident_tax"), related("checkups"), related("allowances"))


def explain_person(con, conditions: language.Conditions, ctx: EvalContext, resident_id: str) -> Explained | None:
    city = household_city(con, resident_id)
    if city is None:
        return None
    person = next(p for p in city.persons if p["resident_id"] == resident_id)
    tracer = Tracer(conditions, ctx, city)
    root = tracer.explain(person)
    if not person["is_current"]:
        root = Explained("", _("a current resident"), False, {_("resident"): _("removed from the register")}, [root])
    return root



class NotExplainable(Exception):
    """Why a registrant cannot be explained: `code` is one of REFUSALS (rules/services.py words them)."""

    def __init__(self, code: str):
        self.code = code
        super().__init__(code)


def _fields(node: language.Node, conditions: language.Conditions):
    """The catalog fields a node reads (a lookup's key field and household members' tests included)."""
    for n in language.walk(node):
        if isinstance(n, language.Compare):
            yield n.field
            if n.lookup:
                yield conditions.lookups[n.lookup].by


def _mark_no_consent(item: Explained, node: language.Node, conditions: language.Conditions) -> None:
    """Flag the tests on tax data (not evaluated without consent); groups are flagged through their tests."""
    children = node.children if isinstance(node, (language.All, language.Any)) else ()
    if children:
        for child_item, child in zip(item.children, children):
            _mark_no_consent(child_item, child, conditions)
        return
    if isinstance(node, language.Not) and item.children:
        _mark_no_consent(item.children[0], node.child, conditions)
        return
    item.no_consent = any(f.needs_tax for f in _fields(node, conditions))


def explain_registrant(con, conditions: language.Conditions, ctx: EvalContext, resident_id: str, *,
                       tax_consent: bool) -> Explained:
    """A registrant explained for the console: outcomes only. Raises NotExplainable("not_targetable") for
    anyone no notice may reach — not in the current data, no longer a resident, or in a household under
    支援措置 — with one code for all of them, so that the refusal does not tell a protection order apart."""
    city = household_city(con, resident_id)
    person = next((p for p in city.persons if p["resident_id"] == resident_id), None) if city else None
    if person is None or not person["is_current"]:
        raise NotExplainable("not_targetable")
    if any(p.get("protected") for p in city.persons if p["is_current"] or p is person):
        raise NotExplainable("not_targetable")
    if not tax_consent:
        city = City(city.persons, [], city.checkups, city.allowances)
    root = Tracer(conditions, ctx, city).explain(person)
    if not tax_consent:
        _mark_no_consent(root, conditions.root, conditions)
    return root.outcomes_only()
