"""Which strings residents read, and so which every resident language must translate: the msgids of
the resident-facing source files, extracted as makemessages would (gettext calls in Python; translate
and blocktranslate in templates).

Resident-facing (docs/decisions/0042): everything in the gateway a resident sees — its pages and
templates, the LINE replies, words and rich menu, its emails, the resident pages' limits and the
application's outcome — and the shared parts those pages and messages are made of: the application form
(shared/application.py), a notice's LINE and email renderings (shared/notice/, its email template), and
the topics, channels and languages of the settings page. Not resident-facing: the console (staff), the
gateway's bridge endpoints, delivery machinery and operators' commands (logs and staff labels), and staff
test devices."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import foryou

PACKAGE = Path(foryou.__file__).parent
RESIDENT_FILES = ("gateway/**/*.py", "gateway/templates/**/*.html", "shared/application.py", "shared/notice/*.py",
                  "shared/templates/shared/*.html", "shared/topics.py", "shared/preferences.py")
NOT_RESIDENT = ("gateway/bridge/", "gateway/management/", "gateway/migrations/", "gateway/test_device",
                "gateway/templates/gateway/test_device", "gateway/csp.py", "gateway/retention.py")
RESIDENT_DELIVERY = ("gateway/delivery/content.py",)  # of the delivery machinery, only the rendered text
STAFF_CALLS = {"Problem"}
GETTEXT = {"_", "gettext", "gettext_lazy", "ngettext", "ngettext_lazy", "pgettext", "pgettext_lazy", "gettext_noop"}
QUOTED = r"u?('(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\")"
TEMPLATE_CALL = re.compile(rf"\b(n?gettext|pgettext)\({QUOTED}(?:\s*,\s*{QUOTED})?")


def resident_files() -> list[Path]:
    found = set()
    for pattern in RESIDENT_FILES:
        for path in PACKAGE.glob(pattern):
            relative = path.relative_to(PACKAGE).as_posix()
            if relative.startswith("gateway/delivery/") and relative not in RESIDENT_DELIVERY:
                continue
            if not relative.startswith(NOT_RESIDENT):
                found.add(path)
    return sorted(found)


def _call_name(node) -> str:
    return node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")


def _from_python(source: str) -> dict[str, str | None]:
    ids = {}
    tree = ast.parse(source)
    # A notice's LINE limits (shared/notice/flex.py: Problem(path, _("is empty"))) are for the staff who
    # compose it, not for residents.
    staff = {id(inner) for node in ast.walk(tree) if isinstance(node, ast.Call) and _call_name(node) in STAFF_CALLS
             for inner in ast.walk(node)}
    for node in ast.walk(tree):
        if id(node) in staff:
            continue
        if isinstance(node, ast.Call) and isinstance(node.func, (ast.Name, ast.Attribute)):
            name = node.func.id if isinstance(node.func, ast.Name) else node.func.attr
            if name in GETTEXT and node.args:
                first = node.args[1] if name.startswith("pgettext") and len(node.args) > 1 else node.args[0]
                plural = node.args[1] if name.startswith("ngettext") and len(node.args) > 1 else None
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    ids[first.value] = plural.value if isinstance(plural, ast.Constant) else None
    return ids


def _from_template(source: str, origin: str) -> dict[str, str | None]:
    from django.utils.translation.template import templatize

    return {ast.literal_eval(singular): ast.literal_eval(plural) if name == "ngettext" and plural else None
            for name, singular, plural in TEMPLATE_CALL.findall(templatize(source, origin=origin))}


def resident_messages() -> dict[str, str | None]:
    """msgid → its plural msgid (None for a string without plural forms)."""
    ids: dict[str, str | None] = {}
    for path in resident_files():
        source = path.read_text(encoding="utf-8")
        ids.update(_from_template(source, str(path)) if path.suffix == ".html" else _from_python(source))
    return {msgid: plural for msgid, plural in ids.items() if msgid.strip()}


def resident_msgids() -> set[str]:
    return set(resident_messages())
