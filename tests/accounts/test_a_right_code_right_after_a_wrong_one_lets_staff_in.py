"""A mistyped two-factor code is forgiven once: the right code typed straight after it logs the staff
member in (the back-off starts at the second wrong code in a row), the field comes back empty so the
next code is not typed after the wrong one, and the demo's superuser has an authenticator like the
demo's other administrators."""

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from foryou.accounts import access
from foryou.accounts.services import ensure_demo_authenticator, totp_secret
from foryou.audit.models import AuditEvent
from tests.accounts.conftest import make_staff, password_login, totp_now

pytestmark = pytest.mark.django_db


def wrong(code: str) -> str:
    return f"{(int(code) + 1) % 1_000_000:06d}"


def test_the_right_code_at_once_after_a_wrong_one_is_accepted(client):
    approver = make_staff("shonin", access.APPROVER, "健康支援課")
    device = TOTPDevice.objects.create(user=approver, name="phone", confirmed=True)
    password_login(client, "shonin")
    refused = client.post(reverse("two_factor_verify"), {"code": wrong(totp_now(device)), "next": "/notices/"})
    assert refused.status_code == 200
    accepted = client.post(reverse("two_factor_verify"), {"code": totp_now(device), "next": "/notices/"})
    assert accepted.status_code == 302 and accepted["Location"] == "/notices/"
    assert client.get("/notices/").status_code == 200
    assert AuditEvent.objects.filter(action="accounts.two_factor_failed", actor=approver).count() == 1
    assert AuditEvent.objects.filter(action="accounts.two_factor_verified", actor=approver).exists()


def test_after_a_wrong_code_the_field_is_empty_for_the_next_one(client):
    admin = make_staff("kanri", access.ADMIN)
    device = TOTPDevice.objects.create(user=admin, name="phone", confirmed=True)
    password_login(client, "kanri")
    typo = wrong(totp_now(device))
    page = client.post(reverse("two_factor_verify"), {"code": typo}).content.decode()
    assert 'name="code"' in page and typo not in page


def test_two_wrong_codes_in_a_row_make_the_third_wait(client):
    admin = make_staff("kanri", access.ADMIN)
    device = TOTPDevice.objects.create(user=admin, name="phone", confirmed=True)
    password_login(client, "kanri")
    client.post(reverse("two_factor_verify"), {"code": wrong(totp_now(device))})
    client.post(reverse("two_factor_verify"), {"code": wrong(wrong(totp_now(device)))})
    held = client.post(reverse("two_factor_verify"), {"code": totp_now(device)})
    assert held.status_code == 200  # within the 1-second back-off: not even checked
    assert client.get("/").status_code == 302


def test_the_demo_superuser_gets_an_authenticator_once_and_must_use_it(client, django_user_model):
    demo = django_user_model.objects.create_user("demo", password="a-long-password-123", is_superuser=True,
                                                 is_staff=True)
    key = ensure_demo_authenticator(demo)
    assert ensure_demo_authenticator(demo) == key  # printed the same at every start
    device = TOTPDevice.objects.get(user=demo, confirmed=True)
    assert totp_secret(device) == key
    password_login(client, "demo")
    assert client.get("/").headers["Location"].startswith(reverse("two_factor_verify"))
