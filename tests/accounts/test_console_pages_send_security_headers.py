import pytest
from django.urls import reverse

from foryou.accounts import access
from tests.accounts.conftest import login, make_staff

pytestmark = pytest.mark.django_db


def test_console_pages_carry_a_content_security_policy_without_outside_origins(client):
    login(client, make_staff("kanri", access.ADMIN))
    for url in [reverse("login"), "/", "/staff/"]:
        policy = client.get(url)["Content-Security-Policy"]
        assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy and "http" not in policy


def test_console_pages_refuse_frames_and_limit_browser_features(client):
    response = client.get(reverse("login"))
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"] and "geolocation=()" in response["Permissions-Policy"]
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_console_sets_csrf_on_its_forms(client):
    assert 'name="csrfmiddlewaretoken"' in client.get(reverse("login")).content.decode()


def test_resident_pages_get_their_own_policy_and_stay_framable_for_the_simulator(client, settings):
    settings.LIFF_PAGES_FRAMABLE = True
    response = client.get("/apply/")
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" not in policy and "script-src 'self'" in policy  # the gateway's, not the console's
    assert "X-Frame-Options" not in response


def test_staff_sessions_end_with_the_browser_and_after_idle_time(settings):
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE and settings.SESSION_SAVE_EVERY_REQUEST
    assert settings.SESSION_COOKIE_AGE <= 60 * 60 and settings.SESSION_COOKIE_HTTPONLY
