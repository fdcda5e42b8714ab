"""Short descriptions of conditions (Japanese through gettext), for funnels, explanations and the console.

Staff never read the names files use inside (a lookup table's `income_limit`): a comparison with a
lookup table reads "合計所得金額 ≤ 扶養親族数に応じた限度額", and lookup_tables() gives each table as
staff read it, amounts with their units (扶養親族数 0人 → 2,080,000円)."""

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from foryou.shared.jp.dates import japanese_date
from foryou.residents.layout import ALLOWANCE_PROGRAMS
from foryou.rules import catalog, language

OPS = {"==": "=", "!=": "≠", "<": "<", "<=": "≤", ">": ">", ">=": "≥"}


def _value(v) -> str:
    if isinstance(v, bool):
        return _("yes") if v else _("no")
    if isinstance(v, date):
        return japanese_date(v)
    if isinstance(v, int):
        return f"{v:,}"
    if isinstance(v, tuple):
        return _(", ").join(_value(x) for x in v)
    return str(v)


def _label(node: language.Compare) -> str:
    at = {"fiscal_year_start": _(" (on the first day of the fiscal year)"),
          "fiscal_year_end": _(" (on the last day of the fiscal year)")}.get(node.at, "")
    return f"{node.field.label}{at}"


def describe(node: language.Node, depth: int = 0, lookups: dict | None = None) -> str:
    """One line for a node. `lookups` (the conditions' Lookup tables, by name) lets a comparison with
    a table name what the limit depends on."""
    if isinstance(node, (language.All, language.Any)):
        joiner = _(" and ") if isinstance(node, language.All) else _(" or ")
        inner = joiner.join(describe(c, depth + 1, lookups) for c in node.children)
        return f"({inner})" if depth else inner
    if isinstance(node, language.Not):
        return _("not: %(condition)s") % {"condition": describe(node.child, depth + 1, lookups)}
    if isinstance(node, language.Compare):
        return _compare(node, lookups or {})
    if isinstance(node, language.ReachesAge):
        if node.unit == "years":
            return _("turns %(age)s within %(days)s days") % {"age": node.age, "days": node.within_days}
        return _("reaches %(age)s months of age within %(days)s days") % {"age": node.age, "days": node.within_days}
    if isinstance(node, language.TurnsAgeInFiscalYear):
        return _("turns %(age)s this fiscal year") % {"age": node.age}
    if isinstance(node, language.Household):
        inner = describe(node.condition, depth + 1, lookups)
        if node.quantifier == "members_where":
            return _("household members who meet “%(condition)s” %(op)s %(value)s") % {
                "condition": inner, "op": OPS[node.op], "value": node.value}
        template = {"some_member": _("someone in the household: %(condition)s"),
                    "no_member": _("nobody in the household: %(condition)s"),
                    "every_member": _("everyone in the household: %(condition)s")}[node.quantifier]
        return template % {"condition": inner}
    if isinstance(node, language.HasCheckup):
        return _("has had %(kinds)s%(window)s") % {"kinds": _value(node.kinds), "window": _window(node)}
    if isinstance(node, language.HasAllowance):
        names = tuple(ALLOWANCE_PROGRAMS.get(code, code) for code in node.programs)
        extra = ""
        if node.statuses:
            extra += _(" (status: %(statuses)s)") % {"statuses": _value(node.statuses)}
        if node.active:
            extra += _(" (current on the day)")
        return _("has a record of %(programs)s%(extra)s") % {"programs": _value(names), "extra": extra}
    return type(node).__name__


def _compare(node: language.Compare, lookups: dict) -> str:
    label = _label(node)
    if node.op == "is_null":
        return _("%(field)s is unknown") % {"field": label}
    if node.op == "not_null":
        return _("%(field)s is known") % {"field": label}
    if node.lookup:
        table = lookups.get(node.lookup)
        if table is None:
            return _("%(field)s %(op)s the limit from a table") % {"field": label, "op": OPS[node.op]}
        return _("%(field)s %(op)s the limit by %(key)s") % {"field": label, "op": OPS[node.op],
                                                              "key": table.by.label}
    if node.op == "in":
        return _("%(field)s is one of %(values)s") % {"field": label, "values": _value(node.value)}
    if node.op == "not_in":
        return _("%(field)s is none of %(values)s") % {"field": label, "values": _value(node.value)}
    if node.op == "between":
        return _("%(field)s is between %(low)s and %(high)s") % {
            "field": label, "low": _value(node.value[0]), "high": _value(node.value[1])}
    return f"{label} {OPS[node.op]} {_value(node.value)}"


def _window(node: language.HasCheckup) -> str:
    if node.within_days is not None:
        return _(" (in the last %(days)s days)") % {"days": node.within_days}
    if node.in_fiscal_year:
        return _(" (this fiscal year)")
    if node.between:
        return _(" (%(start)s to %(end)s)") % {"start": _value(node.between[0]), "end": _value(node.between[1])}
    return ""


# -- lookup tables as staff read them ------------------------------------------------------------


@dataclass(frozen=True)
class LookupTable:
    name: str  # the file's name for it (for anchors only, never shown)
    title: str  # the file's label, or "限度額(扶養親族数による)"
    key_label: str  # 扶養親族数
    value_label: str  # 限度額
    rows: list[tuple[str, str]]  # ("0人", "2,080,000円"), …
    beyond: str  # "4人以上は1人につき380,000円を加算", or ""


def amount(value: int, field_type: str) -> str:
    """A limit with its unit: 円 for money, 人 for counts of persons, the bare number otherwise."""
    if field_type == catalog.MONEY:
        return _("%(amount)s yen") % {"amount": f"{value:,}"}
    if field_type == catalog.INT:
        return _("%(number)s person(s)") % {"number": f"{value:,}"}
    return f"{value:,}"


def _compared_type(conditions: language.Conditions, name: str) -> str:
    """What a table's amounts are: the type of the fields compared with it (money for income limits)."""
    types = {n.field.type for n in language.walk(conditions.root)
             if isinstance(n, language.Compare) and n.lookup == name}
    return types.pop() if len(types) == 1 else ""


def lookup_tables(conditions: language.Conditions, labels: dict[str, str] | None = None) -> list[LookupTable]:
    """The lookup tables the conditions compare with, in the order the file writes them. `labels`:
    the file's label of each table (`label:` in its lookups), if it has one."""
    used = {n.lookup for n in language.walk(conditions.root) if isinstance(n, language.Compare) and n.lookup}
    tables = []
    for name, lookup in conditions.lookups.items():
        if name not in used:
            continue
        kind = _compared_type(conditions, name)
        value_label = _("Limit")
        title = (labels or {}).get(name) or _("Limit by %(key)s") % {"key": lookup.by.label}
        rows = [(amount(key, catalog.INT), amount(value, kind)) for key, value in enumerate(lookup.values)]
        beyond = ""
        if lookup.per_step_beyond:
            beyond = _("From %(first)s: %(step)s more for each one more") % {
                "first": amount(len(lookup.values), catalog.INT), "step": amount(lookup.per_step_beyond, kind)}
        tables.append(LookupTable(name, str(title), str(lookup.by.label), str(value_label), rows, beyond))
    return tables
