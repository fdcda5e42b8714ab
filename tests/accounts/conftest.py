from pathlib import Path

import pytest
from django.conf import settings

from foryou.accounts.testing import PASSWORD, login, make_staff  # noqa: F401
from foryou.notices import services as notices
from foryou.programs.definition import load_program

KENKO, KODOMO = "健康支援課", "こども家庭支援課"
PROGRAM = load_program(Path(settings.PROGRAMS_DIR) / "nyuji-ippan-kenshin.yml")  # 健康支援課


@pytest.fixture
def notice():
    """A 健康支援課 notice waiting for approval."""
    author = make_staff("author", "editor", KENKO)
    return notices.create(PROGRAM, notices.Wording(title="乳児一般健康診査のご案内", body="生後1か月頃の健診です。"), author)


def totp_now(device) -> str:
    from django_otp.oath import TOTP

    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


def password_login(client, username, password=PASSWORD, **extra):
    from django.urls import reverse

    return client.post(reverse("login"), {"username": username, "password": password}, **extra)
