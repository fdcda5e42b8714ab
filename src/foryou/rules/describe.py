"""Short descriptions of conditions (Japanese through gettext), for funnels, explanations and the console."""

from datetime import date

from django.utils.translation import gettext as _

from foryou.shared.jp.dates import japanese_date
from foryou.residents.layout import ALLOWANCE_PROGRAMS
from foryou.rules import language

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


def describe(node: language.Node, depth: int = 0) -> str:
    if isinstance(node, (language.All, language.Any)):
        joiner = _(" and ") if isinstance(node, language.All) else _(" or ")
        inner = joiner.join(describe(c, depth + 1) for c in node.children)
        return f"({inner})" if depth else inner
    if isinstance(node, language.Not):
        return _("not: %(condition)s") % {"condition": describe(node.child, depth + 1)}
    if isinstance(node, language.Compare):
        return _compare(node)
    if isinstance(node, language.ReachesAge):
        if node.unit == "years":
            return _("turns %(age)s within %(days)s days") % {"age": node.age, "days": node.within_days}
        return _("reaches %(age)s months of age within %(days)s days") % {"age": node.age, "days": node.within_days}
    if isinstance(node, language.TurnsAgeInFiscalYear):
        return _("turns %(age)s this fiscal year") % {"age": node.age}
    if isinstance(node, language.Household):
        inner = describe(node.condition, depth + 1)
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


def _compare(node: language.Compare) -> str:
    label = _label(node)
    if node.op == "is_null":
        return _("%(field)s is unknown") % {"field": label}
    if node.op == "not_null":
        return _("%(field)s is known") % {"field": label}
    if node.lookup:
        return _("%(field)s %(op)s the limit (%(lookup)s)") % {"field": label, "op": OPS[node.op], "lookup": node.lookup}
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
