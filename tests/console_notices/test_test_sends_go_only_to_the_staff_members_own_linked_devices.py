"""Test sends go only to a test device the staff member linked to their own account: LINE by typing a
one-time code shown in the console (「テスト 123456」), or a work mailbox by opening a mailed link. The
attack that worked before: an editor typed any active registration number as their "test number" and
test-sent an unapproved draft (a phishing link) to that resident. Now there is no number to type, another
staff member's device is refused, the message is marked as a test, and the console never learns the LINE
user ID of the device."""

import re

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from foryou.accounts import test_devices
from foryou.accounts.models import TestDevice
from foryou.audit.models import AuditEvent
from foryou.bridge.models import PendingPush
from foryou.gateway import test_devices as gateway_devices
from foryou.notices import sending, services
from foryou.notices.errors import SendRefused
from foryou.notices.models import SendOrder
from foryou.notices.stats import service_stats
from tests.console_notices.conftest import as_user, staff
from tests.delivery.conftest import dispatch, line_user, registrant, sync

pytestmark = pytest.mark.django_db(databases=["default", "gateway"])


@pytest.fixture
def immediate_tasks(delivery_settings):
    delivery_settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    return delivery_settings


def link_line(client, line, transport, user_id: str) -> TestDevice:
    """The staff member shows a code in the console and types it in the chat from their own LINE."""
    page = client.post(reverse("console_test_devices"), {"action": "link_line"}).content.decode()
    code = re.search(r'id="test-code">テスト (\d{6})<', page).group(1)
    pushed = PendingPush.objects.get(kind="test_device.code")
    assert code not in str(pushed.body)  # only its hash crosses the bridge
    sync(transport)
    assert gateway_devices.link_line(user_id, code) == "linked"
    assert gateway_devices.link_line(line_user(99), code) == "wrong"  # single use
    sync(transport)
    return TestDevice.objects.get(channel="line")


def test_a_test_send_reaches_only_the_staff_members_own_linked_line(client, immediate_tasks, line, city, notice, editor,
                                                                   approver, transport):
    mine, resident = line_user(7), line_user(8)
    line.create_user("職員 本人", user_id=mine)
    line.create_user("住民", user_id=resident)
    registrant(line_user_id=resident)
    as_user(client, editor)
    detail = client.get(reverse("console_notice", args=[notice.pk])).content.decode()
    assert reverse("console_test_devices") in detail and 'id="test-send"' not in detail

    device = link_line(client, line, transport, mine)
    assert device.owner == editor and device.linked_at is not None
    assert mine not in str(list(AuditEvent.objects.values_list("detail", flat=True)))  # no LINE ID in the console

    # Not approved yet: the author checks it on their own phone first.
    response = client.post(reverse("console_notice_test_send", args=[notice.pk]), {"device": device.device_ref})
    order = SendOrder.objects.get()
    assert response["Location"] == reverse("console_send", args=[order.pk])
    assert (order.kind, order.test_device, order.recipients) == ("test", device, 1)
    assert not order.chunks.exists()  # no registration number at all
    sync(transport)
    sync(transport)
    [received] = line.messages(mine)
    with translation.override("ja"):
        prefix = gettext("[Test send] ")
    assert prefix + notice.latest.title in str(received) and line.messages(resident) == []
    order.refresh_from_db()
    assert order.status == SendOrder.Status.FINISHED
    entry = AuditEvent.objects.get(action="notices.test_send")
    assert entry.detail["device"] == device.device_ref

    services.approve(notice.latest, approver)  # the real send still reaches residents; stats count only it
    real = sending.schedule(notice, by=editor)
    sending.start(real)
    sync(transport)
    dispatch()
    sync(transport)
    assert service_stats()["sends"] == 1


