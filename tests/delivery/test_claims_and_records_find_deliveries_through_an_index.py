"""The worker's queries over gateway_delivery (a million rows during a large send) each reach their rows
through an index, never a scan of the table: the due work of an order, the few deliveries a claim token
marks (the partial index delivery_claim is used only when the query states its condition), a lot's
batches when they are recorded, and the progress counts (covered by delivery_progress)."""

import pytest
from django.db import connections
from django.db.models import Count
from django.utils import timezone

from foryou.gateway.db import DB
from foryou.gateway.delivery import claims
from foryou.gateway.delivery.models import Delivery

pytestmark = pytest.mark.django_db(databases=["default", "gateway"])


def plan(sql: str, params) -> str:
    with connections[DB].cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        return " / ".join(str(row[-1]) for row in cursor.fetchall())


def plan_of(queryset) -> str:
    return plan(*queryset.query.sql_with_params())


@pytest.fixture
def sqlite_gateway():
    if connections[DB].vendor != "sqlite":
        pytest.skip("query plans checked on SQLite, whose planner needs the partial indexes' conditions stated")


def test_every_query_of_a_claim_and_its_record_searches_an_index(sqlite_gateway):
    now = timezone.now()
    deliveries = Delivery.objects.using(DB)
    plans = {
        "due": plan_of(deliveries.due(now, "line").filter(order_id=1)),
        "due rows": plan(claims.due_sql("line", "sqlite"), claims.due_params(1, "line", now, 10)),
        "due rows' details": plan(claims.DETAILS.format(ids="SELECT value FROM json_each(%s)"), ["[1, 2]"]),
        "claim token": plan_of(deliveries.filter(claim="a-token").exclude(claim="")),
        "record": plan_of(deliveries.filter(batch_id__in=[1, 2], status=Delivery.Status.SENDING)),
        "progress": plan_of(deliveries.filter(order_id=1).values("channel", "status", "reason").annotate(n=Count("id"))),
    }
    assert "delivery_claim" in plans["claim token"]
    assert "delivery_batch" in plans["record"]
    assert "COVERING INDEX delivery_progress" in plans["progress"]
    for name, text in plans.items():
        assert "SCAN gateway_delivery" not in text and "SCAN d" not in text, (name, text)
        assert "gateway_delivery" in text or " d " in text, (name, text)
