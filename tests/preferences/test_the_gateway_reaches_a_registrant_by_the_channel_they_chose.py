"""A registrant with both LINE and a confirmed email chooses how notices reach them: by email only, or by
both (one delivery on each channel, counted as one recipient); without a choice, LINE as before."""

import uuid

import pytest

from foryou.gateway import preferences
from foryou.gateway.delivery import orders
from foryou.gateway.models import Delivery, DeliveryOrder, Subscriber
from foryou.shared.bridge import messages
from tests.delivery.conftest import registrant

pytestmark = pytest.mark.django_db(databases=["default", "gateway"])
CONTENT = messages.NoticeContentBody(service_name="あなたが使える制度お知らせサービス", program_name="健診",
                                     title="健診のご案内", body="健診を受けましょう。")


def choose(number: str, channel: str) -> None:
    subscriber = Subscriber.objects.by_number(number).get()
    preferences.save(subscriber, preferences.Choices(**{**preferences.current(subscriber).__dict__, "channel": channel}))


def test_each_registrant_is_reached_as_they_chose(data_dir, settings):
    settings.DELIVERY_WINDOW = "00:00-23:59"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    people = {choice: registrant(line_user_id="U" + f"{n:032x}", email=f"{choice or 'as_activated'}@example.jp").number
              for n, choice in enumerate(["", "line", "email", "both"], start=1)}
    only_email = registrant(email="only@example.jp").number
    choose(only_email, "both")  # no LINE: nothing to choose, the choice is not kept
    for choice, number in people.items():
        if choice:
            choose(number, choice)
    order_id = str(uuid.uuid4())
    numbers = [*people.values(), only_email]
    orders.receive_order(messages.SendOrderBody(order_id=order_id, notice_ref="notice:9", kind="now", content=CONTENT,
                                                urgent=False, tracked=False, total=len(numbers), chunks=1))
    assert orders.receive_recipients(messages.SendRecipientsBody(order_id=order_id, index=0, numbers=tuple(numbers))) == 5
    channels = {}
    for email, channel in Delivery.objects.values_list("subscriber__email", "channel"):
        channels.setdefault(email.split("@")[0], set()).add(channel)
    assert channels == {"as_activated": {"line"}, "line": {"line"}, "email": {"email"}, "both": {"line", "email"},
                        "only": {"email"}}
    assert DeliveryOrder.objects.get().not_deliverable == 0
    assert Subscriber.objects.by_number(only_email).get().channel_choice == ""
