from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone

from foryou.accounts.access import REGISTRAR
from foryou.accounts.testing import login, make_staff
from foryou.audit.models import AuditEvent
from foryou.enrollment.models import PostcardBatch, Registration
from tests.console.registry import ASUMI, import_city
from tests.residents.exports import TARO

pytest.importorskip("weasyprint")
pytestmark = pytest.mark.django_db


@pytest.fixture
def printer(client, data_dir, tmp_path):
    import_city(tmp_path / "e")
    user = make_staff("printer", REGISTRAR)
    user.user_permissions.add(Permission.objects.get(codename="add_postcardbatch"))
    return login(client, user)


def test_the_print_button_answers_with_the_pdf_of_the_new_batch(client, printer):
    Registration.objects.create(number="1234567890123452", resident_id=TARO, expires_at=timezone.now() + timedelta(days=90))
    response = client.post("/postcards/print")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline") and ".pdf" in response["Content-Disposition"]
    assert b"".join(response.streaming_content)[:5] == b"%PDF-"
    batch = PostcardBatch.objects.get()
    assert AuditEvent.objects.filter(action="enrollment.postcards_downloaded", target=f"postcard_batch:{batch.pk}").exists()


def test_with_nothing_to_print_the_button_goes_back_to_the_list(client, printer):
    response = client.post("/postcards/print")
    assert response.status_code == 302 and not PostcardBatch.objects.exists()


def test_the_postcard_names_a_town_the_registry_repeats_only_once(printer, monkeypatch):
    from foryou.enrollment import postcard_batches

    seen = []
    monkeypatch.setattr(postcard_batches, "write_batch", lambda cards, sender, path: seen.extend(cards) or path)
    Registration.objects.create(number="1234567890123452", resident_id=ASUMI, expires_at=timezone.now() + timedelta(days=90))
    postcard_batches.make_batch()
    assert [card.address for card in seen] == ["千葉市緑区あすみが丘1丁目2番3号"]
