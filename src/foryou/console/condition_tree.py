"""The condition tree as the console edits it: nested nodes with form controls.

A tree (plain data, as the program files write it) becomes EditorNodes that templates render as
nested groups and conditions. Every control is named `<node id>-<attribute>`, where node ids are
positions (`n` the root, `n_0` its first child, `n_0_2` …), so a submitted form rebuilds the same
nodes (`from_form`), an action adds or removes one (`apply_action`), and `to_tree` turns the typed
text back into a tree, noting on the node any value that is not what its field needs. The rules
language then validates the tree; its errors name a path (`conditions.all[2].value`) that
`attach_error` finds the node for.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from foryou.residents import layout
from foryou.rules import catalog
from foryou.rules.catalog import FIELDS

GROUPS = ("all", "any")
KINDS = ("field", "all", "any", "not", "household", "reaches_age", "turns_age", "checkup", "allowance")
KIND_LABELS = {
    "field": gettext_lazy("Condition on a field"),
    "all": gettext_lazy("Group: all of these"),
    "any": gettext_lazy("Group: one of these"),
    "not": gettext_lazy("Not (none of this)"),
    "household": gettext_lazy("Household members"),
    "reaches_age": gettext_lazy("Reaches an age within days"),
    "turns_age": gettext_lazy("Turns an age this fiscal year"),
    "checkup": gettext_lazy("Checkup or vaccination done"),
    "allowance": gettext_lazy("Allowance record"),
}
OP_LABELS = {
    "==": gettext_lazy("is (=)"), "!=": gettext_lazy("is not (≠)"), "<": gettext_lazy("less than (<)"),
    "<=": gettext_lazy("at most (≤)"), ">": gettext_lazy("more than (>)"), ">=": gettext_lazy("at least (≥)"),
    "in": gettext_lazy("is one of"), "not_in": gettext_lazy("is none of"), "between": gettext_lazy("between"),
    "is_null": gettext_lazy("is unknown"), "not_null": gettext_lazy("is known"),
}
AT_LABELS = {"as_of": gettext_lazy("on the day"), "fiscal_year_start": gettext_lazy("on 1 April of the fiscal year"),
             "fiscal_year_end": gettext_lazy("on 31 March of the fiscal year")}
QUANTIFIER_LABELS = {
    "some_member": gettext_lazy("someone in the household meets"),
    "no_member": gettext_lazy("nobody in the household meets"),
    "every_member": gettext_lazy("everyone in the household meets"),
    "members_where": gettext_lazy("the number of members who meet"),
}
WINDOW_LABELS = {"any": gettext_lazy("ever"), "within_days": gettext_lazy("in the last N days"),
                 "in_fiscal_year": gettext_lazy("this fiscal year"), "between": gettext_lazy("between two dates")}
SOURCE_LABELS = {catalog.PERSON: gettext_lazy("Resident register"), catalog.TAX: gettext_lazy("Resident tax (needs consent)"),
                 catalog.HOUSEHOLD: gettext_lazy("Household")}
CODE_LABELS = {"sex": {"1": "1 男", "2": "2 女", "9": "9 不明"}, "tax_status": {k: f"{k} {v}" for k, v in layout.TAX_STATUS_LABELS.items()}}

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

ID = re.compile(r"^n(?:_\d+)*$")
NAME = re.compile(r"^(n(?:_\d+)*)-([a-z_0-9]+)$")
SPLIT = re.compile(r"[,、，\s]+")


class Problem(ValueError):
    pass


@dataclass
class EditorNode:
    kind: str
    id: str = "n"
    path: str = "conditions"
    children: list["EditorNode"] = field(default_factory=list)  # all / any; not and household: one child
    # Raw values as typed (strings), by attribute name; lists for multiple choices.
    values: dict = field(default_factory=dict)
    error: str = ""
    error_attr: str = ""
    depth: int = 0
    description: str = ""  # in Japanese, once the tree is valid
    lookup_choices: list = field(default_factory=list)

    @property
    def number(self) -> str:
        """1, 2-1, 2-1-3 …: the node's place, as staff read it."""
        return "-".join(str(int(part) + 1) for part in self.id.split("_")[1:])

    # -- for templates ----------------------------------------------------------------------------

    @property
    def is_group(self) -> bool:
        return self.kind in GROUPS

    @property
    def child(self) -> "EditorNode | None":
        return self.children[0] if self.children and self.kind in ("not", "household") else None

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS.get(self.kind, self.kind))

    def get(self, attr: str, default=""):
        return self.values.get(attr, default)

    @property
    def field(self):
        return FIELDS.get(self.values.get("field", ""))

    @property
    def ops(self) -> list[tuple[str, str]]:
        f = self.field
        ops = catalog.OPERATORS_BY_TYPE[f.type] if f else ()
        return [(op, str(OP_LABELS[op])) for op in ops]

    @property
    def op(self) -> str:
        return self.values.get("op", "")

    @property
    def shape(self) -> str:
        """How the value is entered: none, lookup, choices (checkboxes), pick (one choice), range, list, one."""
        f, op = self.field, self.op
        if f is None or op in ("is_null", "not_null"):
            return "none"
        if self.values.get("source", "value") != "value":
            return "lookup"
        if op in ("in", "not_in"):
            return "choices" if f.type == catalog.CODE else "list"
        if op == "between":
            return "range"
        if f.type in (catalog.CODE, catalog.BOOL):
            return "pick"
        return "one"

    @property
    def input_type(self) -> str:
        f = self.field
        if f is None:
            return "text"
        return {catalog.AGE: "number", catalog.INT: "number", catalog.MONEY: "number", catalog.DATE: "date"}.get(f.type, "text")

    @property
    def choices(self) -> list[tuple[str, str]]:
        f = self.field
        if f is None:
            return []
        if f.type == catalog.BOOL:
            return [("true", _("yes")), ("false", _("no"))]
        labels = CODE_LABELS.get(f.key, {})
        return [(c, labels.get(c, c)) for c in f.codes]

    @property
    def is_age(self) -> bool:
        return bool(self.field and self.field.type == catalog.AGE)

    def lookups_for(self, lookups: dict | None) -> list[str]:
        f = self.field
        if not lookups or f is None or f.type not in (catalog.INT, catalog.MONEY) or self.op not in catalog.COMPARISONS:
            return []
        return list(lookups)


