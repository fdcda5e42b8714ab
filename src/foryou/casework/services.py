"""Writes on program applications: status changes (one vocabulary: foryou.shared.forms.statuses), assignment
and due dates. Each change is audited, kept in the application's history and, for the statuses a resident
hears about, pushed to the gateway as casework.status for it to tell them (LINE, else email). A resident in
a household under 支援措置 is told only that there is news: never the program or staff's note."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from foryou.audit import services as audit
from foryou.bridge.models import PendingPush
from foryou.casework.models import ApplicationEvent, ProgramApplication
from foryou.shared.bridge import messages
from foryou.shared.forms import statuses
from foryou.shared.jp.dates import japanese_date


class StatusRefused(ValueError):
    """A change staff may not make: says why, in the staff's language."""


def period_text(form) -> str:
    start = japanese_date(form.accepts_from) if form.accepts_from else ""
    until = japanese_date(form.accepts_until) if form.accepts_until else ""
    return f"{start}〜{until}"


def _actor_label(actor) -> str:
    return actor.get_username() if actor is not None else audit.system_actor_label()


def is_protected(resident_id: str) -> bool:
    """Whether the person or their household is under 支援措置 (the registry, foryou.enrollment.registrant_lookup).
    Unknown (no snapshot, not found) counts as protected: the message then says the least."""
    from foryou.enrollment import registrant_lookup
    from foryou.residents import store

    try:
        person = registrant_lookup.person(resident_id)
    except store.NoSnapshot:
        return True
    return person is None or person.protected


def _tell(application: ProgramApplication, status: str, note: str, program=None) -> None:
    from foryou.programs.catalog import get_program

    try:
        program = program or get_program(application.program_code)
        name, phone = program.name, (program.contact or {}).get("phone", "")
    except LookupError:
        name, phone = application.program_code, ""
    protected = is_protected(application.resident_id)
    PendingPush.of(messages.CaseworkStatusBody(
        receipt=application.receipt, number=application.number, program=application.program_code,
        program_name="" if protected else name, status=status, note="" if protected else note,
        contact_phone=phone, protected=protected, at=timezone.now().isoformat())).save()


def _history(application, status: str, note: str, actor) -> None:
    ApplicationEvent.objects.create(application=application, status=status, note=note, actor_label=_actor_label(actor))


def record_received(application: ProgramApplication, program=None) -> None:
    _history(application, statuses.RECEIVED, "", None)
    _tell(application, statuses.RECEIVED, "", program)


def record_corrected(application: ProgramApplication) -> None:
    """A correction arrived: back in the inbox as received, told to the resident."""
    application.status, application.note = statuses.RECEIVED, ""
    application.save(update_fields=["status", "note", "updated_at"])
    _history(application, statuses.RECEIVED, _("Corrected by the resident"), None)
    audit.record("casework.status", target=f"casework:{application.receipt}",
                 detail={"status": statuses.RECEIVED, "corrected": application.corrections})
    _tell(application, statuses.RECEIVED, "")


def change_status(application: ProgramApplication, status: str, note: str = "", *, actor) -> ProgramApplication:
    """Move an application on (statuses.NEXT); NEEDS_NOTE statuses need staff's note. Raises StatusRefused."""
    note = (note or "").strip()
    if status not in statuses.LABELS:
        raise StatusRefused(_("Unknown status."))
    with transaction.atomic():
        current = ProgramApplication.objects.select_for_update().get(pk=application.pk)
        if actor is not None and status not in statuses.NEXT[current.status]:
            raise StatusRefused(_("An application that is %(current)s cannot become %(next)s.")
                                % {"current": statuses.LABELS[current.status], "next": statuses.LABELS[status]})
        if status in statuses.NEEDS_NOTE and not note:
            raise StatusRefused(_("Write what the resident must correct.") if status == statuses.NEEDS_CORRECTION
                                else _("Write the reason for the refusal."))
        if status == statuses.NEEDS_CORRECTION and current.status == statuses.NEEDS_CORRECTION:
            raise StatusRefused(_("A correction has already been asked for; wait for the resident's answer."))
        previous = current.status
        current.status, current.note = status, note
        if status in statuses.FINAL:
            current.decided_at = timezone.now()
        current.save(update_fields=["status", "note", "decided_at", "updated_at"])
        _history(current, status, note, actor)
        audit.record("casework.status", actor=actor, target=f"casework:{current.receipt}",
                     detail={"from": previous, "to": status})
        _tell(current, status, note)
    return current


def assign(application: ProgramApplication, assignee, due_date, *, actor) -> None:
    ProgramApplication.objects.filter(pk=application.pk).update(assignee=assignee, due_date=due_date,
                                                                updated_at=timezone.now())
    audit.record("casework.assigned", actor=actor, target=f"casework:{application.receipt}",
                 detail={"assignee": assignee.get_username() if assignee else "",
                         "due": due_date.isoformat() if due_date else ""})
