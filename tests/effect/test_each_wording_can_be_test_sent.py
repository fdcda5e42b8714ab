"""Before approving wordings to compare, staff see each on their own test device: a test send carries
the wording chosen (its title and body, marked as a test); an unknown wording falls back to the first."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from foryou.accounts.models import TestDevice
from foryou.notices import sending, services
from foryou.notices.models import SendOrder
from foryou.programs import catalog
from tests.console_notices.conftest import as_user
from tests.effect.conftest import WORDING, design

pytestmark = pytest.mark.django_db


def test_a_test_send_carries_the_wording_chosen(client, editor):
    notice = services.create(catalog.get_program("checkup"), WORDING, editor,
                             design=design(holdout=0, variants=[("短い案内", "健診は無料です。")]))
    now = timezone.now()
    device = TestDevice.objects.create(owner=editor, device_ref="dev-1", channel="email", email="kodomo@example.jp",
                                       expires_at=now + timedelta(days=1), linked_at=now)
    as_user(client, editor)
    page = client.get(reverse("console_notice", args=[notice.pk])).content.decode()
    assert 'name="variant"' in page and "短い案内" in page
    client.post(reverse("console_notice_test_send", args=[notice.pk]), {"device": device.device_ref, "variant": "B"})
    order = SendOrder.objects.get(kind=SendOrder.Kind.TEST)
    content = sending.order_message(order, 0).content
    assert order.variant == "B" and content.title.endswith("短い案内") and content.body == "健診は無料です。"
    other = sending.test_send(notice, by=editor, device_ref=device.device_ref, variant="Z")
    assert other.variant == "" and sending.order_message(other, 0).content.title.endswith(WORDING.title)
