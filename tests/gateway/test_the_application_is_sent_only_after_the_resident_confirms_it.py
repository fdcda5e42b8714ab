"""The application on a phone: the first send only shows what was entered (修正する / 送信する), going back keeps
every value, only 送信する seals it, and the done page gives a reference to read out and a way back."""

import base64
import re

import pytest
from django.utils import translation
from django.utils.translation import gettext

from foryou.gateway.models import OutboundEvent
from foryou.shared.application import short_reference
from foryou.shared.bridge.sealing import open_sealed
from tests.gateway.pages import elements, script

pytestmark = pytest.mark.django_db(databases=["default", "gateway"])

TYPED = {"name": "千葉 花子", "name_kana": "ちば はなこ", "birth_date": "昭和60年4月12日", "postal_code": "２６０－８７２２",
         "address": "千葉市中央区千葉港1-1", "channel": "email", "email": "hanako@example.jp", "phone": "", "agree": "on"}


def ja(msgid: str) -> str:
    with translation.override("ja"):
        return gettext(msgid)


def test_the_first_send_shows_the_values_to_check_and_seals_nothing(client, data_dir):
    response = client.post("/apply/", TYPED)
    page = response.content.decode()
    assert response.status_code == 200 and 'id="review"' in page
    assert "チバ ハナコ" in page and "1985年4月12日（昭和60年4月12日）" in page and "〒260-8722" in page
    assert 'name="step" value="send"' in page and 'name="step" value="edit"' in page
    assert not OutboundEvent.objects.exists()


def test_going_back_to_correct_keeps_every_value_as_typed(client, data_dir):
    review = client.post("/apply/", TYPED).content.decode()
    hidden = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', review))
    page = client.post("/apply/", hidden | {"step": "edit"}).content.decode()
    found = elements(page)
    for name in ("name", "name_kana", "birth_date", "postal_code", "address", "email"):
        assert found[f"id_{name}"]["value"] == TYPED[name]
    assert "checked" in found["id_channel_1"] and found["id_channel_1"]["value"] == "email"
    assert "checked" in found["id_agree"]
    assert 'aria-invalid="true"' not in page  # going back is not an error
    assert not OutboundEvent.objects.exists()


def test_sending_from_the_review_page_seals_it_once_with_a_reference_to_read_out(client, data_dir):
    review = client.post("/apply/", TYPED).content.decode()
    hidden = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', review))
    page = client.post("/apply/", hidden | {"step": "send"}).content.decode()
    event = OutboundEvent.objects.get()
    sealed = open_sealed(base64.b64decode(event.body["ciphertext"]))
    assert (sealed["name_kana"], sealed["email"], sealed["channel"]) == ("チバ ハナコ", "hanako@example.jp", "email")
    reference = elements(page)["reference"]["text"].strip()
    assert reference == short_reference(event.body["ref"])
    assert re.fullmatch(r"[0-9A-F]{4}-[0-9A-F]{4}", reference)
    assert event.body["ref"].replace("-", "").upper().startswith(reference.replace("-", ""))


def test_the_privacy_notice_must_be_accepted(client, data_dir):
    page = client.post("/apply/", TYPED | {"agree": ""}).content.decode()
    found = elements(page)
    assert found["id_agree"]["aria-invalid"] == "true"
    assert ja("Read the privacy notice and check the box to agree.") in found["id_agree_error"]["text"]
    assert 'id="review"' not in page and not OutboundEvent.objects.exists()


def test_the_privacy_notice_says_what_is_used_for_what_how_long_and_how_to_stop(client, data_dir, settings):
    settings.POSTCARD_DEPARTMENT, settings.POSTCARD_SENDER_PHONE = "総務局 業務改革推進課", "043-245-5111"
    page = client.get("/apply/").content.decode()
    notice = page[page.index('id="privacy"'):page.index('id="id_agree"')]
    for msgid in ("What is used", "What for", "Where it is kept, and for how long", "How to stop"):
        assert ja(msgid) in notice
    assert "<details>" in notice and "配信停止" in notice
    assert "総務局 業務改革推進課" in notice and "043-245-5111" in notice


def test_a_line_applicant_is_offered_the_way_back_to_line_and_a_web_applicant_a_note(client, data_dir):
    line = client.post("/apply/?via=line", TYPED | {"via": "line", "step": "send"}).content.decode()
    assert elements(line)["back-to-line"]["href"].startswith("https://line.me/R/")
    assert "liff.closeWindow()" in script(line, "gateway/back-to-line.js")
    web = client.post("/apply/", TYPED | {"step": "send"}).content.decode()
    assert "back-to-line" not in web and "close-note" in elements(web)
    assert OutboundEvent.objects.count() == 2
