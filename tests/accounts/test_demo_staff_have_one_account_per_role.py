import pytest
from django.contrib.auth import authenticate
from django_otp.plugins.otp_totp.models import TOTPDevice

from foryou.accounts import access
from foryou.accounts.services import ensure_demo_staff

pytestmark = pytest.mark.django_db


def test_one_account_per_role_with_editors_and_approvers_in_two_departments(data_dir):
    accounts = ensure_demo_staff()
    users = {username: authenticate(username=username, password=password) for username, password, _ in accounts}
    assert all(users.values())
    held = {(role, dept) for user in users.values() for role in access.roles(user)
            for dept in (access.departments(user) or {None})}
    assert {access.ADMIN, access.REGISTRAR, access.AUDITOR} <= {role for role, _ in held}
    assert {"健康支援課", "こども家庭支援課"} <= {dept for role, dept in held if role == access.EDITOR}
    assert {"健康支援課", "こども家庭支援課"} <= {dept for role, dept in held if role == access.APPROVER}


def test_administrators_and_approvers_get_an_authenticator_whose_key_is_printed(data_dir):
    for username, password, description in ensure_demo_staff():
        device = TOTPDevice.objects.filter(user__username=username, confirmed=True).first()
        if username in ("admin", "approver-kenko", "approver-kodomo"):
            from foryou.accounts.services import totp_secret

            assert device is not None and totp_secret(device) in description
        else:
            assert device is None


def test_a_second_run_keeps_the_same_passwords_and_keys(data_dir):
    first = ensure_demo_staff()
    assert ensure_demo_staff() == first
