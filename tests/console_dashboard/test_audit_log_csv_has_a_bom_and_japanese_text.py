"""The CSV opens in Excel with Japanese intact (UTF-8 with a byte-order mark), holds every event the
filters select, cannot smuggle a formula into Excel, and downloading it is itself recorded."""

import csv
import io

import pytest
from django.urls import reverse

from foryou.audit import services as audit
from foryou.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def download(client, **params) -> tuple[bytes, list[list[str]]]:
    response = client.get(reverse("console_audit_csv"), params)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    body = b"".join(response.streaming_content)
    return body, list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def test_the_file_starts_with_a_bom_and_keeps_japanese(client, auditor):
    audit.record("registrants.searched", actor=auditor, target="query:髙橋 うめ", detail={"query": "髙橋 うめ"})
    body, rows = download(client)
    assert body.startswith("\ufeff".encode("utf-8"))
    searched = next(r for r in rows if r[3] == "registrants.searched")
    assert "髙橋 うめ" in searched[5] and "query:" not in searched[5] and "髙橋 うめ" in searched[6]
    assert "{" not in searched[6]  # labelled values, not JSON
    assert searched[1].count(":") == 2 and searched[1][:4].isdigit()  # 2026-11-28 09:15:00, Asia/Tokyo


def test_filters_apply_to_the_file_and_the_export_is_recorded(client, auditor):
    audit.record("enrollment.accept", actor=auditor, target="application:1")
    audit.record("notices.approve", actor=auditor, target="notice:7")
    _body, rows = download(client, action="notices.approve")
    assert len(rows) == 2 and "7" in rows[1][5] and "notice:" not in rows[1][5]
    exported = AuditEvent.objects.get(action="audit.exported")
    assert exported.actor == auditor and exported.detail == {"filters": {"action": "notices.approve"}, "rows": 1}


def test_a_value_that_excel_would_run_as_a_formula_is_quoted(client, auditor):
    audit.record("registrants.searched", actor=auditor, target='=HYPERLINK("http://evil","x")')
    _body, rows = download(client, action="registrants.searched")
    assert rows[1][5].startswith("'=")
