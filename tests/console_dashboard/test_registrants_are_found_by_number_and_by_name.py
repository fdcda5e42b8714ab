"""Registrars find a registrant by registration number (as printed, with hyphens), by 宛名番号, or by
name in kanji or kana, through the matching keys: 高橋 finds 髙橋, ちば finds ﾁﾊﾞ."""

import pytest
from django.urls import reverse

from foryou.enrollment.display import masked
from foryou.shared.numbers import display
from tests.console_dashboard.conftest import number, registration
from tests.residents.exports import HANAKO, TARO, UME

pytestmark = pytest.mark.django_db


@pytest.fixture
def registrants(city):
    return {"taro": registration(TARO, 1), "hanako": registration(HANAKO, 2, channel="email", tax_consent=True),
            "ume": registration(UME, 3, status="issued", activated_at=None, channel="")}


def found(client, **params) -> str:
    response = client.get(reverse("console_registrants"), params)
    assert response.status_code == 200
    return response.content.decode()


def test_by_registration_number_as_printed_on_the_postcard(client, registrar, registrants):
    page = found(client, q=display(number(1)))
    assert "千葉　太郎" in page and "千葉　花子" not in page


def test_by_resident_id(client, registrar, registrants):
    page = found(client, q=UME)
    assert "髙橋　うめ" in page and masked(number(3)) in page


def test_by_kanji_name_with_a_variant_character(client, registrar, registrants):
    page = found(client, q="高橋")
    assert "髙橋　うめ" in page and "千葉　太郎" not in page


def test_by_kana_in_hiragana_finds_a_half_width_reading(client, registrar, registrants):
    page = found(client, q="ちば はなこ")
    assert "千葉　花子" in page and "千葉　太郎" not in page


def test_by_family_name_lists_the_whole_family(client, registrar, registrants):
    page = found(client, q="千葉")
    assert "千葉　太郎" in page and "千葉　花子" in page and "髙橋　うめ" not in page


def test_filters_by_channel_consent_and_status(client, registrar, registrants):
    assert masked(number(2)) in found(client, channel="email")
    assert masked(number(1)) not in found(client, channel="email")
    page = found(client, consent="yes")
    assert masked(number(2)) in page and masked(number(1)) not in page
    page = found(client, status="issued")
    assert masked(number(3)) in page and masked(number(1)) not in page
    page = found(client, q="千葉", consent="no")
    assert "千葉　太郎" in page and "千葉　花子" not in page


def test_the_old_registrations_address_still_works(client, registrar, registrants):
    page = client.get(reverse("console_registrations"), {"q": TARO}).content.decode()
    assert "千葉　太郎" in page
