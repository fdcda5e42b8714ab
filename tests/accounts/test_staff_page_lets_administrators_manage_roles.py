import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from foryou.accounts import access
from foryou.accounts.models import Lockout, Membership
from foryou.audit.models import AuditEvent
from tests.accounts.conftest import KENKO, KODOMO, login, make_staff, password_login

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(client):
    return login(client, make_staff("kanri", access.ADMIN))


def test_the_list_shows_roles_departments_and_two_factor(client, admin):
    make_staff("henshu", access.EDITOR, KENKO)
    page = client.get("/staff/").content.decode()
    assert "henshu" in page and KENKO in page and "kanri" in page
    assert KODOMO in page  # departments come from the programs, ready to choose


def test_adding_granting_and_revoking_is_audited_with_the_administrator(client, admin):
    response = client.post("/staff/add", {"username": "sato", "display_name": "佐藤", "password": "kaki-no-tane-ame-2026",
                                          "role": "editor", "department": KENKO})
    sato = get_user_model().objects.get(username="sato")
    assert response["Location"] == reverse("staff_detail", args=[sato.pk])
    client.post(reverse("staff_grant", args=[sato.pk]), {"role": "approver", "department": KODOMO})
    assert access.can_approve(get_user_model().objects.get(pk=sato.pk), KODOMO)
    editor = Membership.objects.get(user=sato, role="editor")
    client.post(reverse("staff_revoke", args=[sato.pk, editor.pk]))
    assert access.roles(get_user_model().objects.get(pk=sato.pk)) == {access.APPROVER}
    events = AuditEvent.objects.filter(target="user:sato", actor=admin).values_list("action", flat=True)
    assert {"accounts.add_staff", "accounts.grant", "accounts.revoke"} <= set(events)


def test_a_grant_that_does_not_fit_the_role_says_why(client, admin):
    sato = make_staff("sato")
    response = client.post(reverse("staff_grant", args=[sato.pk]), {"role": "editor", "department": ""})
    assert response.status_code == 400 and 'role="alert"' in response.content.decode()
    assert not Membership.objects.filter(user=sato).exists()


def test_reset_two_factor_and_unlock_from_the_page(client, admin, settings):
    approver = make_staff("shonin", access.APPROVER, KENKO)
    TOTPDevice.objects.create(user=approver, name="phone", confirmed=True)
    other = client.__class__()
    for attempt in range(settings.LOGIN_FAILURES_PER_USER):
        password_login(other, "shonin", "wrong-password-0000")
    assert Lockout.objects.filter(scope="username", key="shonin").exists()
    page = client.get(reverse("staff_detail", args=[approver.pk])).content.decode()
    assert reverse("staff_unlock", args=[approver.pk]) in page
    assert reverse("staff_reset_two_factor", args=[approver.pk]) in page
    client.post(reverse("staff_unlock", args=[approver.pk]))
    client.post(reverse("staff_reset_two_factor", args=[approver.pk]))
    assert not TOTPDevice.objects.filter(user=approver).exists()
    assert password_login(other, "shonin").status_code == 302


def test_an_unverified_administrator_is_sent_to_two_factor_first(client):
    make_staff("kanri2", access.ADMIN)
    password_login(client, "kanri2")
    response = client.get("/staff/")
    assert response.status_code == 302 and reverse("two_factor_setup") in response["Location"]
