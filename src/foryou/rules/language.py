"""The condition language: a tree of all / any / not over typed tests, parsed from plain data (YAML)
into checked nodes. Every mistake is reported with its path in the tree, e.g.
`conditions.all[2].any[0].value`, before any SQL exists.

    all: [node, ...]                      any: [node, ...]                 not: node
    field: age_years, op: ">=", value: 65 [, at: as_of | fiscal_year_start | fiscal_year_end]
    field: total_income, op: "<=", lookup: income_limit
    reaches_age: {months: 2, within_days: 14}        turns_age_in_fiscal_year: 65
    household: {some_member: node} | {no_member: node} | {every_member: node}
             | {members_where: node, op: ">=", value: 2}
    checkup: {kind: 特定健診 | [..], within_days: 365 | in_fiscal_year: true | between: [d1, d2]}
    allowance: {program: JIDO_FUYO | [..], status: [受給中], active: true}
"""

from dataclasses import dataclass, field
from datetime import date

from foryou.rules import catalog, problems
from foryou.rules.catalog import FIELDS, Field

MAX_DEPTH = 100
AGE_POINTS = ("as_of", "fiscal_year_start", "fiscal_year_end")


class ConditionError(ValueError):
    """A mistake at `path` in the tree: a code of foryou.rules.problems and its parameters. `problem` is
    the English message (files, logs); `localized()` the same in the active language (the console)."""

    def __init__(self, path: str, code: str, **params):
        self.path, self.code, self.params = path, code, params
        self.problem = problems.english(code, params)
        super().__init__(f"{path}: {self.problem}")

    def localized(self) -> str:
        return problems.localized(self.code, self.params)


@dataclass(frozen=True)
class Node:
    path: str


@dataclass(frozen=True)
class All(Node):
    children: tuple


@dataclass(frozen=True)
class Any(Node):
    children: tuple


@dataclass(frozen=True)
class Not(Node):
    child: Node


@dataclass(frozen=True)
class Compare(Node):
    field: Field
    op: str
    value: object = None  # int, str, date, bool, or a tuple for in / not_in / between
    lookup: str | None = None
    at: str = "as_of"


@dataclass(frozen=True)
class ReachesAge(Node):
    unit: str
    age: int
    within_days: int


@dataclass(frozen=True)
class TurnsAgeInFiscalYear(Node):
    age: int


@dataclass(frozen=True)
class Household(Node):
    quantifier: str  # some_member, no_member, every_member, members_where
    condition: Node
    op: str = ""
    value: int = 0


@dataclass(frozen=True)
class HasCheckup(Node):
    kinds: tuple[str, ...]
    within_days: int | None = None
    in_fiscal_year: bool = False
    between: tuple[date, date] | None = None


@dataclass(frozen=True)
class HasAllowance(Node):
    programs: tuple[str, ...]
    statuses: tuple[str, ...] = ()
    active: bool = False


@dataclass(frozen=True)
class Lookup:
    name: str
    by: Field
    values: tuple[int, ...]  # values[k] for key k = 0..n-1
    per_step_beyond: int | None  # added for each key above the last; None: the last value holds

    def value_for(self, key: int | None) -> int | None:
        if key is None or key < 0:
            return None
        last = len(self.values) - 1
        if key <= last:
            return self.values[key]
        return self.values[last] + (key - last) * (self.per_step_beyond or 0)


@dataclass
class Conditions:
    root: Node
    lookups: dict[str, Lookup] = field(default_factory=dict)

    def fields(self) -> set[Field]:
        found: set[Field] = set()
        for node in walk(self.root):
            if isinstance(node, Compare):
                found.add(node.field)
                if node.lookup:
                    found.add(self.lookups[node.lookup].by)
        return found

    def consents(self) -> set[str]:
        return {f.consent for f in self.fields() if f.consent}


def walk(node: Node):
    yield node
    if isinstance(node, (All, Any)):
        for child in node.children:
            yield from walk(child)
    elif isinstance(node, Not):
        yield from walk(node.child)
    elif isinstance(node, Household):
        yield from walk(node.condition)


# -- parsing --------------------------------------------------------------------------------------


def parse_conditions(data, lookups_data=None, path: str = "conditions") -> Conditions:
    lookups = parse_lookups(lookups_data or {}, "lookups")
    root = _Parser(lookups).node(data, path, 0)
    return Conditions(root, lookups)


def parse_lookups(data, path: str) -> dict[str, Lookup]:
    if not isinstance(data, dict):
        raise ConditionError(path, "lookups_not_mapping")
    result = {}
    for name, spec in data.items():
        here = f"{path}.{name}"
        if not isinstance(spec, dict):
            raise ConditionError(here, "lookup_not_mapping")
        _only_keys(spec, {"by", "table", "per_step_beyond", "label", "source"}, here)
        by_key = spec.get("by")
        by = FIELDS.get(by_key)
        if by is None or by.type != catalog.INT:
            raise ConditionError(f"{here}.by", "lookup_by_not_count_field", value=repr(by_key))
        table = spec.get("table")
        if not isinstance(table, dict) or not table:
            raise ConditionError(f"{here}.table", "lookup_table_empty")
        keys = sorted(table)
        if any(not _is_int(k) for k in keys) or keys != list(range(len(keys))):
            raise ConditionError(f"{here}.table", "lookup_table_gaps", keys=str(keys))
        values = tuple(table[k] for k in keys)
        for k, v in zip(keys, values):
            if not _is_int(v):
                raise ConditionError(f"{here}.table.{k}", "not_whole_number", value=repr(v))
        step = spec.get("per_step_beyond")
        if step is not None and not _is_int(step):
            raise ConditionError(f"{here}.per_step_beyond", "not_whole_number", value=repr(step))
        result[name] = Lookup(name, by, values, step)
    return result


