"""Form → nodes → tree: rebuild the nodes from a submitted form, apply an action, and read the
typed text back into a tree, noting on each node any value that is not what its field needs."""

import re
import unicodedata
from datetime import date

from django.utils.translation import gettext as _

from foryou.rules import catalog
from foryou.rules.catalog import FIELDS

from .nodes import GROUPS, KINDS, LIST_ATTRS, NAME, QUANTIFIER_LABELS, EditorNode, find, from_tree, renumber, walk

DEFAULT_CONDITION = {"field": "age_years", "op": ">=", "value": 18}
DEFAULTS = {
    "field": DEFAULT_CONDITION,
    "all": {"all": [DEFAULT_CONDITION]},
    "any": {"any": [DEFAULT_CONDITION]},
    "not": {"not": {"all": [DEFAULT_CONDITION]}},
    "household": {"household": {"some_member": {"all": [{"field": "age_years", "op": "<", "value": 18}]}}},
    "reaches_age": {"reaches_age": {"months": 2, "within_days": 14}},
    "turns_age": {"turns_age_in_fiscal_year": 65},
    "checkup": {"checkup": {"kind": ["特定健診"], "in_fiscal_year": True}},
    "allowance": {"allowance": {"program": ["JIDO_TEATE"], "status": ["受給中"], "active": True}},
}
DEFAULT_VALUES = {catalog.AGE: "18", catalog.INT: "1", catalog.MONEY: "1000000", catalog.DATE: "2000-01-01",
                  catalog.BOOL: "true", catalog.TEXT: ""}

SPLIT = re.compile(r"[,、，\s]+")


class Problem(ValueError):
    pass


# -- form → nodes -------------------------------------------------------------------------------


def from_form(post) -> EditorNode:
    """Rebuild the nodes from a submitted editor form (raw text; nothing is validated here)."""
    raw: dict[str, dict] = {}
    for name in post:
        match = NAME.match(name)
        if not match:
            continue
        node_id, attr = match.groups()
        values = raw.setdefault(node_id, {})
        values[attr] = post.getlist(name) if attr in LIST_ATTRS else post.get(name, "")
    if "n" not in raw:
        raise Problem(_("The form has no conditions."))
    return _build("n", raw, "conditions", 0)


def _build(node_id: str, raw: dict, path: str, depth: int) -> EditorNode:
    values = dict(raw.get(node_id, {}))
    kind = values.pop("kind", "field")
    if kind not in KINDS:
        kind = "field"
    children_ids = sorted((i for i in raw if i.startswith(node_id + "_") and i.count("_") == node_id.count("_") + 1),
                          key=lambda i: int(i.rsplit("_", 1)[1]))
    node = EditorNode(kind, node_id, path, values=values, depth=depth)
    if kind in GROUPS or kind in ("not", "household"):
        node.children = [_build(c, raw, path, depth + 1) for c in children_ids]
        if kind in ("not", "household"):
            node.children = node.children[:1] or [from_tree(DEFAULT_CONDITION, f"{node_id}_0", path, depth + 1)]
    if kind == "field":
        _adapt_compare(node)
    return node


def _adapt_compare(node: EditorNode) -> None:
    """After the field or the operator changed, keep what still fits and fill in the rest."""
    v = node.values
    f = FIELDS.get(v.get("field", ""))
    if f is None:
        return
    previous = FIELDS.get(v.get("prevfield", v.get("field")))
    allowed = catalog.OPERATORS_BY_TYPE[f.type]
    if previous is not None and previous.key != f.key:
        if previous.type != f.type:
            v["op"] = v.get("op") if v.get("op") in allowed and v.get("op") in ("==", "in") else allowed[0]
            v["value"] = DEFAULT_VALUES.get(f.type, f.codes[0] if f.codes else "")
            v["value2"] = v["value"]
            v["values"] = [f.codes[0]] if f.codes else []
            v["source"] = "value"
        if f.type != catalog.AGE:
            v["at"] = "as_of"
    if v.get("op") not in allowed:
        v["op"] = allowed[0]
    op, before = v["op"], v.get("prevop", v["op"])
    if op != before:
        first = (v.get("values") or SPLIT.split(v.get("value", "").strip()) or [""])[0] if before in ("in", "not_in") else v.get("value", "")
        if op in ("in", "not_in") and before not in ("in", "not_in"):
            v["values"] = [first] if first else []
            v["value"] = first
        elif before in ("in", "not_in"):
            v["value"] = first
        if op == "between" and not v.get("value2"):
            v["value2"] = v.get("value", "")
    if op not in catalog.COMPARISONS:
        v["source"] = "value"
    if f.type == catalog.CODE and op in ("in", "not_in") and "values" not in v:
        v["values"] = [x for x in SPLIT.split(v.get("value", "")) if x]


