"""A claim reads most due deliveries as plain (subscriber active, reachable, with no setting that may
apply: sent as read) and reads the others again in full to decide them (decision 0091): a lot that
mixes them must batch exactly the sendable ones, in id order, and settle the rest as before."""

import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from foryou.gateway.delivery import claims, orders
from foryou.gateway.models import Delivery, Subscriber
from foryou.shared.bridge import messages
from foryou.shared.delivery import Reason
from tests.delivery.conftest import line_user, registrant

pytestmark = pytest.mark.django_db(databases=["default", "gateway"])
CONTENT = messages.NoticeContentBody(service_name="あなたが使える制度お知らせサービス", program_name="予防接種",
                                     title="予防接種のご案内", body="予防接種を受けましょう。")


def test_plain_and_other_registrants_in_one_lot_are_each_decided_as_before(settings):
    settings.DELIVERY_WINDOW = "00:00-23:59"
    kinds = ["plain", "paused", "plain", "unfollowed", "topic off", "plain", "break ended", "break", "ended", "plain"]
    numbers = [registrant(line_user_id=line_user(i + 1)).number for i in range(len(kinds))]
    today = timezone.localdate()
    changes = {"paused": {"paused_at": timezone.now()}, "unfollowed": {"line_reachable": False},
               "topic off": {"topics_off": ["vaccinations"]}, "break": {"quiet_until": today + timedelta(days=3)},
               "break ended": {"quiet_until": today - timedelta(days=1)}, "ended": {"status": Subscriber.Status.INACTIVE}}
    order_id = str(uuid.uuid4())
    orders.receive_order(messages.SendOrderBody(order_id=order_id, notice_ref="notice:1", kind="now", content=CONTENT,
                                                urgent=False, tracked=False, total=len(numbers), chunks=1,
                                                topic="vaccinations"))
    orders.receive_recipients(messages.SendRecipientsBody(order_id=order_id, index=0, numbers=tuple(numbers)))
    delivery_of = {number: Delivery.objects.get(subscriber=Subscriber.objects.by_number(number).get(), channel="line")
                   for number in numbers}
    for kind, number in zip(kinds, numbers):  # changed after the order arrived, before the worker claims
        Subscriber.objects.by_number(number).update(**changes.get(kind, {}))

    lot = claims.claim_new(claims.LINE, "worker-1")

    sendable = [number for kind, number in zip(kinds, numbers) if kind in ("plain", "break ended")]
    [batch] = lot.batches
    assert [list(r) for r in batch.recipients] == sorted(
        [delivery_of[n].pk, Subscriber.objects.by_number(n).get().line_user_id] for n in sendable)
    settled = {kind: Delivery.objects.get(pk=delivery_of[number].pk) for kind, number in zip(kinds, numbers)}
    assert all(settled[k].status == Delivery.Status.SENDING for k in ("plain", "break ended"))
    assert (settled["paused"].status, settled["paused"].reason) == (Delivery.Status.FAILED_PERMANENT, Reason.STOPPED)
    assert (settled["ended"].status, settled["ended"].reason) == (Delivery.Status.FAILED_PERMANENT, Reason.STOPPED)
    for kind in ("unfollowed", "topic off", "break"):  # fell back, set aside or held: not in the lot, not waiting
        assert settled[kind].batch_id is None and settled[kind].status != Delivery.Status.QUEUED, kind
