"""Applications arriving from the gateway (casework.submitted, applied by the bridge) and their documents
collected: each sealed file fetched over the signed bridge, kept sealed in the console database with its
key, and then deleted from the gateway (/bridge/v1/files/collected).

An application is refused on arrival, and the resident told, when it duplicates an open application of
the same registrant and program (unless the program allows more) or arrives outside the form's acceptance
period (the gateway refuses those too; a clock or a period changed in between is caught here)."""

import base64
import logging
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from foryou.audit import services as audit
from foryou.casework import services
from foryou.casework.models import ApplicationFile, FormSnapshot, ProgramApplication
from foryou.shared.bridge import messages
from foryou.shared.bridge.sealing import CannotOpen, open_sealed
from foryou.shared.forms import statuses
from foryou.shared.forms.definition import parse_form

log = logging.getLogger(__name__)
FILES_PER_SYNC = 2000


def _opened(body: messages.CaseworkSubmittedBody) -> dict:
    try:
        data = open_sealed(base64.b64decode(body.sealed))
    except (TypeError, ValueError):
        raise CannotOpen("the sealed application is not base64") from None
    if not isinstance(data.get("answers"), dict) or not isinstance(data.get("files", []), list):
        raise CannotOpen("the sealed application has no answers")
    return data


def _files(application: ProgramApplication, data: dict, round_: int) -> None:
    ApplicationFile.objects.bulk_create([
        ApplicationFile(application=application, gateway_id=f["id"], attachment=f["attachment"], name=f["name"][:200],
                        type=f["type"], size=int(f["size"]), key=base64.b64decode(f["key"]), round=round_)
        for f in data.get("files", [])])


def apply_submitted(body: messages.CaseworkSubmittedBody) -> ProgramApplication:
    """Record a submission (or a correction of an earlier one). Raises CannotOpen/LookupError for the bridge
    to quarantine (a key put right, or a program restored, lets an administrator retry it)."""
    from foryou.enrollment.models import Registration
    from foryou.programs.catalog import get_program

    data = _opened(body)
    if ProgramApplication.objects.filter(gateway_ref=body.ref).exists():
        return ProgramApplication.objects.get(gateway_ref=body.ref)
    received_at = datetime.fromisoformat(body.received_at)
    if body.corrects:
        return _correction(body, data, received_at)
    program = get_program(body.program)
    snapshot = FormSnapshot.objects.filter(digest=body.digest).first()
    registration = Registration.objects.filter(number=body.number).first()
    if registration is None:
        raise LookupError(f"no registration with the number of casework application {body.receipt}")
    application = ProgramApplication.objects.create(
        receipt=body.receipt, gateway_ref=body.ref, program_code=program.code, department=program.department,
        form=snapshot, form_digest=body.digest, registration=registration, number=body.number,
        resident_id=registration.resident_id, answers=data["answers"], received_at=received_at, via=body.via)
    _files(application, data, 0)
    audit.record("casework.received", target=f"casework:{application.receipt}",
                 detail={"program": program.code, "registration": registration.pk, "files": len(data.get("files", []))})
    refusal = _refusal(application, snapshot, received_at)
    if refusal:
        services.change_status(application, statuses.REFUSED, refusal, actor=None)
    else:
        services.record_received(application, program)
    return application


def _refusal(application: ProgramApplication, snapshot, received_at) -> str:
    from django.utils.translation import gettext as _

    form = parse_form(snapshot.definition) if snapshot else None
    if form and not form.accepts_on(timezone.localtime(received_at).date()):
        return _("Applications are accepted %(period)s only.") % {"period": services.period_text(form)}
    allow_many = bool(form and form.allow_many)
    others = ProgramApplication.objects.open().filter(registration=application.registration,
                                                      program_code=application.program_code).exclude(pk=application.pk)
    if not allow_many and others.exists():
        return _("You already have an application for this program being processed (receipt number %(receipt)s).") \
            % {"receipt": others.first().receipt}
    return ""


def _correction(body, data: dict, received_at) -> ProgramApplication:
    application = ProgramApplication.objects.select_for_update().filter(receipt=body.corrects).first()
    if application is None:
        raise LookupError(f"a correction for an unknown casework application {body.corrects}")
    if application.number != body.number:
        raise ValueError(f"a correction of {body.corrects} from another registration")
    if application.status != statuses.NEEDS_CORRECTION:
        log.info("casework: a correction of %s arrived while it is %s: kept as the newest answers",
                 application.receipt, application.status)
    application.corrections += 1
    application.answers, application.corrected_at = data["answers"], received_at
    application.gateway_ref = body.ref
    application.save(update_fields=["corrections", "answers", "corrected_at", "gateway_ref", "updated_at"])
    _files(application, data, application.corrections)
    services.record_corrected(application)
    return application


# -- documents -------------------------------------------------------------------------------------


def _fetch(transport, item: ApplicationFile) -> bytes | None:
    """One sealed document from the gateway, its signature checked; None if it is no longer there."""
    from foryou.bridge.client import BridgeError
    from foryou.shared.bridge.keys import bridge_key
    from foryou.shared.bridge.signing import sign

    body = messages.envelope(id=item.gateway_id)
    status, raw, headers = transport.post("/bridge/v1/files", body, sign(body, bridge_key()))
    if status == 404:
        log.warning("casework: document %s of application %s is no longer on the gateway", item.pk,
                    item.application_id)
        return None
    if status != 200:
        raise BridgeError(f"gateway answered {status} to /bridge/v1/files")
    # The answer is not HMAC-signed: the sealed stream authenticates itself under its key (decision 0052);
    # a document that was altered or swapped fails to open, and the console says so when staff open it.
    return raw


def collect_files(transport, limit: int = FILES_PER_SYNC, group: int = 25) -> int:
    """Fetch documents not yet collected and store them (still sealed), `group` per transaction; after each
    group, tell the gateway to delete what the console now holds."""
    from foryou.bridge.client import _call

    pending = list(ApplicationFile.objects.filter(collected_at__isnull=True).order_by("id")
                   .values_list("id", "gateway_id", "application_id")[:limit])
    collected = 0
    for start in range(0, len(pending), group):
        fetched = []
        for pk, gateway_id, application_id in pending[start:start + group]:
            raw = _fetch(transport, ApplicationFile(pk=pk, gateway_id=gateway_id, application_id=application_id))
            if raw is not None:
                fetched.append((pk, gateway_id, raw))
        with transaction.atomic():
            now = timezone.now()
            for pk, _gateway_id, raw in fetched:
                ApplicationFile.objects.filter(pk=pk).update(ciphertext=raw, collected_at=now)
        if fetched:
            _call(transport, "/bridge/v1/files/collected", ids=[gateway_id for _pk, gateway_id, _raw in fetched])
        collected += len(fetched)
    return collected
