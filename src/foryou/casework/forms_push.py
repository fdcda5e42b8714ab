"""A program's form goes to the gateway with the notice that offers it (decision 0050): when a send order of a
notice about a program with a form is pushed, the form (casework.form) is pushed just before it, once per
form digest. The gateway keeps every digest it was sent; each application names the digest it answered,
and the console keeps the same definitions (FormSnapshot), so an application is always read with its own
form even after the program file changed."""

from foryou.bridge.models import PendingPush
from foryou.casework.models import FormSnapshot
from foryou.shared.bridge import messages


def snapshot_of(program) -> FormSnapshot:
    form = program.form
    snapshot, _ = FormSnapshot.objects.get_or_create(
        digest=form.digest, defaults={"program_code": program.code, "version": form.version,
                                      "definition": form.to_dict()})
    return snapshot


def form_message(program) -> messages.CaseworkFormBody:
    form = program.form
    return messages.CaseworkFormBody(program=program.code, program_name=program.name, department=program.department,
                                     version=form.version, digest=form.digest, definition=form.to_dict(),
                                     contact_phone=(program.contact or {}).get("phone", ""))


def push_form(program) -> FormSnapshot | None:
    """Queue the program's form for the gateway (before what is queued next); None without a form. Pushing
    the same digest again is harmless (the gateway keeps one row per digest) and refreshes it there."""
    if getattr(program, "form", None) is None:
        return None
    snapshot = snapshot_of(program)
    PendingPush.of(form_message(program)).save()
    return snapshot


def apply_program_for(program_code: str) -> str:
    """The program's code for a send order's 「申請する」 button, after queueing its form; "" without one."""
    if not program_code:
        return ""
    from foryou.programs.catalog import UnknownProgram, get_program

    try:
        program = get_program(program_code)
    except UnknownProgram:
        return ""
    return program.code if push_form(program) else ""
