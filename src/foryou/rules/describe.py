"""Short Japanese descriptions of conditions, for funnels, explanations and the console."""

from datetime import date

from foryou.residents.layout import ALLOWANCE_PROGRAMS
from foryou.rules import language

OPS = {"==": "=", "!=": "≠", "<": "<", "<=": "≤", ">": ">", ">=": "≥"}
AT = {"as_of": "", "fiscal_year_start": "(年度初日時点)", "fiscal_year_end": "(年度末時点)"}
QUANTIFIERS = {"some_member": "世帯に該当者がいる", "no_member": "世帯に該当者がいない", "every_member": "世帯全員が該当"}


def _value(v) -> str:
    if isinstance(v, bool):
        return "はい" if v else "いいえ"
    if isinstance(v, date):
        return f"{v.year}年{v.month}月{v.day}日"
    if isinstance(v, int):
        return f"{v:,}"
    if isinstance(v, tuple):
        return "、".join(_value(x) for x in v)
    return str(v)


def describe(node: language.Node, depth: int = 0) -> str:
    if isinstance(node, (language.All, language.Any)):
        joiner = " かつ " if isinstance(node, language.All) else " または "
        inner = joiner.join(describe(c, depth + 1) for c in node.children)
        return f"({inner})" if depth else inner
    if isinstance(node, language.Not):
        return f"次に該当しない: {describe(node.child, depth + 1)}"
    if isinstance(node, language.Compare):
        label = node.field.label + AT.get(node.at, "")
        if node.op == "is_null":
            return f"{label}が不明"
        if node.op == "not_null":
            return f"{label}が判明"
        if node.lookup:
            return f"{label} {OPS[node.op]} 基準額({node.lookup})"
        if node.op == "in":
            return f"{label}が {_value(node.value)} のいずれか"
        if node.op == "not_in":
            return f"{label}が {_value(node.value)} のいずれでもない"
        if node.op == "between":
            return f"{label}が {_value(node.value[0])}〜{_value(node.value[1])}"
        return f"{label} {OPS[node.op]} {_value(node.value)}"
    if isinstance(node, language.ReachesAge):
        unit = "歳" if node.unit == "years" else "か月"
        prefix = "" if node.unit == "years" else "生後"
        return f"{node.within_days}日以内に{prefix}{node.age}{unit}になる"
    if isinstance(node, language.TurnsAgeInFiscalYear):
        return f"今年度中に{node.age}歳になる"
    if isinstance(node, language.Household):
        inner = describe(node.condition, depth + 1)
        if node.quantifier == "members_where":
            return f"世帯で「{inner}」の人数 {OPS[node.op]} {node.value}"
        return f"{QUANTIFIERS[node.quantifier]}: {inner}"
    if isinstance(node, language.HasCheckup):
        window = ""
        if node.within_days is not None:
            window = f"(過去{node.within_days}日以内)"
        elif node.in_fiscal_year:
            window = "(今年度)"
        elif node.between:
            window = f"({_value(node.between[0])}〜{_value(node.between[1])})"
        return f"{_value(node.kinds)}の受診・接種歴がある{window}"
    if isinstance(node, language.HasAllowance):
        status = f"(状態: {_value(node.statuses)})" if node.statuses else ""
        active = "(基準日に受給期間内)" if node.active else ""
        names = tuple(ALLOWANCE_PROGRAMS.get(code, code) for code in node.programs)
        return f"{_value(names)}の受給記録がある{status}{active}"
    return type(node).__name__
