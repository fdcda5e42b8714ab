import re
from datetime import date, timedelta

import pytest
from django.utils import timezone

from foryou.accounts.access import REGISTRAR
from foryou.accounts.testing import login, make_staff
from foryou.enrollment.display import masked
from foryou.enrollment.models import Application, Registration
from tests.console.registry import import_city
from tests.residents.exports import TARO

pytestmark = pytest.mark.django_db


@pytest.fixture
def registrar(client, data_dir):
    return login(client, make_staff("registrar", REGISTRAR))


def apply(**extra) -> Application:
    return Application.objects.create(**({"source": "web", "name": "千葉 太郎", "name_kana": "チバ タロウ",
                                          "birth_date": date(1985, 4, 12), "postal_code": "2608722",
                                          "address": "千葉市中央区千葉港1-1", "channel": "line"} | extra))


def test_the_same_person_applying_twice_is_flagged_in_the_queue(client, registrar):
    first = apply(source="line")
    second = apply(name="千葉　太郎", address="千葉市中央区千葉港１－１")  # full-width, another space
    other = apply(name="千葉 花子", birth_date=date(1987, 3, 1))
    assert Application.objects.duplicates_pending() == {first.pk, second.pk}
    page = client.get("/applications/").content.decode()
    flagged = set(re.findall(r'applications/(\d+)/">[^<]+</a> <span class="dup-flag">', page))
    assert flagged == {str(first.pk), str(second.pk)}
    assert f"#{second.pk}" in client.get(f"/applications/{first.pk}/").content.decode()
    assert str(other.pk) not in flagged


def test_a_reviewed_application_is_no_longer_a_duplicate(registrar):
    first, second = apply(), apply()
    Application.objects.filter(pk=second.pk).update(status=Application.Status.REJECTED)
    assert Application.objects.duplicates_pending() == set()
    assert first.pk


def test_registration_numbers_show_only_their_last_four_digits(client, registrar, tmp_path):
    import_city(tmp_path / "e")
    registration = Registration.objects.create(number="1234567890123452", resident_id=TARO,
                                               expires_at=timezone.now() + timedelta(days=90), channel="line",
                                               status=Registration.Status.ACTIVE)
    assert masked(registration.number) == "****-****-****-3452"
    for page in (client.get("/registrants/", {"q": "千葉"}).content.decode(),
                 client.get(f"/registrants/{registration.pk}/").content.decode()):
        assert "****-****-****-3452" in page
        assert "1234-5678" not in page and "1234567890123452" not in page


def test_the_number_is_shown_masked_after_accepting_as_it_is_printed_on_the_postcard(client, registrar, tmp_path):
    # Issue 13: the whole number used to be shown on screen after accepting (anyone behind the registrar
    # could read a key to the resident's notices); it is printed on the postcard only.
    import_city(tmp_path / "e")
    app = apply()
    response = client.post(f"/applications/{app.pk}/review", {"decision": "accept", "resident_id": TARO}, follow=True)
    number = Registration.objects.get().number
    page = response.content.decode()
    assert masked(number) in page
    assert f"{number[:4]}-{number[4:8]}" not in page and number not in page


def test_the_channel_is_named_once_on_the_application_page(client, registrar, data_dir):
    app = apply(source="line", channel="line")
    page = client.get(f"/applications/{app.pk}/").content.decode()
    assert "LINE(LINE" not in page and "LIFF" not in page
