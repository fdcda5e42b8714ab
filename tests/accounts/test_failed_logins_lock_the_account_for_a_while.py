from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from foryou.accounts import access
from foryou.accounts.models import LoginFailure, Lockout
from foryou.audit.models import AuditEvent
from tests.accounts.conftest import PASSWORD, make_staff, password_login

pytestmark = pytest.mark.django_db


def time_passes(minutes: int) -> None:
    delta = timedelta(minutes=minutes)
    for lockout in Lockout.objects.all():
        lockout.since, lockout.until = lockout.since - delta, lockout.until - delta
        lockout.save()
    for failure in LoginFailure.objects.all():
        failure.at -= delta
        failure.save()


def test_five_wrong_passwords_lock_the_user_name_even_for_the_right_password(client):
    make_staff("tanaka", access.REGISTRAR)
    for attempt in range(4):
        assert password_login(client, "tanaka", "wrong-password-0000").status_code == 200  # the login form again
    fifth = password_login(client, "tanaka", "wrong-password-0000")
    assert fifth.status_code == 429
    until = timezone.localtime(Lockout.objects.get(scope="username").until)
    assert f"{until:%H:%M}" in fifth.content.decode()  # says until when
    refused = password_login(client, "tanaka")
    assert refused.status_code == 429 and "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(action="accounts.login_failed").count() == 5  # the refused try is not counted
    assert AuditEvent.objects.filter(action="accounts.locked_out", target="user:tanaka").exists()


def test_the_lock_ends_after_the_lockout_minutes(client, settings):
    make_staff("tanaka", access.REGISTRAR)
    for attempt in range(settings.LOGIN_FAILURES_PER_USER):
        password_login(client, "tanaka", "wrong-password-0000")
    time_passes(settings.LOCKOUT_MINUTES + 1)
    assert password_login(client, "tanaka").status_code == 302
    assert AuditEvent.objects.filter(action="accounts.login", target="user:tanaka").exists()


def test_failures_spread_over_more_than_the_window_do_not_lock(client, settings):
    make_staff("tanaka", access.REGISTRAR)
    for attempt in range(settings.LOGIN_FAILURES_PER_USER - 1):
        password_login(client, "tanaka", "wrong-password-0000")
    time_passes(settings.LOCKOUT_MINUTES + 1)
    assert password_login(client, "tanaka", "wrong-password-0000").status_code == 200
    assert not Lockout.objects.exists()


def test_a_successful_login_clears_earlier_failures(client, settings):
    make_staff("tanaka", access.REGISTRAR)
    for attempt in range(settings.LOGIN_FAILURES_PER_USER - 1):
        password_login(client, "tanaka", "wrong-password-0000")
    assert password_login(client, "tanaka").status_code == 302
    client.logout()
    assert password_login(client, "tanaka", "wrong-password-0000").status_code == 200


def test_many_failures_from_one_address_lock_that_address_only(client, settings):
    settings.LOGIN_FAILURES_PER_IP = 6
    make_staff("suzuki", access.REGISTRAR)
    for n in range(6):  # a different (unknown) user name each time: only the address adds up
        password_login(client, f"guess{n}", "wrong-password-0000", REMOTE_ADDR="127.0.0.9")
    assert Lockout.objects.filter(scope="ip", key="127.0.0.9").exists()
    assert password_login(client, "suzuki", REMOTE_ADDR="127.0.0.9").status_code == 429
    assert password_login(client, "suzuki", REMOTE_ADDR="127.0.0.10").status_code == 302
    unknown = AuditEvent.objects.filter(action="accounts.login_failed", target="user:guess0").get()
    assert unknown.actor is None and unknown.detail["ip"] == "127.0.0.9"


def test_behind_a_proxy_the_address_comes_from_the_configured_header(client, settings):
    settings.CLIENT_IP_HEADER = "X-Forwarded-For"
    password_login(client, "nobody", "wrong-password-0000", REMOTE_ADDR="127.0.0.1",
                   HTTP_X_FORWARDED_FOR="198.51.100.7, 127.0.0.5")
    assert LoginFailure.objects.get().ip == "127.0.0.5"


def test_an_administrator_can_unlock_at_once(client, settings):
    make_staff("tanaka", access.REGISTRAR)
    for attempt in range(settings.LOGIN_FAILURES_PER_USER):
        password_login(client, "tanaka", "wrong-password-0000")
    call_command("staff", "unlock", "tanaka")
    assert password_login(client, "tanaka", PASSWORD).status_code == 302
    assert AuditEvent.objects.filter(action="accounts.unlock", target="user:tanaka").exists()


def test_the_lock_page_is_in_the_console_layout_and_links_back_to_login(client, settings):
    make_staff("tanaka", access.REGISTRAR)
    for attempt in range(settings.LOGIN_FAILURES_PER_USER):
        response = password_login(client, "tanaka", "wrong-password-0000")
    page = response.content.decode()
    assert 'id="locked-out"' in page and reverse("login") in page
