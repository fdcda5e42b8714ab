"""A web applicant on a phone: the form marks what is required, a first try with mistakes shows each error
next to its field with the cursor on the first, the corrected form shows a review (nothing sent yet), going
back keeps every value, and sending shows a reference number to read out. Every page passes axe (WCAG 2.2
AA, target sizes included) at 390×844."""

import re

import pytest

from foryou.gateway.models import OutboundEvent
from foryou.shared.application import short_reference
from tests.e2e.phone import SHOTS, axe_violations, phone_page

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "gateway"])

BOX = "(selector) => { const b = document.querySelector(selector).getBoundingClientRect(); return [b.top, b.bottom]; }"


def test_a_web_applicant_corrects_mistakes_reviews_and_gets_a_reference_number(browser, live_server, data_dir):
    phone = phone_page(browser)
    phone.goto(f"{live_server.url}/apply/")
    assert phone.locator("#id_name").get_attribute("aria-required") == "true"
    assert phone.locator("label[for=id_name] .req").is_visible()
    assert axe_violations(phone) == []
    phone.screenshot(path=str(SHOTS / "web-1-form.png"), full_page=True)

    # A first try with mistakes: errors sit next to their fields, the cursor goes to the first.
    phone.fill("#id_name", "千葉 花子")
    phone.fill("#id_name_kana", "Chiba Hanako")
    phone.fill("#id_birth_date", "昭和62年3月1日")
    phone.fill("#id_postal_code", "260-87")
    phone.fill("#id_address", "千葉市中央区千葉港1-1")
    phone.check("#id_channel_1")
    phone.fill("#id_email", "hanako@example.jp")
    phone.click("#apply button[type=submit]")
    phone.locator("#id_name_kana_error").wait_for()
    assert phone.evaluate("() => document.activeElement.id") == "id_name_kana"
    for field in ("name_kana", "postal_code", "agree"):
        assert phone.locator(f"#id_{field}").get_attribute("aria-invalid") == "true"
        assert f"id_{field}_error" in phone.locator(f"#id_{field}").get_attribute("aria-describedby")
    kana_top, kana_bottom = phone.evaluate(BOX, "#id_name_kana")
    error_top, _ = phone.evaluate(BOX, "#id_name_kana_error")
    birth_top, _ = phone.evaluate(BOX, "#id_birth_date")
    assert kana_bottom <= error_top < birth_top  # under its own field, before the next one
    assert 0 <= kana_top < 844  # scrolled into view
    phone.screenshot(path=str(SHOTS / "web-2-errors.png"))
    assert axe_violations(phone) == []

    # Corrected: a review, nothing sent; going back keeps every value.
    phone.fill("#id_name_kana", "チバ ハナコ")
    phone.fill("#id_postal_code", "260-8722")
    phone.check("#id_agree")
    phone.click("#apply button[type=submit]")
    phone.locator("#review").wait_for()
    assert "昭和62年3月1日" in phone.inner_text("#review") and "〒260-8722" in phone.inner_text("#review")
    assert not OutboundEvent.objects.exists()
    phone.screenshot(path=str(SHOTS / "web-3-review.png"), full_page=True)
    assert axe_violations(phone) == []
    phone.click("#edit")
    phone.locator("#apply").wait_for()
    assert phone.input_value("#id_name_kana") == "チバ ハナコ" and phone.input_value("#id_email") == "hanako@example.jp"
    assert phone.is_checked("#id_channel_1") and phone.is_checked("#id_agree")
    phone.click("#apply button[type=submit]")
    phone.click("#send")

    # Sent: a reference number to read out, and a note instead of a way back to LINE.
    reference = phone.locator("#reference").inner_text().strip()
    assert re.fullmatch(r"[0-9A-F]{4}-[0-9A-F]{4}", reference)
    assert reference == short_reference(OutboundEvent.objects.get().body["ref"])
    assert phone.locator("#close-note").is_visible() and phone.locator("#back-to-line").count() == 0
    phone.screenshot(path=str(SHOTS / "web-4-done.png"), full_page=True)
    assert axe_violations(phone) == []
