import json

import pytest
from django.utils import timezone

from foryou.audit.models import AuditEvent
from foryou.bridge.client import sync
from foryou.console.retention import GATEWAY_PURGED, last_purges
from foryou.gateway import retention
from foryou.gateway.models import OutboundEvent
from foryou.shared.bridge import messages
from tests.retention.gateway_rows import order, subscriber

pytestmark = pytest.mark.django_db(databases=["default", "gateway"])


def test_the_counts_cross_the_bridge_and_are_audited_in_the_console(transport, settings):
    settings.RETAIN_DELIVERIES_DAYS = 90
    now = timezone.now()
    people = [subscriber(n, now, email=f"p{n}@example.jp") for n in (1, 2)]
    order(now, 100, people)

    counts = retention.purge(now)
    event = OutboundEvent.objects.get(kind=messages.RETENTION_PURGED)
    sync(transport)

    text = json.dumps(event.body)
    assert all(p.line_user_id not in text and p.email not in text for p in people)
    audited = AuditEvent.objects.get(action=GATEWAY_PURGED)
    assert {k: audited.detail[k] for k in counts} == counts
    gateway = next(p for p in last_purges() if p.zone == "gateway")
    assert gateway.counts["deliveries"] == 2 and gateway.at is not None


def test_a_report_carries_only_names_and_whole_numbers():
    body = messages.parse_body(messages.RETENTION_PURGED, {"counts": {"deliveries": 3, "who": "U123", "x": [1]},
                                                           "at": "2026-12-07T03:30:00+09:00"})
    assert body.counts == {"deliveries": 3}


def test_the_purge_command_prints_counts(capsys):
    from django.core.management import call_command

    call_command("purge_gateway")
    out = capsys.readouterr().out
    assert "deliveries: 0" in out and "subscribers_blanked: 0" in out
