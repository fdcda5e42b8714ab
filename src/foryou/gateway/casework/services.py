"""Writes of program applications on the gateway: keep the form the console pushed, seal a submission
(answers and file keys in a sealed box to the console's key; the files already sealed as they streamed in),
forget files the console collected, and tell a resident a status change (LINE, else email)."""

import base64
import json
import logging
import secrets
import uuid

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from foryou.gateway import number_keys
from foryou.gateway.casework.models import CaseworkForm, CorrectionRequest, SealedFile
from foryou.gateway.db import DB
from foryou.gateway.models import OutboundEvent, Subscriber
from foryou.shared.bridge import messages
from foryou.shared.bridge.sealing import seal
from foryou.shared.forms import statuses

log = logging.getLogger(__name__)
# Receipt numbers a resident reads out on the phone: no 0/O, 1/I/L, 2/Z, 5/S, 8/B.
RECEIPT_ALPHABET = "34679ACDEFGHJKMNPQRTUVWXY"
# Sealed documents the console has not collected (it collects at every sync) and corrections never sent are
# forgotten after this many days by the gateway's daily purge (foryou.gateway.retention).
KEEP_DAYS = 30
STATUS_NAMESPACE = uuid.UUID("5d7a1c9e-3b2f-4e81-9a6c-0f4e8d2b7c13")


def new_receipt() -> str:
    code = "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(8))
    return f"{code[:4]}-{code[4:]}"


def receive_form(body: messages.CaseworkFormBody) -> None:
    CaseworkForm.objects.using(DB).update_or_create(
        program=body.program, digest=body.digest,
        defaults={"program_name": body.program_name, "department": body.department, "version": body.version,
                  "definition": body.definition, "contact_phone": body.contact_phone, "received_at": timezone.now()})


def submit(form: CaseworkForm, number: str, answers: dict, files: list[dict], *, via: str, corrects: str = "") -> str:
    """Seal and queue a checked submission. `files`: [{upload (SealedUpload), attachment, type}]; their
    ciphertext is stored and their keys go into the sealed box. Returns the receipt number (受付番号)."""
    receipt = corrects or new_receipt()
    now = timezone.now()
    with transaction.atomic(using=DB):
        stored, sealed_files = [], []
        for item in files:
            upload = item["upload"]
            row = SealedFile.objects.using(DB).create(ciphertext=bytes(upload.ciphertext), size=len(upload.ciphertext),
                                                      submitted=True)
            stored.append(messages.FileRef(id=str(row.id), size=row.size))
            sealed_files.append({"id": str(row.id), "attachment": item["attachment"], "name": upload.name,
                                 "type": item["type"], "size": upload.size, "key": base64.b64encode(upload.key).decode()})
        box = seal({"answers": answers, "files": sealed_files})
        event = OutboundEvent.objects.using(DB).create(kind=messages.CASEWORK_SUBMITTED, body={})
        event.body = messages.CaseworkSubmittedBody(
            ref=str(event.message_id), receipt=receipt, program=form.program, digest=form.digest, number=number,
            sealed=base64.b64encode(box).decode(), files=tuple(stored), received_at=now.isoformat(),
            corrects=corrects, via=via).to_dict()
        event.save(using=DB, update_fields=["body"])
        if corrects:
            CorrectionRequest.objects.using(DB).filter(receipt=corrects).delete()
    return receipt


def may_correct(receipt: str, program: str, number: str) -> bool:
    return bool(receipt) and CorrectionRequest.objects.using(DB).filter(
        receipt=receipt, program=program, number_hash=number_keys.digest(number)).exists()


def read_file(file_id: str) -> bytes | None:
    row = SealedFile.objects.using(DB).filter(pk=file_id, submitted=True).only("ciphertext").first()
    return bytes(row.ciphertext) if row else None


def forget_files(file_ids: list[str]) -> int:
    """The console has the files: delete them from the internet zone."""
    deleted, _ = SealedFile.objects.using(DB).filter(pk__in=file_ids).delete()
    return deleted


def purge(now, batch: int) -> dict[str, int]:
    from datetime import timedelta

    from foryou.shared.purging import delete_in_batches

    cutoff = now - timedelta(days=KEEP_DAYS)
    return {"casework_files": delete_in_batches(SealedFile.objects.using(DB).filter(created_at__lt=cutoff), batch),
            "casework_corrections": delete_in_batches(
                CorrectionRequest.objects.using(DB).filter(created_at__lt=cutoff), batch)}


