"""The department's inbox: only its own programs' applications, filters, the application beside the registry
record (audited), the document opened in the console only, and the CSV in the documented layout."""

import csv
import io

import pytest

from foryou.audit.models import AuditEvent
from foryou.casework.export import HEADER

pytestmark = pytest.mark.django_db(databases=["default", "gateway"])


def test_staff_see_filter_open_and_export(applied, staff_client):
    page = staff_client.get("/inbox/").content.decode()
    assert applied.receipt in page
    assert applied.receipt not in staff_client.get("/inbox/?status=granted").content.decode()
    assert applied.receipt in staff_client.get("/inbox/?status=open&assignee=none").content.decode()

    detail = staff_client.get(f"/inbox/{applied.receipt}/").content.decode()
    assert "千葉" in detail and "チバ タロウ" in detail and "千葉 花子" in detail  # registry beside the answers
    assert AuditEvent.objects.filter(action="casework.viewed", target=f"casework:{applied.receipt}").exists()
    document = applied.files.get()
    opened = staff_client.get(f"/inbox/{applied.receipt}/files/{document.pk}")
    assert opened["Content-Type"] == "image/png" and opened.content.startswith(b"\x89PNG")
    assert AuditEvent.objects.filter(action="casework.file_viewed").exists()

    exported = staff_client.get("/inbox/export.csv").content.decode("utf-8")
    assert exported.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(exported.lstrip("\ufeff"))))
    assert rows[0] == HEADER and rows[1][0] == applied.receipt and '"千葉 花子"' in rows[1][-1]


def test_another_department_sees_nothing(applied, client):
    from foryou.accounts import services as accounts
    from foryou.accounts.testing import PASSWORD, login

    other = accounts.add_staff("kenko", PASSWORD, role="editor", department="健康支援課", create_department=True)
    login(client, other)
    assert applied.receipt not in client.get("/inbox/").content.decode()
    assert client.get(f"/inbox/{applied.receipt}/").status_code == 404
