"""Registering on the LIFF page: a language the resident picks on the page is kept; without a pick, the
LINE profile's language (Get profile, from the local LINE platform as from LINE) is taken, and the page
answers in it. On the web, the page's language is the preset."""

import pytest

from foryou.gateway.models import Subscriber
from tests.gateway.conftest import line_platform, liff  # noqa: F401 — the local LINE platform for LIFF
from tests.line.conftest import issued

pytestmark = pytest.mark.django_db(databases=["default", "gateway"])


@pytest.fixture
def line_api(liff, settings):
    settings.LINE_API_BASE = liff.base_url
    settings.LINE_CHANNEL_ACCESS_TOKENS = [liff.access_token]
    return liff


def test_without_a_pick_the_line_profile_language_is_kept(client, data_dir, line_api):
    user = line_api.create_user(language="zh-Hans")
    subscriber = issued()
    page = client.post("/activate/", {"number": subscriber.number,
                                      "id_token": line_api.issue_id_token(user.user_id)}).content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.ACTIVE and subscriber.language == "zh-hans"
    assert "登记完成" in page and '<html lang="zh-Hans">' in page


def test_a_language_picked_on_the_page_wins(client, data_dir, line_api):
    user = line_api.create_user(language="en")
    subscriber = issued()
    client.post("/activate/", {"number": subscriber.number, "language": "ja-easy",
                               "id_token": line_api.issue_id_token(user.user_id)})
    subscriber.refresh_from_db()
    assert subscriber.language == "ja-easy"


def test_the_page_offers_every_language_without_presetting_one(client, data_dir, line_api):
    page = client.get("/activate/").content.decode()
    assert page.count('name="language"') == 7 and 'name="language" value="ja" required' not in page
    assert 'name="language" value="ja" id="id_language_0" checked' not in page
