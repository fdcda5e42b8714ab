"""A chunk of a send becomes deliveries in two statements: the first finds every number's subscriber (the
unique number_hash index), the second adds an email delivery for those who chose "both". The second
looks the chunk's numbers up in the partial index of those who chose "both" — a few rows — and never
among every subscriber again, which cost seconds per million recipients even when nobody chose "both"."""

import uuid

import pytest
from django.db import connections
from django.utils import timezone

from foryou.gateway.db import DB
from foryou.gateway.delivery import orders
from foryou.gateway.delivery.models import DeliveryOrder
from foryou.gateway.models import Subscriber

pytestmark = pytest.mark.django_db(databases=["default", "gateway"])


def plan(sql: str, params) -> str:
    with connections[DB].cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        return " / ".join(str(row[-1]) for row in cursor.fetchall())


def test_the_both_statement_searches_the_partial_index_and_the_first_the_unique_one():
    if connections[DB].vendor != "sqlite":
        pytest.skip("query plans checked on SQLite, whose planner needs the partial index named")
    order = DeliveryOrder.objects.using(DB).create(order_id=uuid.uuid4(), notice_ref="notice:1", kind="now",
                                                   content={}, expected=2, chunks=1)
    first, both = orders.statements(order, ["a" * 64, "b" * 64], timezone.now(), None)
    first_plan, both_plan = plan(*first), plan(*both)
    assert f"SEARCH s USING INDEX {Subscriber.CHOSE_BOTH_INDEX} (number_hash=?)" in both_plan, both_plan
    assert "SCAN s" not in both_plan and "SCAN gateway_subscriber" not in both_plan, both_plan
    assert "SEARCH s USING INDEX sqlite_autoindex_gateway_subscriber" in first_plan, first_plan
    assert "SCAN s" not in first_plan, first_plan


def test_only_those_who_chose_both_are_in_its_index():
    sqlite = connections[DB].vendor == "sqlite"
    with connections[DB].cursor() as cursor:
        cursor.execute("SELECT sql FROM sqlite_master WHERE name = %s" if sqlite else
                       "SELECT indexdef FROM pg_indexes WHERE indexname = %s", [Subscriber.CHOSE_BOTH_INDEX])
        (sql,) = cursor.fetchone()
    assert "WHERE" in sql and "'both'" in sql and "number_hash" in sql, sql


def test_a_chunk_without_numbers_adds_nothing_and_counts_as_received(settings):
    from foryou.shared.bridge import messages

    settings.DELIVERY_WINDOW = "00:00-23:59"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    order_id = str(uuid.uuid4())
    content = messages.NoticeContentBody(service_name="s", program_name="p", title="t", body="b")
    orders.receive_order(messages.SendOrderBody(order_id=order_id, notice_ref="notice:2", kind="now", content=content,
                                                urgent=True, tracked=False, total=0, chunks=1))
    assert orders.receive_recipients(messages.SendRecipientsBody(order_id=order_id, index=0, numbers=())) == 0
    order = DeliveryOrder.objects.using(DB).get(order_id=order_id)
    assert order.chunks_received == [0] and order.status == DeliveryOrder.Status.OPEN
