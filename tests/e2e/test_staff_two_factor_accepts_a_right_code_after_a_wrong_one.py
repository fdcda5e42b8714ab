"""Two-factor in the browser: an approver who mistypes the code once gets in with the right code typed
straight after it (no back-off after a single typo, and the field is empty again)."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from foryou.accounts.testing import PASSWORD, make_staff
from tests.accounts.conftest import totp_now

pytestmark = pytest.mark.django_db(transaction=True)
VIEWPORT = {"width": 1366, "height": 768}


def wrong(code: str) -> str:
    return f"{(int(code) + 1) % 1_000_000:06d}"


def test_after_one_wrong_code_the_next_right_code_lets_the_approver_in(browser, live_server):
    approver = make_staff("shonin", "approver", "健康支援課")
    device = TOTPDevice.objects.create(user=approver, name="phone", confirmed=True)
    page = browser.new_context(viewport=VIEWPORT).new_page()
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", "shonin")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/two-factor/**")
    page.fill("#id_code", wrong(totp_now(device)))
    page.click("#two-factor-verify button[type=submit]")
    page.wait_for_selector("#two-factor-verify .error")
    assert page.input_value("#id_code") == ""  # the wrong code is not left in the field
    page.type("#id_code", totp_now(device))  # typed at once, as into an empty field

    page.click("#two-factor-verify button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    page.context.close()
