"""A registrant who changes their settings while a send is running: the batches a worker has already
claimed go out as they were made (never half a batch), and every batch claimed after the change
honours it — a topic turned off, a break started, a switch from LINE to email."""

import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from foryou.gateway import preferences
from foryou.gateway.delivery import claims, orders
from foryou.gateway.models import Delivery, Subscriber
from foryou.shared.bridge import messages
from foryou.shared.delivery import Reason
from tests.delivery.conftest import drain, registrant

pytestmark = pytest.mark.django_db(databases=["default", "gateway"])
CONTENT = messages.NoticeContentBody(service_name="あなたが使える制度お知らせサービス", program_name="予防接種",
                                     title="予防接種のご案内", body="予防接種を受けましょう。")


def send(numbers: list[str], *, topic: str = "vaccinations", urgent: bool = False) -> str:
    order_id = str(uuid.uuid4())
    orders.receive_order(messages.SendOrderBody(order_id=order_id, notice_ref="notice:1", kind="now", content=CONTENT,
                                                urgent=urgent, tracked=False, total=len(numbers), chunks=1,
                                                topic=topic))
    orders.receive_recipients(messages.SendRecipientsBody(order_id=order_id, index=0, numbers=tuple(numbers)))
    return order_id


def change(number: str, **changes) -> None:
    subscriber = Subscriber.objects.by_number(number).get()
    preferences.save(subscriber, preferences.Choices(**{**preferences.current(subscriber).__dict__, **changes}))


def mailed(smtp) -> list[str]:
    return sorted(m.message["To"] for m in smtp.messages())


@pytest.fixture
def small_lots(monkeypatch, settings):
    monkeypatch.setattr(claims, "LOT_EMAILS", 2)  # a lot (and a batch) of two emails
    # The worker that claimed the first lot stops before sending it: its lease runs out at once and the
    # next worker sends that batch as it was made (a batch's recipients are never checked again).
    settings.DELIVERY_LEASE_SECONDS = 0


def claimed_and_not(numbers: list[str], lot) -> tuple[list[str], list[str]]:
    """The numbers whose deliveries the lot claimed, and the others (a claim takes any waiting ones)."""
    by_delivery = {d.pk: d.subscriber_id for d in Delivery.objects.all()}
    claimed_subscribers = {by_delivery[d] for batch in lot.batches for d, _address in batch.recipients}
    numbers_of = {Subscriber.objects.by_number(n).get().pk: n for n in numbers}
    claimed = [numbers_of[s] for s in claimed_subscribers]
    return claimed, [n for n in numbers if n not in claimed]


def address(number: str) -> str:
    subscriber = Subscriber.objects.by_number(number).get()
    return subscriber.email


def test_a_topic_turned_off_mid_send_skips_only_the_batches_claimed_after_it(delivery_settings, smtp, small_lots):
    numbers = [registrant(email=f"mail{n}@example.jp").number for n in range(4)]
    send(numbers)
    first = claims.claim_new(Delivery.Channel.EMAIL, "worker-1")
    claimed, waiting = claimed_and_not(numbers, first)
    assert len(first.batches) == 1 and len(claimed) == 2
    change(claimed[0], topics_off=("vaccinations",))  # in the batch already claimed: it goes out
    change(waiting[0], topics_off=("vaccinations",))  # not claimed yet: it does not
    drain()
    assert mailed(smtp) == sorted(address(n) for n in [*claimed, waiting[1]])
    skipped = Delivery.objects.get(subscriber__email=address(waiting[0]))
    assert (skipped.status, skipped.reason, skipped.batch_id) == (Delivery.Status.FAILED_PERMANENT, Reason.TOPIC_OFF, None)


def test_a_break_started_mid_send_holds_off_later_batches_but_not_an_urgent_notice(delivery_settings, smtp,
                                                                                    small_lots):
    numbers = [registrant(email=f"mail{n}@example.jp").number for n in range(4)]
    send(numbers, topic="")
    claimed, waiting = claimed_and_not(numbers, claims.claim_new(Delivery.Channel.EMAIL, "worker-1"))
    change(claimed[0], quiet_until=timezone.localdate() + timedelta(days=7))  # its batch goes out
    change(waiting[0], quiet_until=timezone.localdate() + timedelta(days=7))
    drain()
    assert mailed(smtp) == sorted(address(n) for n in [*claimed, waiting[1]])
    assert Delivery.objects.get(subscriber__email=address(waiting[0])).reason == Reason.QUIET


def test_an_urgent_notice_reaches_a_registrant_on_a_break(delivery_settings, smtp):
    number = registrant(email="rest@example.jp").number
    change(number, quiet_until=timezone.localdate() + timedelta(days=7))
    order_id = send([number], topic="", urgent=True)
    drain()
    assert mailed(smtp) == ["rest@example.jp"]
    assert Delivery.objects.get(order__order_id=order_id).status == Delivery.Status.SENT


def test_a_switch_to_email_mid_send_moves_later_line_deliveries_to_email(delivery_settings, smtp, line, monkeypatch):
    monkeypatch.setattr(claims, "LOT_RECIPIENTS", 2)
    delivery_settings.DELIVERY_LEASE_SECONDS = 0
    numbers = [registrant(line_user_id=f"U{n:032x}", email=f"both{n}@example.jp").number for n in range(1, 5)]
    for number in numbers:
        line.create_user("住民", user_id=Subscriber.objects.by_number(number).get().line_user_id)
    send(numbers, topic="")
    claimed, waiting = claimed_and_not(numbers, claims.claim_new(Delivery.Channel.LINE, "worker-1"))
    change(claimed[0], channel="email")  # claimed: stays on LINE
    change(waiting[0], channel="email")  # not claimed: goes by email instead
    drain()
    line_user = {n: Subscriber.objects.by_number(n).get().line_user_id for n in numbers}
    assert [len(line.messages(line_user[n])) for n in [*claimed, *waiting]] == [1, 1, 0, 1]
    assert mailed(smtp) == [address(waiting[0])]
    moved = Delivery.objects.get(subscriber__email=address(waiting[0]), channel=Delivery.Channel.LINE)
    assert (moved.status, moved.reason) == (Delivery.Status.FELL_BACK, Reason.CHANNEL_CHOICE)
