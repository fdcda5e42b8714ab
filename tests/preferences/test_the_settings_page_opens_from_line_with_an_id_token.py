"""In LINE the settings page (LIFF) posts the ID token LIFF gives it; the gateway checks it with LINE
Login's verify endpoint (the local LINE platform in tests) and sends the registrant on to their own
signed settings link. An unregistered LINE user is told to register first; a forged token opens nothing."""

import pytest

from tests.gateway.conftest import line_platform, liff  # noqa: F401 — the local LINE platform for LIFF
from tests.line.conftest import active

pytestmark = pytest.mark.django_db(databases=["default", "gateway"])


def test_a_verified_line_user_is_sent_to_their_settings(client, data_dir, liff):
    user = liff.create_user()
    subscriber = active(user.user_id)
    page = client.get("/settings/").content.decode()
    assert 'data-auto-submit' in page and 'name="id_token"' in page and "liff-open.js" in page
    response = client.post("/settings/", {"id_token": liff.issue_id_token(user.user_id)})
    assert response.status_code == 302 and response["Location"].startswith("/settings/")
    settings_page = client.get(response["Location"]).content.decode()
    assert "受け取る分野" in settings_page
    assert user.user_id not in response["Location"] and subscriber.number_hash not in response["Location"]


def test_a_line_user_who_is_not_registered_is_told_to_register_first(client, data_dir, liff):
    user = liff.create_user()
    page = client.post("/settings/", {"id_token": liff.issue_id_token(user.user_id)}).content.decode()
    assert "まだ登録されていません" in page


def test_a_forged_id_token_opens_nothing(client, data_dir, liff):
    response = client.post("/settings/", {"id_token": "eyJhbGciOiJIUzI1NiJ9.e30.bad"})
    assert response.status_code == 400


def test_a_language_picked_while_the_settings_were_opening_is_kept(client, data_dir, liff):
    user = liff.create_user()
    active(user.user_id)
    response = client.post("/settings/?lang=en", {"id_token": liff.issue_id_token(user.user_id)})
    assert response.status_code == 302 and response["Location"].endswith("?lang=en")
    assert "<h1>Settings</h1>" in client.get(response["Location"]).content.decode()