class _Parser:
    def __init__(self, lookups: dict[str, Lookup]):
        self.lookups = lookups

    def node(self, data, path: str, depth: int) -> Node:
        if depth > MAX_DEPTH:
            raise ConditionError(path, "too_deep", depth=MAX_DEPTH)
        if not isinstance(data, dict) or not data:
            raise ConditionError(path, "not_a_condition")
        if "field" in data:
            return self.compare(data, path)
        if len(data) != 1:
            raise ConditionError(path, "several_kinds", keys=str(sorted(data)))
        (kind, body), = data.items()
        here = f"{path}.{kind}"
        if kind in ("all", "any"):
            if not isinstance(body, list) or not body:
                raise ConditionError(here, "empty_group", kind=kind)
            children = tuple(self.node(child, f"{here}[{i}]", depth + 1) for i, child in enumerate(body))
            return (All if kind == "all" else Any)(path, children)
        if kind == "not":
            return Not(path, self.node(body, here, depth + 1))
        if kind == "reaches_age":
            return self.reaches_age(body, here)
        if kind == "turns_age_in_fiscal_year":
            return TurnsAgeInFiscalYear(path, _age_value(body, here))
        if kind == "household":
            return self.household(body, here, depth)
        if kind == "checkup":
            return self.checkup(body, here)
        if kind == "allowance":
            return self.allowance(body, here)
        raise ConditionError(path, "unknown_condition", kind=repr(kind))

    def compare(self, data: dict, path: str) -> Compare:
        _only_keys(data, {"field", "op", "value", "lookup", "at"}, path)
        key = data["field"]
        f = FIELDS.get(key) if isinstance(key, str) else None
        if f is None:
            raise ConditionError(f"{path}.field", "unknown_field", field=repr(key), known=", ".join(sorted(FIELDS)))
        op = data.get("op")
        allowed = catalog.OPERATORS_BY_TYPE[f.type]
        if op not in allowed:
            raise ConditionError(f"{path}.op", "unknown_operator_for_field", op=repr(op), field=key, allowed=", ".join(allowed))
        at = data.get("at", "as_of")
        if at != "as_of" and (f.type != catalog.AGE or at not in AGE_POINTS):
            raise ConditionError(f"{path}.at", "at_is_for_ages", points=", ".join(AGE_POINTS))
        if op in ("is_null", "not_null"):
            if "value" in data or "lookup" in data:
                raise ConditionError(f"{path}.value", "takes_no_value", op=op)
            return Compare(path, f, op, at=at)
        if "lookup" in data:
            name = data["lookup"]
            if "value" in data:
                raise ConditionError(f"{path}.lookup", "value_and_lookup")
            if name not in self.lookups:
                raise ConditionError(f"{path}.lookup", "unknown_lookup", name=repr(name))
            if f.type not in catalog.NUMERIC or op not in catalog.COMPARISONS:
                raise ConditionError(f"{path}.lookup", "lookup_needs_number")
            return Compare(path, f, op, lookup=name, at=at)
        if "value" not in data:
            raise ConditionError(f"{path}.value", "missing_value")
        return Compare(path, f, op, _value(f, op, data["value"], f"{path}.value"), at=at)

    def reaches_age(self, body, path: str) -> ReachesAge:
        if not isinstance(body, dict):
            raise ConditionError(path, "reaches_age_not_mapping")
        _only_keys(body, {"years", "months", "within_days"}, path)
        units = [u for u in ("years", "months") if u in body]
        if len(units) != 1:
            raise ConditionError(path, "years_or_months")
        unit = units[0]
        days = body.get("within_days")
        if not _is_int(days) or days < 0:
            raise ConditionError(f"{path}.within_days", "not_days", value=repr(days))
        return ReachesAge(path, unit, _age_value(body[unit], f"{path}.{unit}"), days)

    def household(self, body, path: str, depth: int) -> Household:
        quantifiers = ("some_member", "no_member", "every_member", "members_where")
        if not isinstance(body, dict):
            raise ConditionError(path, "household_not_mapping", quantifiers=", ".join(quantifiers))
        found = [q for q in quantifiers if q in body]
        if len(found) != 1:
            raise ConditionError(path, "one_quantifier", quantifiers=", ".join(quantifiers))
        q = found[0]
        if q == "members_where":
            _only_keys(body, {"members_where", "op", "value"}, path)
            op = body.get("op")
            if op not in catalog.COMPARISONS:
                raise ConditionError(f"{path}.op", "unknown_operator", op=repr(op), allowed=", ".join(catalog.COMPARISONS))
            value = body.get("value")
            if not _is_int(value) or value < 0:
                raise ConditionError(f"{path}.value", "not_count", value=repr(value))
        else:
            _only_keys(body, {q}, path)
            op, value = "", 0
        return Household(path, q, self.node(body[q], f"{path}.{q}", depth + 1), op, value)

    def checkup(self, body, path: str) -> HasCheckup:
        if not isinstance(body, dict):
            raise ConditionError(path, "checkup_not_mapping")
        _only_keys(body, {"kind", "within_days", "in_fiscal_year", "between"}, path)
        kinds = _text_list(body.get("kind"), f"{path}.kind")
        windows = [w for w in ("within_days", "in_fiscal_year", "between") if w in body]
        if len(windows) > 1:
            raise ConditionError(path, "one_window")
        within = body.get("within_days")
        if within is not None and (not _is_int(within) or within < 0):
            raise ConditionError(f"{path}.within_days", "not_days", value=repr(within))
        in_fy = body.get("in_fiscal_year", False)
        if not isinstance(in_fy, bool):
            raise ConditionError(f"{path}.in_fiscal_year", "not_true_or_false")
        between = None
        if "between" in body:
            between = _date_pair(body["between"], f"{path}.between")
        return HasCheckup(path, kinds, within, in_fy, between)

    def allowance(self, body, path: str) -> HasAllowance:
        if not isinstance(body, dict):
            raise ConditionError(path, "allowance_not_mapping")
        _only_keys(body, {"program", "status", "active"}, path)
        programs = _text_list(body.get("program"), f"{path}.program")
        statuses = _text_list(body["status"], f"{path}.status") if "status" in body else ()
        from foryou.residents.layout import ALLOWANCE_STATUSES

        for i, s in enumerate(statuses):
            if s not in ALLOWANCE_STATUSES:
                raise ConditionError(f"{path}.status[{i}]", "not_choice", choices=", ".join(ALLOWANCE_STATUSES), value=repr(s))
        active = body.get("active", False)
        if not isinstance(active, bool):
            raise ConditionError(f"{path}.active", "not_true_or_false")
        return HasAllowance(path, programs, statuses, active)


