"""「テスト 123456」 typed in the chat links the typing LINE user as the test device the console asked for
(test_device.code carried only the code's hash): the gateway keeps the LINE user ID and reports only the
device reference. A code works once and for a while; guessing is stopped after a few wrong codes."""

from datetime import timedelta

import pytest
from django.utils import timezone

from foryou.gateway import test_devices
from foryou.gateway.bridge.apply import apply
from foryou.gateway.line import events
from foryou.gateway.models import OutboundEvent
from foryou.gateway.test_device_models import StaffDevice
from foryou.shared.bridge import messages
from tests.line.conftest import said, text_of

pytestmark = [pytest.mark.django_db(databases=["default", "gateway"], transaction=True),
              pytest.mark.urls("tests.line.urls")]


def ask(code: str, minutes: int = 10, ref: str = "0b6a3c1e-0000-4000-8000-000000000001") -> None:
    apply(messages.TEST_DEVICE_CODE, messages.TestDeviceCodeBody(
        device_ref=ref, channel="line", code_hash=test_devices.code_hash(code),
        expires_at=(timezone.now() + timedelta(minutes=minutes)).isoformat()).to_dict())


@pytest.mark.parametrize("typed", ["テスト 123456", "テスト１２３４５６", "test 123456", "テスト　123456"])
def test_the_typed_code_links_this_line_user_and_only_the_reference_goes_back(on_emulator, typed):
    line = on_emulator
    ask("123456")
    staff = line.create_user()
    line.say(staff.user_id, typed)
    device = StaffDevice.objects.get()
    assert device.line_user_id == staff.user_id and device.linked_at is not None and device.code_hash == ""
    [event] = OutboundEvent.objects.filter(kind=messages.TEST_DEVICE_LINKED)
    assert staff.user_id not in str(event.body) and event.body["device_ref"] == device.device_ref
    assert said(line, staff.user_id)  # answered in the chat


def test_a_used_expired_or_wrong_code_links_nothing_and_guessing_is_locked(on_emulator):
    line = on_emulator
    ask("111111", minutes=-1)  # expired
    someone = line.create_user()
    line.say(someone.user_id, "テスト 111111")
    assert StaffDevice.objects.get().linked_at is None
    ask("222222", ref="0b6a3c1e-0000-4000-8000-000000000002")
    for guess in range(test_devices.MAX_FAILURES):
        line.say(someone.user_id, f"テスト {guess:06d}")
    line.say(someone.user_id, "テスト 222222")  # right, but locked out by now
    assert not StaffDevice.objects.filter(linked_at__isnull=False).exists()
    assert not OutboundEvent.objects.filter(kind=messages.TEST_DEVICE_LINKED).exists()


def test_the_chat_digest_keeps_only_the_code():
    digest = events.digest({"type": "message", "source": {"type": "user", "userId": "U" + "0" * 32},
                            "message": {"type": "text", "text": "テスト 654321"}})
    assert digest["message"] == {"type": "text", "test_code": "654321"}
    assert events.digest({"type": "message", "source": {"type": "user", "userId": "U" + "0" * 32},
                          "message": {"type": "text", "text": "テストです 654321"}})["message"] == {"type": "text"}
