import base64

import pytest

from foryou.shared.bridge.sealing import open_sealed
from foryou.gateway.models import OutboundEvent

pytestmark = pytest.mark.django_db(databases=["default", "gateway"])

VALID = {"name": "𠮷田　太郎", "name_kana": "よしだ ﾀﾛｳ", "birth_date": "昭和60年4月12日", "postal_code": "２６０－８７２２",
         "address": "千葉市中央区千葉港1-1 千葉ハイツ101", "channel": "line", "email": "", "phone": "043-245-5111", "agree": "on"}
SEND = {"step": "send"}  # the review page's 送信する: only this seals and sends


def sealed() -> dict:
    return open_sealed(base64.b64decode(OutboundEvent.objects.get().body["ciphertext"]))


def test_a_valid_application_is_sealed_and_normalised(client, data_dir):
    response = client.post("/apply/?via=line", VALID | {"via": "line"} | SEND)
    assert response.status_code == 200 and "申請を受け付けました" in response.content.decode()
    data = sealed()
    assert data["name_kana"] == "ヨシダ タロウ"
    assert data["birth_date"] == "1985-04-12"
    assert data["postal_code"] == "2608722"
    assert data["source"] == "line"


def test_the_gateway_keeps_only_ciphertext(client, data_dir):
    client.post("/apply/", VALID | SEND)
    stored = str(OutboundEvent.objects.get().body)
    assert "𠮷田" not in stored and "千葉港" not in stored and "1985" not in stored


@pytest.mark.parametrize("field, value, words", [
    ("name", "x" * 61, "長すぎ"),
    ("name", "千葉\x00太郎", "文字"),
    ("name", "千葉\x07太郎", "制御文字"),
    ("address", "<script>alert(1)</script>", "&lt; &gt;"),
    ("name_kana", "Chiba Taro", "カタカナ"),
    ("birth_date", "昭和60年13月1日", "日付"),
    ("postal_code", "26087", "7桁"),
    ("email", "not-an-email", "メール"),
])
def test_bad_input_is_named_and_nothing_is_stored(client, data_dir, field, value, words):
    response = client.post("/apply/", VALID | {field: value} | SEND)
    assert response.status_code == 200
    page = response.content.decode()
    assert words in page, page[:2000]
    assert not OutboundEvent.objects.exists()


def test_email_notices_need_an_email_address(client, data_dir):
    response = client.post("/apply/", VALID | {"channel": "email", "email": ""} | SEND)
    assert "メールアドレスを入力" in response.content.decode()
    assert not OutboundEvent.objects.exists()


def test_the_form_is_protected_by_csrf(data_dir):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post("/apply/", VALID | SEND)
    assert response.status_code == 403


def test_a_postal_code_fills_in_the_town_from_the_citys_own_list(client, settings, tmp_path):
    towns = tmp_path / "towns.csv"
    towns.write_text("町字コード,町字,行政区コード,行政区,郵便番号\n0012001,千葉港,12101,中央区,2608722\n", encoding="utf-8")
    settings.TOWNS_FILE = str(towns)
    assert client.get("/apply/postal?code=260-8722").json() == {"towns": [{"address": "千葉市中央区千葉港"}]}
    assert client.get("/apply/postal?code=9999999").json() == {"towns": []}