# -- telling the resident ------------------------------------------------------------------------


def status_lines(body: messages.CaseworkStatusBody) -> list[str]:
    """What the resident reads, in the service's language. For a resident under 支援措置 only that there is
    news and whom to call: no program, no note, no link (someone else may see the phone or the mailbox)."""
    if body.protected:
        return [str(statuses.PROTECTED_TEXT) % {"receipt": body.receipt}]
    text = statuses.RESIDENT_TEXT.get(body.status)
    if text is None:
        return []
    lines = [str(text) % {"program": body.program_name or body.program, "receipt": body.receipt}]
    if body.note:
        lines += ["", (_("What to correct:") if body.status == statuses.NEEDS_CORRECTION else _("Reason:")) + " " + body.note]
    if body.status == statuses.NEEDS_CORRECTION:
        lines += ["", _("Open the form again from the button or link below, correct it and send it. You need not "
                        "attach the documents again unless asked.")]
    if body.contact_phone:
        lines += ["", _("Questions: phone %(phone)s") % {"phone": body.contact_phone}]
    return lines


def correction_url(subscriber: Subscriber, body: messages.CaseworkStatusBody, channel: str) -> str:
    from foryou.gateway.casework import links

    base = links.line_url(body.program) if channel == "line" else links.url_for(subscriber.pk, body.program)
    return base + ("&" if "?" in base else "?") + f"correct={body.receipt}"


def tell_status(body: messages.CaseworkStatusBody) -> None:
    subscriber = Subscriber.objects.using(DB).active().by_number(body.number).first()
    if body.status == statuses.NEEDS_CORRECTION and not body.protected:
        CorrectionRequest.objects.using(DB).update_or_create(
            receipt=body.receipt, defaults={"program": body.program, "number_hash": number_keys.digest(body.number)})
    elif body.status in statuses.FINAL:
        CorrectionRequest.objects.using(DB).filter(receipt=body.receipt).delete()
    if subscriber is None:
        log.info("casework status %s for receipt %s: the registration is not active; nobody told", body.status,
                 body.receipt)
        return
    with translation.override(settings.LANGUAGE_CODE):
        lines = status_lines(body)
    if not lines:
        return
    key = str(uuid.uuid5(STATUS_NAMESPACE, f"{body.receipt}:{body.status}:{body.at}"))
    if subscriber.line_user_id and subscriber.line_reachable and getattr(settings, "LINE_CHANNEL_ACCESS_TOKENS", None):
        link = correction_url(subscriber, body, "line") if body.status == statuses.NEEDS_CORRECTION and not body.protected else ""
        uid = subscriber.line_user_id
        transaction.on_commit(lambda: tell_in_line.enqueue(uid, lines, link, key), using=DB)
    elif subscriber.email:
        link = correction_url(subscriber, body, "email") if body.status == statuses.NEEDS_CORRECTION and not body.protected else ""
        address = subscriber.email
        transaction.on_commit(lambda: tell_by_email(address, lines + ([link] if link else [])), using=DB)


def tell_by_email(address: str, lines: list[str]) -> bool:
    from foryou.gateway.email import letters

    with translation.override(settings.LANGUAGE_CODE):
        return letters.send_letter("application status", address, _("About your program application"), lines)


@task()
def tell_in_line(line_user_id: str, lines: list, link: str, key: str) -> bool:
    """Push the status message (with the correction link, if any); the retry key names the status change,
    so a task run twice sends one message."""
    from foryou.gateway.delivery.channel import Send
    from foryou.gateway.line import replies
    from foryou.gateway.line.channel import LineChannel

    said = [replies.text_message("\n".join(lines).strip())]
    if link:  # a button under the message opens the same form (LIFF) to correct the application
        with translation.override(settings.LANGUAGE_CODE):
            said.append({"type": "template", "altText": str(_("Correct your application")),
                         "template": {"type": "buttons", "text": str(_("Correct your application")),
                                      "actions": [replies.uri_action(_("Correct the application"), link)]}})
    [result] = LineChannel.from_settings().send(Send(key, (line_user_id,), tuple(said)))
    if not result.ok:
        log.warning("LINE message about an application not sent: %s %s", result.code, result.detail)
    return result.ok