def test_a_number_or_another_staff_members_device_is_refused(client, immediate_tasks, line, notice, editor,
                                                             transport):
    other = staff("kodomo-editor-2", "editor", "こども家庭支援課")
    theirs, code = test_devices.start_line(other)
    TestDevice.objects.filter(pk=theirs.pk).update(code_hash="")
    TestDevice.objects.filter(pk=theirs.pk).update(linked_at=theirs.created_at)
    resident = registrant(line_user_id=line_user(8))
    as_user(client, editor)
    for device in (theirs.device_ref, resident.number, ""):
        client.post(reverse("console_notice_test_send", args=[notice.pk]), {"device": device})
    with pytest.raises(SendRefused):
        sending.test_send(notice, by=editor, device_ref=theirs.device_ref)
    assert not SendOrder.objects.exists() and not PendingPush.objects.filter(kind="send.order").exists()


def test_a_waiting_or_removed_device_gets_nothing_and_the_gateway_forgets_it(client, immediate_tasks, line, notice,
                                                                             editor, transport):
    mine = line_user(7)
    as_user(client, editor)
    device = link_line(client, line, transport, mine)
    client.post(reverse("console_test_devices"), {"action": "remove", "device": device.device_ref})
    device.refresh_from_db()
    assert device.removed_at is not None
    sync(transport)
    from foryou.gateway.test_device_models import StaffDevice

    assert not StaffDevice.objects.exists()
    with pytest.raises(SendRefused):
        sending.test_send(notice, by=editor, device_ref=device.device_ref)
    assert AuditEvent.objects.filter(action="notices.test_device_removed", actor=editor).exists()


def test_a_work_mailbox_is_linked_by_opening_the_mailed_link(client, immediate_tasks, smtp, notice, editor,
                                                             transport):
    as_user(client, editor)
    client.post(reverse("console_test_devices"), {"action": "link_email", "email": "sato@city.example.lg.jp"})
    sync(transport)
    [mail] = smtp.messages()
    link = re.search(r"https?://\S+/test-device/\S+/", mail.message.get_payload(decode=True).decode()).group(0)
    path = "/" + link.split("/", 3)[3]
    assert 'id="confirm"' in client.get(path).content.decode()  # GET only asks: link scanners link nothing
    assert TestDevice.objects.get().linked_at is None
    client.post(path)
    sync(transport)
    device = TestDevice.objects.get()
    assert device.linked_at is not None and device.channel == "email"
    order = sending.test_send(notice, by=editor, device_ref=device.device_ref)
    sync(transport)
    sync(transport)
    order.refresh_from_db()
    assert order.status == SendOrder.Status.FINISHED and order.progress["counts"] == {"email:sent": 1}
    assert len(smtp.messages()) == 2


def test_the_command_links_lists_test_sends_and_removes_a_device(immediate_tasks, line, notice, editor, transport):
    from io import StringIO

    from django.core.management import CommandError, call_command

    out = StringIO()
    call_command("notices", "devices", "--as", editor.username, "--link-line", stdout=out)
    code = re.search(r"テスト (\d{6})", out.getvalue()).group(1)
    sync(transport)
    mine = line_user(7)
    line.create_user("職員 本人", user_id=mine)
    assert gateway_devices.link_line(mine, code) == "linked"
    sync(transport)
    device = TestDevice.objects.get()
    call_command("notices", "devices", "--as", editor.username, stdout=out)
    assert f"{device.device_ref}  line  linked" in out.getvalue()
    with pytest.raises(CommandError):
        call_command("notices", "test-send", str(notice.pk), "--as", editor.username, "--device", "1234567890123456")
    call_command("notices", "test-send", str(notice.pk), "--as", editor.username, "--device", device.device_ref,
                 stdout=out)
    sync(transport)
    sync(transport)
    assert len(line.messages(mine)) == 1
    assert AuditEvent.objects.get(action="notices.test_send").detail["command"]["host"]
    call_command("notices", "devices", "--as", editor.username, "--remove", device.device_ref, stdout=out)
    assert TestDevice.objects.get().removed_at is not None


def test_a_mailbox_outside_the_citys_mail_domains_is_refused(settings, editor, data_dir):
    settings.TEST_DEVICE_EMAIL_DOMAINS = ["city.example.lg.jp"]
    with pytest.raises(test_devices.DeviceRefused):
        test_devices.start_email(editor, "resident@example.com")
    assert not PendingPush.objects.exists()
    test_devices.start_email(editor, "sato@City.Example.lg.jp")
    assert PendingPush.objects.filter(kind="test_device.code").count() == 1