# -- plain data → nodes -------------------------------------------------------------------------


def _text(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return ""
    return str(value)


def _texts(value) -> list[str]:
    if isinstance(value, (list, tuple)):
        return [_text(v) for v in value]
    return [_text(value)] if value is not None else []


def from_tree(data, node_id: str = "n", path: str = "conditions", depth: int = 0) -> EditorNode:
    """Nodes for a (valid) tree. Anything the editor has no controls for is kept as it is."""
    if not isinstance(data, dict):
        return EditorNode("field", node_id, path, values={"field": "age_years", "op": ">=", "value": "18"}, depth=depth)
    if "field" in data:
        values = {"field": _text(data.get("field")), "op": _text(data.get("op")), "at": _text(data.get("at", "as_of"))}
        value = data.get("value")
        if "lookup" in data:
            values["source"] = _text(data["lookup"])
        elif data.get("op") == "between" and isinstance(value, (list, tuple)) and len(value) == 2:
            values["value"], values["value2"] = _text(value[0]), _text(value[1])
        elif data.get("op") in ("in", "not_in"):
            values["values"] = _texts(value)
            values["value"] = "、".join(_texts(value))
        else:
            values["value"] = _text(value)
        return EditorNode("field", node_id, path, values=values, depth=depth)
    (kind, body), = data.items() if len(data) == 1 else (("field", None),)
    here = f"{path}.{kind}"
    if kind in GROUPS:
        children = [from_tree(c, f"{node_id}_{i}", f"{here}[{i}]", depth + 1) for i, c in enumerate(body or [])]
        return EditorNode(kind, node_id, path, children, depth=depth)
    if kind == "not":
        return EditorNode("not", node_id, path, [from_tree(body, f"{node_id}_0", here, depth + 1)], depth=depth)
    if kind == "household":
        body = body or {}
        quantifier = next((q for q in QUANTIFIER_LABELS if q in body), "some_member")
        values = {"quantifier": quantifier, "hop": _text(body.get("op", ">=")), "hvalue": _text(body.get("value", 2))}
        child = from_tree(body.get(quantifier), f"{node_id}_0", f"{here}.{quantifier}", depth + 1)
        return EditorNode("household", node_id, path, [child], values, depth=depth)
    if kind == "reaches_age":
        body = body or {}
        unit = "years" if "years" in body else "months"
        return EditorNode(kind, node_id, path, values={"unit": unit, "age": _text(body.get(unit)),
                                                       "days": _text(body.get("within_days"))}, depth=depth)
    if kind == "turns_age_in_fiscal_year":
        return EditorNode("turns_age", node_id, path, values={"age": _text(body)}, depth=depth)
    if kind == "checkup":
        body = body or {}
        window = next((w for w in ("within_days", "in_fiscal_year", "between") if w in body), "any")
        between = body.get("between") or ["", ""]
        return EditorNode(kind, node_id, path, values={
            "kinds": "、".join(_texts(body.get("kind"))), "window": window, "within": _text(body.get("within_days", 365)),
            "start": _text(between[0]), "end": _text(between[1])}, depth=depth)
    if kind == "allowance":
        body = body or {}
        return EditorNode(kind, node_id, path, values={
            "programs": _texts(body.get("program")), "statuses": _texts(body.get("status")),
            "active": "true" if body.get("active") else ""}, depth=depth)
    return EditorNode("field", node_id, path, values={"field": "", "op": "", "value": ""}, depth=depth)


def to_form(tree) -> dict:
    """The form fields the editor posts for a tree ({name: value or list of values}): what a browser
    sends, for tests and benchmarks."""
    data = {}
    for node in walk(from_tree(tree)):
        data[f"{node.id}-kind"] = node.kind
        for attr, value in node.values.items():
            if attr in LIST_ATTRS or not isinstance(value, list):
                data[f"{node.id}-{attr}"] = value
        if node.kind == "field":
            data[f"{node.id}-prevfield"] = node.values.get("field", "")
            data[f"{node.id}-prevop"] = node.values.get("op", "")
            if node.shape == "choices":
                data.pop(f"{node.id}-value", None)
    return data


# -- form → nodes -------------------------------------------------------------------------------

LIST_ATTRS = {"values", "programs", "statuses"}


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


def find(root: EditorNode, node_id: str) -> EditorNode | None:
    if root.id == node_id:
        return root
    for child in root.children:
        found = find(child, node_id)
        if found is not None:
            return found
    return None


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


def renumber(node: EditorNode, node_id: str = "n", path: str = "conditions", depth: int = 0) -> None:
    node.id, node.path, node.depth = node_id, path, depth
    if node.kind in GROUPS:
        for i, child in enumerate(node.children):
            renumber(child, f"{node_id}_{i}", f"{path}.{node.kind}[{i}]", depth + 1)
    elif node.kind == "not" and node.children:
        renumber(node.children[0], f"{node_id}_0", f"{path}.not", depth + 1)
    elif node.kind == "household" and node.children:
        quantifier = node.values.get("quantifier") or "some_member"
        renumber(node.children[0], f"{node_id}_0", f"{path}.household.{quantifier}", depth + 1)


def walk(node: EditorNode):
    yield node
    for child in node.children:
        yield from walk(child)


# -- nodes → plain data -------------------------------------------------------------------------


def _clean(text) -> str:
    return unicodedata.normalize("NFKC", str(text or "")).strip()


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
        return data | ({"at": at} if at != "as_of" else {})
    source = v.get("source", "value")
    if source and source != "value":
        data["lookup"] = source
        return data | ({"at": at} if at != "as_of" else {})
    try:
        if op in ("in", "not_in"):
            items = v.get("values") if f.type == catalog.CODE else [x for x in SPLIT.split(_clean(v.get("value", ""))) if x]
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
    return data | ({"at": at} if at != "as_of" else {})


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
            kinds = [x for x in SPLIT.split(_clean(v.get("kinds", ""))) if x]
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


# -- the language's errors, on the node and in Japanese -------------------------------------------


def attach_error(root: EditorNode, path: str, problem: str) -> EditorNode:
    """Put an error of the rules language (at `path`) on the deepest node whose path contains it."""
    best = root
    for node in walk(root):
        if (path == node.path or path.startswith(node.path + ".") or path.startswith(node.path + "[")) \
                and len(node.path) > len(best.path):
            best = node
    rest = path[len(best.path):]
    attr = {".value[1]": "value2", ".op": "op", ".field": "field", ".lookup": "source", ".at": "at",
            ".household.value": "hvalue", ".household.op": "hop"}.get(rest, "value" if rest.startswith(".value") else "")
    best.error, best.error_attr = japanese_problem(problem), attr
    return best


PROBLEMS = [
    (r"^(\w+) is a whole number, got (.*)$", gettext_lazy("%(1)s takes a whole number; got %(2)s.")),
    (r"^must be an age between 0 and 150, got (.*)$", gettext_lazy("An age must be from 0 to 150; got %(1)s.")),
    (r"^the range starts \((.*)\) after it ends \((.*)\)$", gettext_lazy("The range starts (%(1)s) after it ends (%(2)s).")),
    (r"^the window starts \((.*)\) after it ends \((.*)\)$", gettext_lazy("The period starts (%(1)s) after it ends (%(2)s).")),
    (r"^(\w+) must be one of (.*), got (.*)$", gettext_lazy("%(1)s must be one of %(2)s; got %(3)s.")),
    (r"^must be one of (.*), got (.*)$", gettext_lazy("Must be one of %(1)s; got %(2)s.")),
    (r"^(?:in|not_in) needs a non-empty list of values$", gettext_lazy("Choose at least one value.")),
    (r"^'(?:all|any)' needs a non-empty list of conditions$",
     gettext_lazy("Add at least one condition to this group, or remove the group.")),
    (r"^must be a date written YYYY-MM-DD, got (.*)$", gettext_lazy("Enter a date as YYYY-MM-DD; got %(1)s.")),
    (r"^must be a whole number of days ≥ 0, got (.*)$", gettext_lazy("Enter a number of days (0 or more); got %(1)s.")),
    (r"^must be a whole number ≥ 0, got (.*)$", gettext_lazy("Enter a whole number (0 or more); got %(1)s.")),
    (r"^unknown lookup table '(.*)'.*$", gettext_lazy("There is no limit table %(1)s in this program.")),
    (r"^a lookup compares a number with .*$", gettext_lazy("A limit table can only be compared with <, ≤, =, ≥, > on a number.")),
    (r"^ages cannot be compared with a lookup table$", gettext_lazy("An age cannot be compared with a limit table.")),
    (r"^missing value$", gettext_lazy("Enter a value.")),
    (r"^unknown operator (.*) for (\w+).*$", gettext_lazy("The comparison %(1)s does not apply to %(2)s.")),
    (r"^unknown field (.*?);.*$", gettext_lazy("There is no field %(1)s.")),
    (r"^the tree is nested more than (\d+) levels deep$", gettext_lazy("The conditions are nested more than %(1)s levels deep.")),
]


def japanese_problem(problem: str) -> str:
    """The rules language reports in English (for files and logs); staff read the console in Japanese."""
    for pattern, message in PROBLEMS:
        match = re.match(pattern, problem)
        if match:
            return str(message) % {str(i + 1): g for i, g in enumerate(match.groups())}
    return _("This condition is not valid: %(problem)s") % {"problem": problem}


def prepare(root: EditorNode, lookups: dict | None, conditions=None) -> dict[str, str]:
    """Fill in what templates need: the lookup tables a node may compare with and, for a valid tree,
    each node's description. Returns {language path: node id} (to link funnel steps to nodes)."""
    from foryou.rules import language
    from foryou.rules.describe import describe

    ids = {}
    for node in walk(root):
        node.lookup_choices = node.lookups_for(lookups) if node.kind == "field" else []
        ids[node.path] = node.id
    if conditions is not None:
        described = {n.path: n for n in language.walk(conditions.root)}
        for node in walk(root):
            found = described.get(node.path)
            if found is not None and not isinstance(found, (language.All, language.Any)):
                node.description = describe(found)
    return ids


def field_groups() -> list[tuple[str, list[tuple[str, str]]]]:
    """Fields for a <select>, grouped by where they are read from."""
    groups = []
    for source, label in SOURCE_LABELS.items():
        groups.append((str(label), [(f.key, str(f.label)) for f in FIELDS.values() if f.source == source]))
    return groups
