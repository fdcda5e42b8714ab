"""The CSV export opens in Excel: UTF-8 with a byte-order mark, Japanese headers, the period in 和暦."""

import csv
import io

from django.urls import reverse
from django.utils.translation import gettext as _

from tests.console_reports.conftest import FY2026


def test_the_file_starts_with_a_bom_and_has_japanese_headers(city, sends, admin_client, settings):
    settings.SMALL_COUNT = 1
    response = admin_client.get(reverse("console_report_csv"), FY2026)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="foryou-report-20260401-20270331.csv"'
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0].startswith(settings.SERVICE_NAME)
    assert "令和8年4月1日" in rows[1][1] and "令和9年3月31日" in rows[1][1]
    header = next(r for r in rows if r and r[0] == "制度")
    assert header[4] == "届いた人数（延べ）" and header[6] == "リンクのクリック"
    assert header[1:4] == [_("Number of notices"), _("Number of sends"), _("Recipients (summed over sends)")]
    assert ["子育て世帯応援給付", "2", "2", "180", "160", "88.9%", "12", "21.8%"] in rows
    assert next(r for r in rows if r and r[0] == "行政区")[:1] == ["行政区"]
    assert ["花見川区", "3", "1", "33.3%"] in rows
    assert any(r and r[0] == "年齢" for r in rows)


def test_the_export_is_audited(city, sends, admin_client):
    from foryou.audit.models import AuditEvent

    admin_client.get(reverse("console_report_csv"), FY2026)
    event = AuditEvent.objects.get(action="reports.viewed")
    assert event.detail == {"as": "csv", "first": "2026-04-01", "last": "2027-03-31", "departments": "all"}
