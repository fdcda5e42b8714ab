"""Staff test-send the notice in any of its language versions: the notice page offers its languages, and
the test carries that version (marked as a test). A language it has no version in is sent in Japanese."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from foryou.accounts.models import TestDevice
from foryou.notices import sending
from foryou.notices.models import SendOrder
from tests.notice_languages.conftest import ENGLISH, WORDING, as_user, notice_in

pytestmark = pytest.mark.django_db


def test_a_test_send_carries_the_language_chosen(client, editor):
    notice = notice_in(editor, en=ENGLISH)
    now = timezone.now()
    device = TestDevice.objects.create(owner=editor, device_ref="dev-1", channel="email", email="kodomo@example.jp",
                                       expires_at=now + timedelta(days=1), linked_at=now)
    as_user(client, editor)
    page = client.get(reverse("console_notice", args=[notice.pk])).content.decode()
    assert 'name="language"' in page and "English" in page
    client.post(reverse("console_notice_test_send", args=[notice.pk]), {"device": device.device_ref, "language": "en"})
    order = SendOrder.objects.get(kind=SendOrder.Kind.TEST)
    content = sending.order_message(order, 0).content
    assert order.language == "en" and content.language == "en"
    assert content.title.endswith(ENGLISH["title"]) and content.program_name == "Child-rearing household benefit"
    other = sending.test_send(notice, by=editor, device_ref=device.device_ref, language="ko")
    assert other.language == "ja" and sending.order_message(other, 0).content.title.endswith(WORDING.title)
