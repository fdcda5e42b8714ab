import re

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from foryou.accounts import access
from foryou.accounts.services import reset_two_factor
from foryou.accounts.testing import enter_enrolment_code
from foryou.audit.models import AuditEvent
from tests.accounts.conftest import KENKO, make_staff, password_login, totp_now

pytestmark = pytest.mark.django_db


def enrol(client, user) -> TOTPDevice:
    enter_enrolment_code(client, user)
    page = client.get(reverse("two_factor_setup")).content.decode()
    assert "<svg" in page  # the QR code, inline
    secret = re.search(r'id="totp-secret">([A-Z2-7 ]+)<', page).group(1)
    device = TOTPDevice.objects.get(user=user)
    assert secret.replace(" ", "") in device.config_url
    response = client.post(reverse("two_factor_setup"), {"code": totp_now(device), "next": "/registrations/"})
    assert response.status_code == 302 and response["Location"] == "/registrations/"
    return device


def test_an_approver_must_enrol_before_any_console_page_then_gets_in(client):
    approver = make_staff("shonin", access.APPROVER, KENKO)
    assert password_login(client, "shonin").status_code == 302
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith(reverse("two_factor_setup"))
    device = enrol(client, approver)
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/").status_code == 200
    assert AuditEvent.objects.filter(action="accounts.two_factor_enrolled", actor=approver).exists()


def test_next_time_the_code_is_asked_after_the_password(client):
    admin = make_staff("kanri", access.ADMIN)
    password_login(client, "kanri")
    device = enrol(client, admin)
    client.logout()
    password_login(client, "kanri")
    response = client.get("/staff/")
    assert response["Location"] == f"{reverse('two_factor_verify')}?next=%2Fstaff%2F"
    assert client.get(response["Location"]).status_code == 200
    device.refresh_from_db()
    device.last_t -= 1  # the enrolment code was this time step's; a new step has its own code
    device.save()
    answer = client.post(reverse("two_factor_verify"), {"code": totp_now(device), "next": "/staff/"})
    assert answer["Location"] == "/staff/"
    assert client.get("/staff/").status_code == 200
    assert AuditEvent.objects.filter(action="accounts.two_factor_verified", actor=admin).exists()


def test_a_wrong_code_is_refused_and_the_same_code_cannot_be_used_twice(client, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    admin = make_staff("kanri", access.ADMIN)
    password_login(client, "kanri")
    device = enrol(client, admin)
    used = totp_now(device)
    client.logout()
    password_login(client, "kanri")
    wrong = client.post(reverse("two_factor_verify"), {"code": f"{(int(used) + 1) % 1000000:06d}"})
    assert wrong.status_code == 200 and 'role="alert"' in wrong.content.decode()
    replay = client.post(reverse("two_factor_verify"), {"code": used})
    assert replay.status_code == 200
    assert client.get("/").status_code == 302
    assert AuditEvent.objects.filter(action="accounts.two_factor_failed").count() == 2


def test_wrong_codes_back_off_and_then_lock_the_account(client, settings):
    admin = make_staff("kanri", access.ADMIN)
    TOTPDevice.objects.create(user=admin, name="phone", confirmed=True)
    password_login(client, "kanri")
    client.post(reverse("two_factor_verify"), {"code": "000000"})
    client.post(reverse("two_factor_verify"), {"code": "000001"})  # one typo is forgiven: no back-off yet
    waiting = client.post(reverse("two_factor_verify"), {"code": "000002"})  # within the 1-second back-off
    assert waiting.status_code == 200 and AuditEvent.objects.filter(action="accounts.two_factor_failed").count() == 2
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    for n in range(settings.LOGIN_FAILURES_PER_USER - 2):
        last = client.post(reverse("two_factor_verify"), {"code": f"00000{n + 2}"})
    assert last.status_code == 429
    assert "_auth_user_id" not in client.session  # logged out
    assert password_login(client, "kanri").status_code == 429


def test_registrars_and_editors_are_not_asked_for_a_code(client):
    make_staff("uketsuke", access.REGISTRAR)
    password_login(client, "uketsuke")
    assert client.get("/applications/").status_code == 200
    assert client.get(reverse("two_factor_setup")).status_code == 302  # nothing to set up


def test_resident_pages_and_the_bridge_are_never_sent_to_two_factor(client):
    make_staff("kanri", access.ADMIN)
    password_login(client, "kanri")
    assert client.get("/apply/").status_code == 200
    assert client.post("/bridge/v1/pull", b"{}", content_type="application/json").status_code != 302
    assert client.post("/line/webhook", b"{}", content_type="application/json").status_code != 302


def test_after_a_reset_the_next_login_enrols_again(client):
    admin = make_staff("kanri", access.ADMIN)
    TOTPDevice.objects.create(user=admin, name="old phone", confirmed=True)
    reset_two_factor(admin)
    password_login(client, "kanri")
    assert client.get("/").headers["Location"].startswith(reverse("two_factor_setup"))
    assert AuditEvent.objects.filter(action="accounts.two_factor_reset", target="user:kanri").exists()
