import io
import sys

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django_otp.plugins.otp_totp.models import TOTPDevice

from foryou.accounts import access
from foryou.audit.models import AuditEvent
from tests.accounts.conftest import KENKO, make_staff, totp_now

pytestmark = pytest.mark.django_db


def staff(*args, stdin: str = "") -> str:
    out = io.StringIO()
    previous, sys.stdin = sys.stdin, io.StringIO(stdin)
    try:
        call_command("staff", *args, stdout=out)
    finally:
        sys.stdin = previous
    return out.getvalue()


def test_add_grant_revoke_and_list():
    staff("add", "sato", "--role", "editor", "--department", KENKO, "--name", "佐藤 花子", "--password-stdin",
          stdin="kaki-no-tane-ame-2026\n")
    user = get_user_model().objects.get(username="sato")
    assert access.can_edit(user, KENKO) and user.first_name == "佐藤 花子"
    staff("grant", "sato", "--role", "approver", "--department", "医療政策課")
    listed = staff("list")
    assert "sato" in listed and KENKO in listed and "医療政策課" in listed
    staff("revoke", "sato", "--role", "editor", "--department", KENKO)
    user = get_user_model().objects.get(username="sato")
    assert access.roles(user) == {access.APPROVER}
    actions = set(AuditEvent.objects.filter(target="user:sato").values_list("action", flat=True))
    assert {"accounts.add_staff", "accounts.grant", "accounts.revoke"} <= actions


@pytest.mark.parametrize("args, what", [
    (["grant", "nobody", "--role", "admin"], "nobody"),
    (["grant", "sato", "--role", "boss"], "boss"),
    (["grant", "sato", "--role", "editor"], "--department"),
    (["grant", "sato", "--role", "editor", "--department", "存在しない課"], "存在しない課"),
    (["grant", "sato", "--role", "auditor", "--department", KENKO], "auditor"),
    (["revoke", "sato", "--role", "approver", "--department", KENKO], "approver"),
])
def test_errors_name_what_is_wrong(args, what):
    make_staff("sato", access.REGISTRAR)
    with pytest.raises(CommandError) as caught:
        staff(*args)
    assert what in str(caught.value)


def test_a_department_no_program_names_needs_new_department():
    make_staff("sato")
    staff("grant", "sato", "--role", "editor", "--department", "市民総務課", "--new-department")
    assert access.can_edit(get_user_model().objects.get(username="sato"), "市民総務課")


def test_the_last_administrator_cannot_be_removed():
    make_staff("kanri", access.ADMIN)
    with pytest.raises(CommandError) as caught:
        staff("revoke", "kanri", "--role", "admin")
    assert "kanri" in str(caught.value)
    make_staff("kanri2", access.ADMIN)
    staff("revoke", "kanri", "--role", "admin")


def test_reset_2fa_removes_the_authenticator():
    admin = make_staff("kanri", access.ADMIN)
    TOTPDevice.objects.create(user=admin, name="phone", confirmed=True)
    staff("reset-2fa", "kanri")
    assert not TOTPDevice.objects.filter(user=admin).exists()


def test_totp_code_works_in_the_demo_only(settings):
    admin = make_staff("kanri", access.ADMIN)
    device = TOTPDevice.objects.create(user=admin, name="phone", confirmed=True)
    settings.DEMO = False
    with pytest.raises(CommandError):
        staff("totp-code", "kanri")
    settings.DEMO = True
    assert staff("totp-code", "kanri").strip() == totp_now(device)
