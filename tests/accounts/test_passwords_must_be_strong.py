import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from foryou.accounts import access
from foryou.accounts.services import StaffError, add_staff
from tests.accounts.conftest import login, make_staff

pytestmark = pytest.mark.django_db
WEAK = ["short-pw", "password1234", "12345678901234", "yamada-taro-2026"]


@pytest.mark.parametrize("password", WEAK)
def test_weak_passwords_are_refused_with_the_reason(password):
    with pytest.raises(StaffError) as caught:
        add_staff("yamada-taro", password, role=access.REGISTRAR, display_name="山田 太郎")
    assert str(caught.value).strip()
    assert not get_user_model().objects.filter(username="yamada-taro").exists()


def test_a_long_uncommon_password_is_accepted():
    user = add_staff("yamada", "kaki-no-tane-ame-2026", role=access.REGISTRAR)
    assert user.check_password("kaki-no-tane-ame-2026") and user.is_staff


def test_the_staff_page_refuses_a_weak_password_and_adds_nobody(client):
    login(client, make_staff("kanri", access.ADMIN))
    response = client.post("/staff/add", {"username": "sato", "password": "12345678901234", "role": "registrar"})
    assert response.status_code == 400 and 'role="alert"' in response.content.decode()
    assert not get_user_model().objects.filter(username="sato").exists()


def test_the_staff_command_refuses_a_weak_password(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("password1234\n"))
    with pytest.raises(CommandError):
        call_command("staff", "add", "sato", "--role", "registrar", "--password-stdin")
