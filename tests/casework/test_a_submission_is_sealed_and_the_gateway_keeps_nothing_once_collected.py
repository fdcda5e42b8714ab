"""The Done-when privacy check: a resident's answers and document are sealed as they arrive, the console
opens them whole, and once collected the gateway's database holds nothing of what the resident typed."""

import pytest
from django.apps import apps
from django.db import connections

from foryou.bridge.client import sync
from foryou.casework.models import ProgramApplication
from foryou.gateway.casework.models import SealedFile
from foryou.gateway.models import OutboundEvent
from foryou.shared.bridge.streams import open_bytes
from tests.casework.conftest import email_form_url
from tests.casework.forms import VALID, png_bytes

pytestmark = pytest.mark.django_db(databases=["default", "gateway"])


def gateway_dump() -> bytes:
    dumped = []
    with connections["gateway"].cursor() as cursor:
        for model in apps.get_app_config("gateway").get_models():
            cursor.execute(f"SELECT * FROM {model._meta.db_table}")
            dumped += [v if isinstance(v, (bytes, memoryview)) else str(v).encode() for row in cursor.fetchall() for v in row]
    return b" ".join(bytes(v) for v in dumped)


def test_the_answers_and_the_document_reach_the_console_and_leave_the_gateway(client, transport, registrant,
                                                                               form_on_gateway, data_dir):
    from django.core.files.uploadedfile import SimpleUploadedFile

    photo = png_bytes((300, 200))
    response = client.post(email_form_url(registrant[1]), VALID | {
        "file_family_register": SimpleUploadedFile("戸籍.png", photo, content_type="image/png")})
    assert response.status_code == 200, response.content.decode()[:3000]
    page = response.content.decode()
    receipt = response.context["receipt"]
    assert receipt in page and "受付番号" in page

    held = gateway_dump()
    assert photo[:64] not in held and "千葉 花子".encode() not in held and b"080-5555-0123" not in held
    assert SealedFile.objects.count() == 1

    sync(transport)
    application = ProgramApplication.objects.get()
    assert application.receipt == receipt and application.resident_id == registrant[0].resident_id
    assert application.answers["children"][0]["name"] == "千葉 花子"
    [document] = application.files.all()
    assert open_bytes(bytes(document.key), bytes(document.ciphertext)) == photo and document.type == "png"

    assert SealedFile.objects.count() == 0 and OutboundEvent.objects.count() == 0
    left = gateway_dump()
    # What the resident typed. (The choice they picked is not listed: its label is part of the form itself,
    # which the gateway holds to show it — PostgreSQL returns that JSON unescaped.)
    for secret in ("千葉 花子", "チバ ハナコ", "080-5555-0123", "2016-09-01", "平成28年"):
        assert secret.encode() not in left
    assert photo[:64] not in left and document.key not in left
