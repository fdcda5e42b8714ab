"""Staff test devices, gateway side: link a staff member's own LINE account or work mailbox to a device
reference the console made, and deliver test sends there (never to a registration number).

    apply_code(TestDeviceCodeBody)       the console asks for a link (LINE: a code's hash; email: an address)
    apply_removed(TestDeviceRemovedBody) its owner removed it: forget the LINE user or address
    typed_code(text)                     「テスト 123456」 typed in the chat → "123456" (events.digest keeps only this)
    link_line(line_user_id, code)        the chat handler: a matching, unexpired, unused code links that LINE user
    link_email(token)                    the mailed link, confirmed by a button: links the mailbox
    receive_test_order(SendOrderBody)    a test send: delivered to the device alone, reported as delivery.progress

Only `test_device.linked` {device_ref, channel, at} goes back: the console never learns a LINE user ID.
Wrong codes are counted per LINE user (ActivationAttempt, "testcode:…") and lock after MAX_FAILURES an hour,
so six digits cannot be guessed through the chat."""

from __future__ import annotations

import hashlib
import logging
import re
import secrets
import unicodedata
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from foryou.shared.bridge import messages
from foryou.gateway.db import DB
from foryou.gateway.models import ActivationAttempt, OutboundEvent
from foryou.gateway.test_device_models import StaffDevice

log = logging.getLogger(__name__)

MAX_FAILURES = 5
FAILURE_WINDOW = timedelta(hours=1)
_CODE = re.compile(r"^(?:テスト|てすと|test)\s*(\d{6})$", re.IGNORECASE)
LINE, EMAIL = "line", "email"


def code_hash(code: str) -> str:
    """As the console hashes it (foryou.accounts.test_devices.code_hash)."""
    return hashlib.sha256(f"foryou-test-device:{code}".encode()).hexdigest()


def _token_hash(token: str) -> str:
    return hashlib.sha256(f"foryou-test-device-link:{token}".encode()).hexdigest()


def typed_code(text: str) -> str | None:
    """The six digits of 「テスト 123456」 (full-width digits and spaces too), else None."""
    normalized = unicodedata.normalize("NFKC", (text or "")[:40]).strip()
    match = _CODE.match(normalized)
    return match.group(1) if match else None


# -- from the console ------------------------------------------------------------------------------

def apply_code(body: messages.TestDeviceCodeBody) -> None:
    # Requests never linked are forgotten a day after they expired (the address of an email one too).
    StaffDevice.objects.using(DB).filter(linked_at__isnull=True, expires_at__lt=timezone.now() - timedelta(days=1)
                                         ).delete()
    expires_at = datetime.fromisoformat(body.expires_at)
    if body.channel == LINE and body.code_hash:
        StaffDevice.objects.using(DB).update_or_create(device_ref=body.device_ref, defaults={
            "channel": LINE, "code_hash": body.code_hash, "expires_at": expires_at})
    elif body.channel == EMAIL and body.email:
        token = secrets.token_urlsafe(32)
        StaffDevice.objects.using(DB).update_or_create(device_ref=body.device_ref, defaults={
            "channel": EMAIL, "email": body.email, "token_hash": _token_hash(token), "expires_at": expires_at})
        _mail_link(body.email, token)


def apply_removed(body: messages.TestDeviceRemovedBody) -> None:
    StaffDevice.objects.using(DB).filter(device_ref=body.device_ref).delete()


def _mail_link(address: str, token: str) -> None:
    from foryou.gateway.email.letters import send_letter

    link = settings.GATEWAY_PUBLIC_URL.rstrip("/") + reverse(
        "gateway_test_device_link", urlconf="foryou.gateway.urls", args=[token])
    with translation.override(settings.LANGUAGE_CODE):
        send_letter("test device link", address, _("Link this mailbox for test sends"), [
            _("A staff member asked to receive test sends of notices at this address. Open this link within "
              "24 hours and press the button to link it:"), link, "",
            _("If you did not ask for this, ignore this email: nothing is linked until the button is pressed.")])


# -- linking ---------------------------------------------------------------------------------------

def _linked(device: StaffDevice) -> None:
    OutboundEvent.of(messages.TestDeviceLinkedBody(
        device_ref=device.device_ref, channel=device.channel, at=device.linked_at.isoformat())).save(using=DB)


def _locked(key: str) -> bool:
    since = timezone.now() - FAILURE_WINDOW
    return ActivationAttempt.objects.using(DB).filter(key=key, at__gte=since, succeeded=False).count() >= MAX_FAILURES


def link_line(line_user_id: str, code: str) -> str:
    """"linked", "wrong" (no waiting device has this code, or it expired) or "locked" (too many wrong)."""
    key = f"testcode:line:{hashlib.sha256(line_user_id.encode()).hexdigest()[:32]}"
    if _locked(key):
        return "locked"
    now = timezone.now()
    with transaction.atomic(using=DB):
        device = (StaffDevice.objects.using(DB).select_for_update()
                  .filter(channel=LINE, code_hash=code_hash(code), linked_at__isnull=True, expires_at__gt=now)
                  .first())
        ActivationAttempt.objects.using(DB).create(key=key, succeeded=device is not None)
        if device is None:
            return "wrong"
        device.line_user_id, device.linked_at, device.code_hash = line_user_id, now, ""  # single use
        device.save(update_fields=["line_user_id", "linked_at", "code_hash"])
        _linked(device)
    return "linked"


