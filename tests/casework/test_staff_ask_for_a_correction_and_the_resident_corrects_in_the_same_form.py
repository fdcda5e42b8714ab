"""受付 → 不備あり (with what to fix) → the resident corrects in the same form → 受付 → 審査中 → 決定, each step
told to the resident by email; a correction cannot be asked twice while one is awaited; a decision needs a
confirm step."""

import re

import pytest
from django.core import mail

from foryou.bridge.client import sync
from foryou.casework.models import ProgramApplication
from foryou.gateway.casework.models import CorrectionRequest
from foryou.shared.forms import statuses
from tests.casework.conftest import EMAIL, submit

pytestmark = pytest.mark.django_db(databases=["default", "gateway"])


def synced(transport, capture):
    with capture(execute=True, using="gateway"):
        sync(transport)


def test_the_whole_processing_is_told_to_the_resident(applied, staff_client, client, transport, registrant,
                                                      django_capture_on_commit_callbacks):
    receipt = applied.receipt
    synced(transport, django_capture_on_commit_callbacks)
    assert mail.outbox[-1].to == [EMAIL] and receipt in mail.outbox[-1].body and "受け付けました" in mail.outbox[-1].body

    response = staff_client.post(f"/inbox/{receipt}/status", {"status": statuses.NEEDS_CORRECTION,
                                                                 "note": "戸籍謄本の2ページ目を添付してください。"})
    assert response.status_code == 302
    again = staff_client.post(f"/inbox/{receipt}/status", {"status": statuses.NEEDS_CORRECTION, "note": "もう一度"})
    assert again.status_code == 400
    synced(transport, django_capture_on_commit_callbacks)
    told = mail.outbox[-1].body
    assert "不備" in told and "戸籍謄本の2ページ目" in told
    link = re.search(r"http://\S+\?correct=" + receipt, told).group(0)
    path = link.split("127.0.0.1:8000", 1)[-1] if "127.0.0.1" in link else "/" + link.split("/", 3)[3]
    assert CorrectionRequest.objects.filter(receipt=receipt).exists()

    page = client.get(path)
    assert "補正" in page.content.decode() and receipt in page.content.decode()
    url, _, query = path.partition("?")
    response = submit(client, registrant[1], url=url, files={}, correct=receipt, f_phone="080-5555-9999")
    assert response.context["receipt"] == receipt, response.content.decode()[:2000]
    synced(transport, django_capture_on_commit_callbacks)
    applied.refresh_from_db()
    assert applied.status == statuses.RECEIVED and applied.corrections == 1
    assert applied.answers["phone"] == "080-5555-9999"
    assert not CorrectionRequest.objects.exists()

    staff_client.post(f"/inbox/{receipt}/status", {"status": statuses.REVIEWING})
    asked = staff_client.post(f"/inbox/{receipt}/status", {"status": statuses.GRANTED})
    assert asked.status_code == 200 and "元に戻せません" in asked.content.decode()
    assert ProgramApplication.objects.get().status == statuses.REVIEWING
    staff_client.post(f"/inbox/{receipt}/status", {"status": statuses.GRANTED, "confirmed": "yes"})
    synced(transport, django_capture_on_commit_callbacks)
    assert ProgramApplication.objects.get().status == statuses.GRANTED
    assert "決定" in mail.outbox[-1].body
    assert [e.status for e in applied.events.all()] == [statuses.RECEIVED, statuses.NEEDS_CORRECTION, statuses.RECEIVED,
                                                        statuses.REVIEWING, statuses.GRANTED]


def test_a_correction_not_asked_for_is_refused(applied, client, registrant):
    response = submit(client, registrant[1], files={}, correct=applied.receipt)
    assert response.status_code == 403 and "補正の受付中ではありません" in response.content.decode()


def test_a_refusal_needs_a_reason(applied, staff_client):
    response = staff_client.post(f"/inbox/{applied.receipt}/status", {"status": statuses.REFUSED, "confirmed": "yes"})
    assert response.status_code == 400 and "却下の理由" in response.content.decode()
    assert ProgramApplication.objects.get().status == statuses.RECEIVED