# -- actions ------------------------------------------------------------------------------------


def apply_action(root: EditorNode, action: str, post=None) -> str:
    """`add:<group id>` (the kind from `<group id>-newkind`) or `remove:<node id>`. Returns the id of
    the node to focus afterwards ('' when nothing changed)."""
    verb, _sep, node_id = (action or "").partition(":")
    if verb == "add":
        group = find(root, node_id)
        if group is None or not group.is_group:
            return ""
        kind = (post.get(f"{node_id}-newkind") if post is not None else None) or "field"
        new = from_tree(DEFAULTS.get(kind, DEFAULT_CONDITION), depth=group.depth + 1)
        group.children.append(new)
        renumber(root)
        return group.children[-1].id
    if verb == "remove" and node_id != "n":
        parent_id = node_id.rsplit("_", 1)[0]
        parent = find(root, parent_id)
        if parent is None or not parent.is_group:
            return ""
        index = int(node_id.rsplit("_", 1)[1])
        if index < len(parent.children):
            del parent.children[index]
        renumber(root)
        return parent.id
    return ""


# -- nodes → plain data -------------------------------------------------------------------------


def _clean(text) -> str:
    return unicodedata.normalize("NFKC", str(text or "")).strip()


def _words(text) -> list[str]:
    """The items of a list typed as text (split on commas, 、 or spaces)."""
    return [x for x in SPLIT.split(_clean(text)) if x]


def _int(text, *, low: int | None = None, high: int | None = None) -> int:
    cleaned = _clean(text).replace(",", "").replace("円", "").replace("歳", "").replace("日", "")
    if not cleaned:
        raise Problem(_("Enter a number."))
    if not re.fullmatch(r"-?\d+", cleaned):
        raise Problem(_("Enter a whole number (digits only), not “%(text)s”.") % {"text": text})
    value = int(cleaned)
    if low is not None and high is not None and not low <= value <= high:
        raise Problem(_("Enter a number from %(low)s to %(high)s.") % {"low": low, "high": high})
    if low is not None and value < low:
        raise Problem(_("Enter a number of at least %(low)s.") % {"low": low})
    return value


def _date(text) -> str:
    cleaned = _clean(text).replace("/", "-")
    try:
        return date.fromisoformat(cleaned).isoformat()
    except ValueError:
        raise Problem(_("Enter a date as YYYY-MM-DD, not “%(text)s”.") % {"text": text}) from None


def _scalar(f, text):
    if f.type == catalog.AGE:
        return _int(text, low=0, high=150)
    if f.type in (catalog.INT, catalog.MONEY):
        return _int(text)
    if f.type == catalog.DATE:
        return _date(text)
    if f.type == catalog.BOOL:
        if text not in ("true", "false"):
            raise Problem(_("Choose yes or no."))
        return text == "true"
    value = _clean(text)
    if not value:
        raise Problem(_("Enter a value."))
    if f.type == catalog.CODE and value not in f.codes:
        raise Problem(_("Choose one of %(codes)s, not “%(text)s”.") % {"codes": "、".join(f.codes), "text": text})
    return value


def _with_at(data: dict, at: str) -> dict:
    """A comparison with its `at`, which is written only when it is not the default."""
    return data | ({"at": at} if at != "as_of" else {})


