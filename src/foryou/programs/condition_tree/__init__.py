"""The condition tree as the console edits it: nested nodes with form controls.

A tree (plain data, as the program files write it) becomes EditorNodes that templates render as
nested groups and conditions. Every control is named `<node id>-<attribute>`, where node ids are
positions (`n` the root, `n_0` its first child, `n_0_2` …), so a submitted form rebuilds the same
nodes (`from_form`), an action adds or removes one (`apply_action`), and `to_tree` turns the typed
text back into a tree, noting on the node any value that is not what its field needs. The rules
language then validates the tree; its errors name a path (`conditions.all[2].value`) that
`attach_error` finds the node for.

- `nodes`: the vocabulary, EditorNode, tree → nodes and form fields, and what templates need.
- `form`: submitted form → nodes, actions, nodes → tree.
- `errors`: the rules language's errors, on the node and in Japanese.
"""

from .errors import attach_error
from .form import (
    DEFAULT_CONDITION,
    DEFAULT_VALUES,
    DEFAULTS,
    SPLIT,
    Problem,
    apply_action,
    canonical,
    from_form,
    to_tree,
)
from .nodes import (
    AT_LABELS,
    CODE_LABELS,
    GROUPS,
    ID,
    KIND_LABELS,
    KINDS,
    LIST_ATTRS,
    NAME,
    OP_LABELS,
    QUANTIFIER_LABELS,
    SOURCE_LABELS,
    WINDOW_LABELS,
    EditorNode,
    field_groups,
    find,
    from_tree,
    prepare,
    renumber,
    to_form,
    walk,
)

__all__ = [
    "AT_LABELS", "CODE_LABELS", "DEFAULT_CONDITION", "DEFAULT_VALUES", "DEFAULTS", "GROUPS", "ID", "KIND_LABELS",
    "KINDS", "LIST_ATTRS", "NAME", "OP_LABELS", "QUANTIFIER_LABELS", "SOURCE_LABELS", "SPLIT",
    "WINDOW_LABELS", "EditorNode", "Problem", "apply_action", "attach_error", "canonical", "field_groups", "find",
    "from_form", "from_tree", "prepare", "renumber", "to_form", "to_tree", "walk",
]
