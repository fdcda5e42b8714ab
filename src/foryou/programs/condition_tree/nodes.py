"""Tree → nodes: the EditorNodes templates render, and the form fields a tree posts as.

Also the editor's vocabulary (kinds, operators, labels) and helpers to walk and renumber nodes.
"""

import re
from dataclasses import dataclass, field
from functools import lru_cache

from django.utils import translation
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
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

# Controls are named `<node id>-<attribute>`; these attributes post several values.
ID = re.compile(r"^n(?:_\d+)*$")
NAME = re.compile(r"^(n(?:_\d+)*)-([a-z_0-9]+)$")
LIST_ATTRS = {"values", "programs", "statuses"}


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
    def field_options(self) -> str:
        """The field <select>'s option groups with this node's field selected (built once per language
        and field: the editor re-renders every condition on each change)."""
        return field_options(translation.get_language() or "", self.values.get("field", ""))

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

    def lookups_for(self, lookups: dict | None) -> list[tuple[str, str]]:
        """(name, title) of the lookup tables this node may compare with: the file's label of the table,
        or what its limit depends on (the name is the form's value, never shown)."""
        f = self.field
        if not lookups or f is None or f.type not in (catalog.INT, catalog.MONEY) or self.op not in catalog.COMPARISONS:
            return []
        return [(name, lookup_title(spec)) for name, spec in lookups.items()]


def lookup_title(spec) -> str:
    """A lookup table as the file writes it (its `label`, or its `by` field) in words staff read."""
    spec = spec if isinstance(spec, dict) else {}
    if spec.get("label"):
        return str(spec["label"])
    by = FIELDS.get(spec.get("by"))
    return _("Limit by %(key)s") % {"key": by.label if by else _("a table")}


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


# -- walking the nodes --------------------------------------------------------------------------


def walk(node: EditorNode):
    yield node
    for child in node.children:
        yield from walk(child)


def find(root: EditorNode, node_id: str) -> EditorNode | None:
    if root.id == node_id:
        return root
    for child in root.children:
        found = find(child, node_id)
        if found is not None:
            return found
    return None


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


# -- what templates need ------------------------------------------------------------------------------


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
                node.description = describe(found, lookups=conditions.lookups)
    return ids


def field_groups() -> list[tuple[str, list[tuple[str, str]]]]:
    """Fields for a <select>, grouped by where they are read from."""
    groups = []
    for source, label in SOURCE_LABELS.items():
        groups.append((str(label), [(f.key, str(f.label)) for f in FIELDS.values() if f.source == source]))
    return groups


@lru_cache(maxsize=256)
def field_options(language: str, selected: str) -> str:
    """<optgroup>s of every field, `selected` marked, in `language` (the one active: the labels are
    translated when this is built)."""
    return format_html_join("", '<optgroup label="{}">{}</optgroup>', (
        (label, format_html_join("", '<option value="{}"{}>{}</option>',
                                 ((key, mark_safe(" selected") if key == selected else "", text) for key, text in options)))
        for label, options in field_groups()))