def _compare_tree(node: EditorNode) -> dict:
    v = node.values
    f = FIELDS.get(v.get("field", ""))
    if f is None:
        node.error_attr = "field"
        raise Problem(_("Choose a field."))
    op = v.get("op", "")
    data = {"field": f.key, "op": op}
    at = v.get("at", "as_of") if f.type == catalog.AGE else "as_of"
    if op in ("is_null", "not_null"):
        return _with_at(data, at)
    source = v.get("source", "value")
    if source and source != "value":
        data["lookup"] = source
        return _with_at(data, at)
    try:
        if op in ("in", "not_in"):
            items = v.get("values") if f.type == catalog.CODE else _words(v.get("value", ""))
            if not items:
                raise Problem(_("Choose at least one value."))
            data["value"] = [_scalar(f, x) for x in items]
        elif op == "between":
            node.error_attr = "value"
            low = _scalar(f, v.get("value", ""))
            node.error_attr = "value2"
            high = _scalar(f, v.get("value2", ""))
            data["value"] = [low, high]
        else:
            data["value"] = _scalar(f, v.get("value", ""))
    except Problem:
        node.error_attr = node.error_attr or "value"
        raise
    node.error_attr = ""
    return _with_at(data, at)


def _node_tree(node: EditorNode, problems: list) -> dict | None:
    v = node.values
    try:
        if node.kind in GROUPS:
            children = [_node_tree(c, problems) for c in node.children]
            if not node.children:
                raise Problem(_("Add at least one condition to this group, or remove the group."))
            return {node.kind: children}
        if node.kind == "not":
            return {"not": _node_tree(node.children[0], problems)}
        if node.kind == "household":
            quantifier = v.get("quantifier") if v.get("quantifier") in QUANTIFIER_LABELS else "some_member"
            body = {quantifier: _node_tree(node.children[0], problems)}
            if quantifier == "members_where":
                body["op"] = v.get("hop") if v.get("hop") in catalog.COMPARISONS else ">="
                node.error_attr = "hvalue"
                body["value"] = _int(v.get("hvalue", ""), low=0)
            return {"household": body}
        if node.kind == "field":
            return _compare_tree(node)
        if node.kind == "reaches_age":
            unit = "years" if v.get("unit") == "years" else "months"
            node.error_attr = "age"
            age = _int(v.get("age", ""), low=0, high=150)
            node.error_attr = "days"
            return {"reaches_age": {unit: age, "within_days": _int(v.get("days", ""), low=0)}}
        if node.kind == "turns_age":
            node.error_attr = "age"
            return {"turns_age_in_fiscal_year": _int(v.get("age", ""), low=0, high=150)}
        if node.kind == "checkup":
            node.error_attr = "kinds"
            kinds = _words(v.get("kinds", ""))
            if not kinds:
                raise Problem(_("Enter at least one kind of checkup or vaccination."))
            body = {"kind": kinds}
            window = v.get("window", "any")
            if window == "within_days":
                node.error_attr = "within"
                body["within_days"] = _int(v.get("within", ""), low=0)
            elif window == "in_fiscal_year":
                body["in_fiscal_year"] = True
            elif window == "between":
                node.error_attr = "start"
                start = _date(v.get("start", ""))
                node.error_attr = "end"
                body["between"] = [start, _date(v.get("end", ""))]
            return {"checkup": body}
        if node.kind == "allowance":
            node.error_attr = "programs"
            programs = [p for p in v.get("programs", []) if p]
            if not programs:
                raise Problem(_("Choose at least one allowance."))
            body = {"program": programs}
            statuses = [s for s in v.get("statuses", []) if s]
            if statuses:
                body["status"] = statuses
            if v.get("active"):
                body["active"] = True
            return {"allowance": body}
    except Problem as problem:
        node.error = str(problem)
        problems.append(node)
        return None
    node.error_attr = ""
    return None  # pragma: no cover


def to_tree(root: EditorNode) -> tuple[dict | None, list[EditorNode]]:
    """The tree as plain data, and the nodes whose typed values could not be read (each with .error)."""
    for node in walk(root):
        node.error, node.error_attr = "", ""
    problems: list[EditorNode] = []
    tree = _node_tree(root, problems)
    for node in walk(root):
        if not node.error:
            node.error_attr = ""
    return (tree if not problems else None), problems


def canonical(tree):
    """A tree as the editor writes it (key order, lists for kinds and programs), so that comparing two
    trees shows only real changes. A tree the editor cannot read is returned as it is."""
    try:
        root = from_tree(tree)
        renumber(root)
        written, problems = to_tree(root)
    except (ValueError, TypeError, AttributeError):
        return tree
    return tree if problems or written is None else written
