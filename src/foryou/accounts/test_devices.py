"""A staff member's own test devices, for test sends of notices (console side).

Test sends once went to any active registration number an editor typed, with an unapproved draft: a
way to send anything to anyone. Now they go only to a device its owner linked to their own account:

- LINE: `start_line(user)` makes a device reference and a one-time code (6 digits, CODE_MINUTES, single
  use) that the console shows; only its SHA-256 is pushed to the gateway (`test_device.code`). The staff
  member types 「テスト 123456」 in the official account's chat; the gateway matches the code and keeps the
  LINE user ID of whoever typed it, and reports `test_device.linked` {device_ref, channel}. The console
  never learns the LINE user ID.
- email: `start_email(user, address)` pushes the staff member's work address; the gateway mails a link
  (its own random token), and opening it and confirming links the mailbox the same way.

Devices are listed and removed by their owner (`remove`: the gateway forgets the LINE user or address).
Every step is audited with the device reference."""

import hashlib
import secrets
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from foryou.audit import services as audit
from foryou.accounts.models import TestDevice
from foryou.bridge.models import PendingPush
from foryou.shared.bridge import messages

CODE_MINUTES = 10
EMAIL_HOURS = 24
MAX_DEVICES = 5  # linked or waiting, per staff member


class DeviceRefused(ValueError):
    """A test device could not be added or removed; str() is the English, localized() the console's."""

    def __init__(self, code: str):
        from foryou.notices.errors import REFUSALS

        self.code = code
        super().__init__(REFUSALS[code])

    def localized(self) -> str:
        from foryou.notices.errors import SendRefused

        return SendRefused(self.code).localized()


def code_hash(code: str) -> str:
    """What crosses the bridge and is kept: the code itself stays on the staff member's screen."""
    return hashlib.sha256(f"foryou-test-device:{code}".encode()).hexdigest()


def _check_room(user) -> None:
    # The user's requests never linked in time are removed first (their address blanked).
    TestDevice.objects.of(user).filter(linked_at__isnull=True, expires_at__lt=timezone.now()).update(
        removed_at=timezone.now(), email="", code_hash="")
    if TestDevice.objects.of(user).count() >= MAX_DEVICES:
        raise DeviceRefused("too_many_test_devices")


def start_line(user) -> tuple[TestDevice, str]:
    """A LINE device waiting to be linked, and the one-time code to type in the chat (shown once)."""
    _check_room(user)
    code = f"{secrets.randbelow(10 ** 6):06d}"
    with transaction.atomic():
        device = TestDevice.objects.create(
            owner=user, device_ref=str(uuid.uuid4()), channel=TestDevice.Channel.LINE, code_hash=code_hash(code),
            expires_at=timezone.now() + timedelta(minutes=CODE_MINUTES))
        PendingPush.of(messages.TestDeviceCodeBody(
            device_ref=device.device_ref, channel=device.channel, code_hash=device.code_hash,
            expires_at=device.expires_at.isoformat())).save()
        audit.record("notices.test_device_start", actor=user, target=f"user:{user.pk}",
                     detail={"device": device.device_ref, "channel": device.channel})
    return device, code


def start_email(user, address: str) -> TestDevice:
    """An email device waiting for its owner to open the link the gateway mails to this work address."""
    address = (address or "").strip()
    try:
        validate_email(address)
    except ValidationError:
        raise DeviceRefused("test_device_bad_email") from None
    # The municipality's own mail domains, when configured: a test send never goes to a private address.
    domains = {d.strip().lower() for d in getattr(settings, "TEST_DEVICE_EMAIL_DOMAINS", None) or [] if d.strip()}
    if domains and address.rsplit("@", 1)[1].lower() not in domains:
        raise DeviceRefused("test_device_bad_email")
    _check_room(user)
    with transaction.atomic():
        device = TestDevice.objects.create(
            owner=user, device_ref=str(uuid.uuid4()), channel=TestDevice.Channel.EMAIL, email=address,
            expires_at=timezone.now() + timedelta(hours=EMAIL_HOURS))
        PendingPush.of(messages.TestDeviceCodeBody(
            device_ref=device.device_ref, channel=device.channel, email=address,
            expires_at=device.expires_at.isoformat())).save()
        audit.record("notices.test_device_start", actor=user, target=f"user:{user.pk}",
                     detail={"device": device.device_ref, "channel": device.channel})
    return device


def apply_linked(body: messages.TestDeviceLinkedBody) -> None:
    """The gateway linked a device (pulled event): only a waiting, unexpired, unremoved device of that
    reference and channel is marked linked. Applying it twice changes nothing."""
    with transaction.atomic():
        device = (TestDevice.objects.select_for_update()
                  .filter(device_ref=body.device_ref, channel=body.channel, removed_at__isnull=True).first())
        if device is None or device.linked_at is not None:
            return
        device.linked_at, device.code_hash = timezone.now(), ""
        device.save(update_fields=["linked_at", "code_hash"])
        audit.record("notices.test_device_linked", actor=None, target=f"user:{device.owner_id}",
                     detail={"device": device.device_ref, "channel": device.channel})


def remove(user, device_ref: str) -> None:
    """Only the owner removes a device; the gateway is told to forget it."""
    with transaction.atomic():
        device = TestDevice.objects.of(user).select_for_update().filter(device_ref=device_ref).first()
        if device is None:
            raise DeviceRefused("no_test_device")
        device.removed_at, device.code_hash, device.email = timezone.now(), "", ""
        device.save(update_fields=["removed_at", "code_hash", "email"])
        PendingPush.of(messages.TestDeviceRemovedBody(device_ref=device.device_ref)).save()
        audit.record("notices.test_device_removed", actor=user, target=f"user:{user.pk}",
                     detail={"device": device.device_ref, "channel": device.channel})


def linked_device(user, device_ref: str) -> TestDevice:
    """The user's own linked device of this reference (another's, a removed or a waiting one: refused)."""
    device = TestDevice.objects.linked_of(user).filter(device_ref=device_ref).first() if device_ref else None
    if device is None:
        raise DeviceRefused("no_test_device")
    return device


def label(device: TestDevice) -> str:
    """How the owner recognises a device on the page."""
    if device.channel == TestDevice.Channel.EMAIL:
        return device.email
    return f"LINE ({device.device_ref[:8]})"