# -- values ---------------------------------------------------------------------------------------


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _age_value(value, path: str) -> int:
    if not _is_int(value) or not 0 <= value <= 150:
        raise ConditionError(path, "not_age", value=repr(value))
    return value


def _only_keys(data: dict, allowed: set, path: str) -> None:
    extra = sorted(str(k) for k in set(data) - allowed)
    if extra:
        raise ConditionError(f"{path}.{extra[0]}", "unknown_key", allowed=", ".join(sorted(allowed)))


def _text_list(value, path: str) -> tuple[str, ...]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not items or not all(isinstance(v, str) and v for v in items):
        raise ConditionError(path, "not_texts", value=repr(value))
    return tuple(items)


def _date(value, path: str) -> date:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise ConditionError(path, "not_date", value=repr(value))


def _date_pair(value, path: str) -> tuple[date, date]:
    if not isinstance(value, list) or len(value) != 2:
        raise ConditionError(path, "not_date_pair")
    start, end = _date(value[0], f"{path}[0]"), _date(value[1], f"{path}[1]")
    if start > end:
        raise ConditionError(path, "window_reversed", start=str(start), end=str(end))
    return start, end


def _scalar(f: Field, value, path: str):
    if f.type in catalog.NUMERIC:
        if not _is_int(value):
            raise ConditionError(path, "field_whole_number", field=f.key, value=repr(value))
        if f.type == catalog.AGE and not 0 <= value <= 150:
            raise ConditionError(path, "not_age", value=repr(value))
        return value
    if f.type == catalog.DATE:
        return _date(value, path)
    if f.type == catalog.BOOL:
        if not isinstance(value, bool):
            raise ConditionError(path, "field_true_or_false", field=f.key, value=repr(value))
        return value
    if _is_int(value) and f.type == catalog.CODE:
        value = str(value)  # YAML reads the code 1 as a number
    if not isinstance(value, str):
        raise ConditionError(path, "field_text", field=f.key, value=repr(value))
    if f.type == catalog.CODE and value not in f.codes:
        raise ConditionError(path, "field_choice", field=f.key, choices=", ".join(f.codes), value=repr(value))
    return value


def _value(f: Field, op: str, value, path: str):
    if op in ("in", "not_in"):
        if not isinstance(value, list) or not value:
            raise ConditionError(path, "needs_values", op=op)
        return tuple(_scalar(f, v, f"{path}[{i}]") for i, v in enumerate(value))
    if op == "between":
        if not isinstance(value, list) or len(value) != 2:
            raise ConditionError(path, "between_needs_two")
        low, high = _scalar(f, value[0], f"{path}[0]"), _scalar(f, value[1], f"{path}[1]")
        if low > high:
            raise ConditionError(path, "range_reversed", low=str(low), high=str(high))
        return (low, high)
    if isinstance(value, list):
        raise ConditionError(path, "one_value_only", op=op)
    return _scalar(f, value, path)
