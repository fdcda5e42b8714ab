"""The audit log reads as staff read: times in Asia/Tokyo the Japanese way, details as labelled values
(no JSON, no UTC ISO times, no snapshot file names), targets in words."""

from datetime import datetime, timezone

import pytest
from django.urls import reverse
from django.utils import translation

from foryou.audit import details
from foryou.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_a_utc_time_and_a_snapshot_in_the_detail_read_in_tokyo(client, auditor):
    event = AuditEvent.objects.create(actor_label="scheduler", action="notices.start", target="notice:5", detail={
        "order": "3f2a", "at": "2026-11-27T23:30:00+00:00", "snapshot": "snapshot-20261127-000012.duckdb",
        "targeted": 12345, "urgent": False})
    AuditEvent.objects.filter(pk=event.pk).update(at=datetime(2026, 11, 27, 23, 30, tzinfo=timezone.utc))
    response = client.get(reverse("console_audit"))
    page = response.content.decode()
    assert "2026年11月28日 8:30" in page  # the event's time and the detail's time, in Tokyo
    assert "+00:00" not in page and "T23:30" not in page and ".duckdb" not in page and '{"' not in page
    assert "2026年11月27日" in page and "12,345" in page
    with translation.override(response.headers.get("Content-Language", "ja")):
        assert f"<dt>{details.label_of('targeted')}</dt><dd>12,345</dd>" in page
        assert f">{details.target_text('notice:5')}<" in page


def test_values_are_written_for_people():
    with translation.override("en"):
        assert details.value_text(True) == "yes" and details.value_text(None) == "–"
        assert details.value_text(["a", "b"]) == "a、b"
        assert details.value_text(list(range(12))).endswith("and 2 more")
        assert details.value_text("2026-04-01") == "2026年4月1日"
        assert details.value_text("snapshot-20261127-000012.duckdb") == "data as of 2026年11月27日 (import #12)"
        assert details.detail_line({"reason": "not_found", "applicant_told": True}) == \
            "Reason: no matching resident; Applicant told: yes"
        assert details.detail_items({"role": "auditor", "reason": "made-up"}) == [("Role", "Auditor"), ("Reason", "made-up")]
        assert details.target_text("application:3") == "Application #3" and details.target_text("audit_log") == "audit_log"
        assert details.detail_items({"number": "1234567890123452"}) == [("Registration number", "****-****-****-3452")]
