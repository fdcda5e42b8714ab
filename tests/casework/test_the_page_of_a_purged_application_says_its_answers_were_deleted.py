import pytest
from django.urls import reverse
from django.utils import timezone, translation

from foryou.console import retention
from foryou.shared.jp.dates import japanese_date
from tests.casework.aged import refuse

pytestmark = pytest.mark.django_db(databases=["default", "gateway"])

PAGE = ("The answers and documents of this application were deleted under the retention rule on %(on)s, after "
        "its decision. Its receipt, program, status and dates are kept.")
DOCUMENT = ("The documents of application %(receipt)s were deleted under the retention rule on %(on)s, after its "
            "decision. The department's business system keeps the record of the decision.")


def in_japanese(message: str, **values) -> str:
    with translation.override("ja"):
        return translation.gettext(message) % values


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
    assert in_japanese(PAGE, on=today) in html
    assert 'id="answers"' not in html and "koseki.png" not in html
    assert decided.receipt in html

    gone = staff_client.get(reverse("casework_document", args=[decided.receipt, document.pk]))
    assert gone.status_code == 410
    assert in_japanese(DOCUMENT, receipt=decided.receipt, on=today) in gone.content.decode()
