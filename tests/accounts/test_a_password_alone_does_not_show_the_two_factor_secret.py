"""Someone who has only a staff member's password (phished, reused) must not be able to enrol their own
phone as that person's second factor. An approver or administrator without an authenticator sees the
secret only after entering a one-time enrolment code an administrator issued: kept hashed, single use,
expiring, and counted like a wrong password when wrong."""

import io
import re
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from foryou.accounts import access, enrolment
from foryou.accounts.models import EnrolmentCode
from foryou.audit.models import AuditEvent
from tests.accounts.conftest import KENKO, login, make_staff, password_login

pytestmark = pytest.mark.django_db


def setup_page(client) -> str:
    return client.get(reverse("two_factor_setup")).content.decode()


def shows_secret(page: str) -> bool:
    return 'id="totp-secret"' in page or "<svg" in page


def test_with_the_password_alone_the_secret_is_not_shown(client):
    make_staff("shonin", access.APPROVER, KENKO)
    password_login(client, "shonin")
    page = setup_page(client)
    assert not shows_secret(page) and 'name="enrolment_code"' in page
    response = client.post(reverse("two_factor_setup"), {"enrolment_code": "ABCD-EFGH-JKLM"})
    assert not shows_secret(response.content.decode())
    assert not shows_secret(setup_page(client))


def test_the_issued_code_opens_enrolment_once(client):
    approver = make_staff("shonin", access.APPROVER, KENKO)
    code, _expires_at = enrolment.issue(approver)
    assert not EnrolmentCode.objects.filter(code_hash__icontains=code.replace("-", "")).exists()
    password_login(client, "shonin")
    response = client.post(reverse("two_factor_setup"), {"enrolment_code": code.lower().replace("-", " ")})
    assert response.status_code == 302
    assert shows_secret(setup_page(client))
    assert not enrolment.redeem(approver, code)  # used: not again, in another session either
    assert AuditEvent.objects.filter(action="accounts.enrolment_code_used", target="user:shonin").exists()


def test_an_expired_or_replaced_code_is_refused(client):
    approver = make_staff("shonin", access.APPROVER, KENKO)
    old, _ = enrolment.issue(approver)
    expired, _ = enrolment.issue(approver)  # replaces the first
    EnrolmentCode.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    password_login(client, "shonin")
    for code in (old, expired):
        client.post(reverse("two_factor_setup"), {"enrolment_code": code})
        assert not shows_secret(setup_page(client))


def test_guessing_codes_locks_the_account(client, settings):
    settings.LOGIN_FAILURES_PER_USER = 3
    make_staff("shonin", access.APPROVER, KENKO)
    password_login(client, "shonin")
    for _attempt in range(3):
        response = client.post(reverse("two_factor_setup"), {"enrolment_code": "2222-3333-4444"})
    assert response.status_code == 403 or "locked" in response.content.decode().lower()
    assert client.get(reverse("two_factor_setup")).status_code == 302  # logged out


def test_an_administrator_issues_a_code_from_the_staff_page_and_the_command(client):
    approver = make_staff("shonin", access.APPROVER, KENKO)
    admin = login(client, make_staff("kanri", access.ADMIN))
    issue_url = reverse("staff_enrolment_code", args=[approver.pk])
    assert issue_url in client.get(reverse("staff_detail", args=[approver.pk])).content.decode()  # the button
    page = client.post(issue_url)
    code = re.search(r'id="enrolment-code-value">([A-Z0-9-]+)<', page.content.decode()).group(1)
    assert "no-store" in page["Cache-Control"]
    assert AuditEvent.objects.filter(action="accounts.enrolment_code_issued", actor=admin).exists()
    out = io.StringIO()
    call_command("staff", "enrolment-code", "shonin", stdout=out)
    printed = re.search(r"([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})", out.getvalue()).group(1)
    assert not enrolment.redeem(approver, code)  # replaced by the command's
    assert enrolment.redeem(approver, printed)
    with pytest.raises(CommandError, match="needs no enrolment code|登録コードは不要"):
        call_command("staff", "enrolment-code", "kanri", stdout=io.StringIO())  # already enrolled
