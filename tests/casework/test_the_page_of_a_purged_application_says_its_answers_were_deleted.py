import pytest
from django.urls import reverse
from django.utils import timezone

from foryou.console import retention
from foryou.shared.jp.dates import japanese_date
from tests.casework.aged import refuse

pytestmark = pytest.mark.django_db(databases=["default", "gateway"])


def test_the_page_says_when_answers_and_documents_were_deleted_and_a_document_link_says_so_too(
        applied, kodomo_staff, staff_client, settings):
    settings.RETAIN_PROGRAM_APPLICATIONS_DAYS = 365
    decided = refuse(applied, kodomo_staff, days_ago=366)
    document = decided.files.first()
    retention.purge()
    today = japanese_date(timezone.localdate())

    page = staff_client.get(reverse("casework_detail", args=[decided.receipt]))

    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="purged"' in html and today in html and "retention rule" in html
    assert 'id="answers"' not in html and "koseki.png" not in html
    assert decided.receipt in html

    gone = staff_client.get(reverse("casework_document", args=[decided.receipt, document.pk]))
    assert gone.status_code == 410
    assert "retention rule" in gone.content.decode() and today in gone.content.decode()
