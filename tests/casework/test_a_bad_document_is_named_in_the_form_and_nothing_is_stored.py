"""Too large, disguised (a program named .pdf), unreadable, too many: the form says which document and what
to do, the resident's answers are shown again, and nothing of the submission is kept on the gateway."""

import pytest

from foryou.gateway.casework.models import SealedFile
from foryou.gateway.models import OutboundEvent
from tests.casework.conftest import submit
from tests.casework.forms import pdf_bytes, png_bytes

pytestmark = pytest.mark.django_db(databases=["default", "gateway"])
MB = 1024 * 1024


@pytest.mark.parametrize("files, words", [
    ({"family_register": ("koseki.png", png_bytes() + b"\0" * (5 * MB))}, "5MBを超えて"),
    ({"family_register": ("koseki.pdf", b"MZ\x90\x00" + b"\0" * 5000)}, "PDF・JPEG・PNG"),
    ({"family_register": ("koseki.pdf", b"%PDF-1.4\n%%EOF broken")}, "読み取れません"),
    ({"family_register": ("koseki.png", png_bytes((300, 300))[:400])}, "読み取れません"),
    ({}, "戸籍謄本"),
])
def test_a_bad_document_is_refused_with_its_reason(client, registrant, form_on_gateway, files, words):
    response = submit(client, registrant[1], files=files)
    page = response.content.decode()
    assert response.status_code == 200 and "receipt" not in response.context
    assert words in page, page[:3000]
    assert 'value="080-5555-0123"' in page  # the answers are shown again
    assert not SealedFile.objects.exists() and not OutboundEvent.objects.exists()


def test_more_files_than_allowed_are_refused(client, registrant, form_on_gateway):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from tests.casework.conftest import email_form_url
    from tests.casework.forms import VALID

    pages = [SimpleUploadedFile(f"p{i}.pdf", pdf_bytes()) for i in range(4)]
    response = client.post(email_form_url(registrant[1]), VALID | {"file_family_register": pages})
    assert "戸籍謄本(請求者と児童のもの)の添付は3ファイルまでです。" in response.content.decode()
    assert not SealedFile.objects.exists()


def test_a_bad_answer_keeps_nothing_either(client, registrant, form_on_gateway):
    response = submit(client, registrant[1], f_reason_date="令和7年2月30日")
    assert "理由の生じた日" in response.content.decode()
    assert not SealedFile.objects.exists() and not OutboundEvent.objects.exists()