def answer_code(event_id: str, user_id: str, reply_token: str | None, code: str) -> str:
    """The chat's answer to 「テスト 123456」."""
    from foryou.gateway.line import replies

    outcome = link_line(user_id, code)
    text = {"linked": _("This LINE account is now linked for test sends. Test notices will arrive here."),
            "wrong": _("This code is not valid or has expired. Show a new code in the console and send it again."),
            "locked": _("Too many wrong codes. Try again in an hour.")}[outcome]
    replies.reply(event_id, user_id, reply_token, [replies.text_message(text)])
    return f"test_device:{outcome}"


def waiting_email(token: str) -> StaffDevice | None:
    return (StaffDevice.objects.using(DB)
            .filter(channel=EMAIL, token_hash=_token_hash(token or ""), linked_at__isnull=True,
                    expires_at__gt=timezone.now()).first())


def link_email(token: str) -> bool:
    with transaction.atomic(using=DB):
        device = waiting_email(token)
        if device is None:
            return False
        device.linked_at, device.token_hash = timezone.now(), ""  # single use
        device.save(update_fields=["linked_at", "token_hash"])
        _linked(device)
    return True


# -- test sends ------------------------------------------------------------------------------------

def test_title(title: str) -> str:
    """Marked as a test whatever the console sent (as foryou.notices.sending.test_title)."""
    with translation.override(settings.LANGUAGE_CODE):
        prefix = _("[Test send] ")
    return title if title.startswith(prefix) else prefix + title


def receive_test_order(body: messages.SendOrderBody) -> None:
    """A test send goes to the linked device alone, in a worker task; nothing else is delivered."""
    from foryou.gateway import tasks

    device = StaffDevice.objects.using(DB).filter(device_ref=body.test_device, linked_at__isnull=False).first()
    if device is None:
        _report(body.order_id, {}, {"no_test_device": 1}, not_deliverable=1)
        return
    content = {**body.content.to_dict(), "title": test_title(body.content.title)}
    tasks.send_test.enqueue(body.order_id, device.device_ref, content)  # the task row commits with the order


def deliver(order_id: str, device_ref: str, content: dict) -> str:
    """Send one test to the device now; report the outcome to the console. Returns the status key."""
    from foryou.shared.notice.flex import NoticeContent

    body = messages.NoticeContentBody.from_dict(content)
    notice = NoticeContent(service_name=body.service_name, program_name=body.program_name,
                           title=test_title(body.title), body=body.body, contact_department=body.contact_department,
                           contact_phone=body.contact_phone, contact_hours=body.contact_hours,
                           links=[tuple(link) for link in body.links])
    device = StaffDevice.objects.using(DB).filter(device_ref=device_ref, linked_at__isnull=False).first()
    if device is None:  # removed meanwhile
        _report(order_id, {}, {"no_test_device": 1}, not_deliverable=1)
        return "removed"
    ok, reason = _send_line(device, notice) if device.channel == LINE else _send_email(device, notice)
    status = f"{device.channel}:{'accepted' if device.channel == LINE else 'sent'}" if ok \
        else f"{device.channel}:failed_permanent"
    _report(order_id, {status: 1}, {} if ok else {reason or "failed": 1})
    return status


def _send_line(device: StaffDevice, notice) -> tuple[bool, str]:
    from foryou.gateway.delivery.channel import Send
    from foryou.gateway.delivery.content import line_messages
    from foryou.gateway.line.channel import LineChannel

    [result] = LineChannel.from_settings().send(Send.new([device.line_user_id], line_messages(notice)))
    return result.ok, result.code


def _send_email(device: StaffDevice, notice) -> tuple[bool, str]:
    from foryou.gateway.email.channel import EmailChannel, EmailRecipient, EmailSend

    channel = EmailChannel.from_settings()
    try:
        # A test of a language version reads as its readers get it: the footer in that language too.
        [result] = channel.send(EmailSend((EmailRecipient(key="1", address=device.email, unsubscribe_url=stop_url(device),
                                                          language=notice.language),), notice))
    finally:
        channel.close()
    return result.ok, result.code


STOP_SALT = "foryou.gateway.test_device.stop"


def stop_url(device: StaffDevice) -> str:
    """The stop link of a test email: whoever reads that mailbox can unlink it."""
    from django.core import signing

    token = signing.dumps(device.device_ref, salt=STOP_SALT, compress=True)
    return settings.GATEWAY_PUBLIC_URL.rstrip("/") + reverse(
        "gateway_test_device_stop", urlconf="foryou.gateway.urls", args=[token])


def device_to_stop(token: str) -> StaffDevice | None:
    from django.core import signing

    try:
        ref = signing.loads(token, salt=STOP_SALT)
    except signing.BadSignature:
        return None
    return StaffDevice.objects.using(DB).filter(device_ref=ref, channel=EMAIL).first()


def _report(order_id: str, counts: dict, reasons: dict, not_deliverable: int = 0) -> None:
    OutboundEvent.of(messages.DeliveryProgressBody(
        order_id=order_id, counts=counts, reasons=reasons, not_deliverable=not_deliverable, expected=1,
        finished=True, at=timezone.now().isoformat())).save(using=DB)
