"""The rules language's errors, on the node and in Japanese (their one table: foryou.rules.problems)."""

from foryou.rules.language import ConditionError

from .nodes import EditorNode, walk


def attach_error(root: EditorNode, error: ConditionError) -> EditorNode:
    """Put an error of the rules language on the deepest node whose path contains the error's."""
    path = error.path
    best = root
    for node in walk(root):
        if (path == node.path or path.startswith(node.path + ".") or path.startswith(node.path + "[")) \
                and len(node.path) > len(best.path):
            best = node
    rest = path[len(best.path):]
    attr = {".value[1]": "value2", ".op": "op", ".field": "field", ".lookup": "source", ".at": "at",
            ".household.value": "hvalue", ".household.op": "hop"}.get(rest, "value" if rest.startswith(".value") else "")
    best.error, best.error_attr = error.localized(), attr
    return best
