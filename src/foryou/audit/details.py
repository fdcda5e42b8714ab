"""An audit event as staff read it: its target and detail as labelled values, times in Asia/Tokyo
written the Japanese way, and no internal names (snapshot files, JSON, UTC ISO times).

The log keeps what was recorded, unchanged: this is display only. A registration number shows only its
last four digits, as everywhere staff read one. A key or target kind not listed
here is shown as recorded."""

import re
from datetime import date, datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from foryou.enrollment.display import masked
from foryou.shared.jp.dates import japanese_date

TOKYO = timezone.get_fixed_timezone(9 * 60)
LIST_SHOWN = 10

KEYS = {
    "application": gettext_lazy("Application"), "applicant_told": gettext_lazy("Applicant told"),
    "as_of": gettext_lazy("Evaluated on"), "at": gettext_lazy("Time"), "automatic": gettext_lazy("Automatic"),
    "birth_date": gettext_lazy("Date of birth"), "broadcast": gettext_lazy("Broadcast"),
    "candidates": gettext_lazy("Candidates shown"), "cards": gettext_lazy("Postcards"),
    "department": gettext_lazy("Department"), "devices": gettext_lazy("Devices"),
    "display_name": gettext_lazy("Display name"), "ending": gettext_lazy("Why stopped"),
    "errors": gettext_lazy("Errors"), "examples_passed": gettext_lazy("Examples pass"),
    "failures": gettext_lazy("Failures"), "filters": gettext_lazy("Filters"), "held_back": gettext_lazy("Held back"),
    "ip": gettext_lazy("IP address"), "kind": gettext_lazy("Kind"), "lockouts": gettext_lazy("Lockouts"),
    "name": gettext_lazy("Name"), "note": gettext_lazy("Note"), "number": gettext_lazy("Registration number"),
    "order": gettext_lazy("Send order"), "page": gettext_lazy("Page"),
    "previous_revision": gettext_lazy("Previous revision"), "program": gettext_lazy("Program"),
    "protected_left_out": gettext_lazy("A protected person was left out"), "query": gettext_lazy("Search"),
    "read_as": gettext_lazy("Read as"), "reason": gettext_lazy("Reason"), "recipients": gettext_lazy("Recipients"),
    "registration": gettext_lazy("Registration"), "resident_id": gettext_lazy("宛名番号"),
    "restored_from": gettext_lazy("Restored from revision"), "revision": gettext_lazy("Revision"),
    "role": gettext_lazy("Role"), "rows": gettext_lazy("Rows"), "set": gettext_lazy("Set"),
    "shown": gettext_lazy("Shown"), "snapshot": gettext_lazy("Resident data"), "status": gettext_lazy("Status"),
    "submitted": gettext_lazy("Submitted for approval"), "targeted": gettext_lazy("Targeted persons"),
    "urgent": gettext_lazy("Urgent"), "version": gettext_lazy("Version"),
    "refused": gettext_lazy("Refused"), "tax_data": gettext_lazy("Tax data read"),
    "conditions": gettext_lazy("Conditions"), "tree": gettext_lazy("Conditions counted"),
}

TARGETS = {
    "application": gettext_lazy("Application #%(id)s"), "notice": gettext_lazy("Notice #%(id)s"),
    "postcard_batch": gettext_lazy("Postcard batch #%(id)s"), "program": gettext_lazy("Program %(id)s"),
    "registration": gettext_lazy("Registration #%(id)s"), "resident": gettext_lazy("宛名番号 %(id)s"),
    "user": gettext_lazy("Staff %(id)s"), "query": gettext_lazy("Search “%(id)s”"),
    "import": gettext_lazy("Import #%(id)s"), "gateway": gettext_lazy("Gateway (%(id)s)"),
}

_SNAPSHOT = re.compile(r"^snapshot-(\d{4})(\d{2})(\d{2})-0*(\d+)\.duckdb$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")


def snapshot_label(name: str) -> str | None:
    """「2026年12月7日時点のデータ(取込 #1)」 for an analysis snapshot's file name; None for anything else."""
    match = _SNAPSHOT.match(name or "")
    if not match:
        return None
    year, month, day, run = (int(g) for g in match.groups())
    return _("data as of %(day)s (import #%(run)s)") % {"day": japanese_date(date(year, month, day)), "run": run}


def when(moment: datetime) -> str:
    """2026年11月27日 8:51 (Asia/Tokyo)."""
    local = timezone.localtime(moment, TOKYO) if timezone.is_aware(moment) else moment
    return f"{japanese_date(local.date())} {local.hour}:{local.minute:02d}"


def value_text(value) -> str:
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, int):
        return f"{value:,}" if abs(value) >= 10000 else str(value)
    if isinstance(value, (list, tuple)):
        shown = [value_text(v) for v in value[:LIST_SHOWN]]
        more = len(value) - LIST_SHOWN
        return "、".join(shown + ([_("and %(n)s more") % {"n": more}] if more > 0 else [])) or "–"
    if isinstance(value, dict):
        return "、".join(f"{label_of(k)}: {value_text(v)}" for k, v in value.items()) or "–"
    text = str(value)
    if (label := snapshot_label(text)) is not None:
        return label
    if _DATETIME.match(text):
        try:
            return when(datetime.fromisoformat(text))
        except ValueError:
            return text
    if _DATE.match(text):
        try:
            return japanese_date(date.fromisoformat(text))
        except ValueError:
            return text
    return text


def label_of(key: str) -> str:
    return str(KEYS.get(key, key))


def _coded(key: str) -> dict:
    """The words for the codes some details keep (a reject reason, a role …), by the detail's key."""
    from foryou.accounts.models import Role
    from foryou.enrollment.models import Application, Registration
    from foryou.notices.models import SendOrder

    return {"reason": Application.RejectReason, "ending": Registration.Ending, "role": Role,
            "kind": SendOrder.Kind}.get(key)


def _value_of(key: str, value) -> str:
    if key == "number" and isinstance(value, str):
        return masked(value)
    choices = _coded(key) if isinstance(value, str) else None
    if choices is not None and value in choices.values:
        return str(choices(value).label)
    return value_text(value)


def detail_items(detail) -> list[tuple[str, str]]:
    """[(label, value)] of an event's detail, in the order recorded."""
    if not isinstance(detail, dict):
        return [("", value_text(detail))] if detail else []
    return [(label_of(k), _value_of(k, v)) for k, v in detail.items()]


def detail_line(detail) -> str:
    """The detail on one line ("理由: not_found; 申請者に通知: はい"), for the CSV."""
    return "; ".join(f"{label}: {value}" if label else value for label, value in detail_items(detail))


def target_text(target: str) -> str:
    kind, _sep, rest = (target or "").partition(":")
    template = TARGETS.get(kind)
    return str(template) % {"id": rest} if template and rest else (target or "")
