"""The rules language's errors, on the node and in Japanese."""

import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .nodes import EditorNode, walk


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


# The first pattern that matches wins, so the more specific ones come first.
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
