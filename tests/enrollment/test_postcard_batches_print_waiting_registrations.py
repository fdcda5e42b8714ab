import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from foryou.enrollment.models import PostcardBatch, Registration
from foryou.residents.services import run_import
from tests.residents.conftest import AS_OF
from tests.residents.exports import LEFT, TARO, UME, valid_export, write_export

pytest.importorskip("weasyprint")
pytestmark = pytest.mark.django_db


@pytest.fixture
def city(tmp_path, data_dir):
    files = valid_export()
    files["persons.csv"][3]["支援措置"] = "1"  # UME's household is under 支援措置
    run_import(write_export(tmp_path / "e", files), AS_OF, stream=io.StringIO())


def registration(resident_id: str, number: str) -> Registration:
    return Registration.objects.create(number=number, resident_id=resident_id, expires_at=timezone.now() + timedelta(days=90))


def test_waiting_registrations_are_printed_once_and_protected_persons_never(city, capsys):
    taro = registration(TARO, "1234567890123452")
    registration(UME, "2234567890123451")
    registration(LEFT, "3234567890123450")
    call_command("postcards")
    out = capsys.readouterr()
    assert "1" in out.out and ".pdf" in out.out
    assert "2" in out.err  # two held back: protected and no longer resident
    batch = PostcardBatch.objects.get()
    assert batch.cards == 1 and open(batch.pdf, "rb").read(5) == b"%PDF-"
    taro.refresh_from_db()
    assert taro.postcard_batch == batch
    call_command("postcards")
    assert "No postcards" in capsys.readouterr().out or PostcardBatch.objects.count() == 1


def test_a_returned_postcard_voids_the_number(city):
    taro = registration(TARO, "1234567890123452")
    call_command("postcards")
    call_command("postcards", "mailed", str(PostcardBatch.objects.get().pk))
    call_command("postcards", "returned", "1234-5678-9012-3452")
    taro.refresh_from_db()
    assert taro.status == "void" and taro.postcard_returned_at is not None
