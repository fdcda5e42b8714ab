"""Every resident page has a switcher naming each language in itself; choosing one shows the page in it
and keeps the choice (a cookie holding the code only) for the next resident page — while the console,
served by the same process in the embedded product, stays Japanese for its staff."""

import pytest
from django.test import Client
from django.urls import reverse

import re
from html import unescape

from foryou.gateway.languages import COOKIE

pytestmark = pytest.mark.django_db(databases=["default", "gateway"])
LINK = re.compile(r'<a href="(?P<href>[^"]*)" lang="[^"]*" hreflang="(?P<hreflang>[^"]*)"(?P<current> aria-current="true")?>'
                  r'(?P<text>[^<]*)</a>')


def switcher(page: str) -> list[dict]:
    nav = page[page.index('<nav class="languages"'):page.index("</nav>")]
    return [{**m.groupdict(), "href": unescape(m["href"])} for m in LINK.finditer(nav)]


def test_the_switcher_names_every_language_in_itself_and_marks_the_current_one(data_dir):
    page = Client().get("/apply/?via=line").content.decode()
    links = switcher(page)
    assert [a["text"] for a in links] == ["日本語", "やさしい日本語", "English", "中文(简体)", "한국어", "Tiếng Việt", "Português"]
    assert links[0]["current"] and not links[2]["current"] and links[2]["hreflang"] == "en"
    assert links[2]["href"] == "?via=line&lang=en"  # the page's own query kept


def test_choosing_english_shows_the_page_in_english_and_is_kept(data_dir):
    client = Client()
    response = client.get("/apply/?lang=en")
    assert '<html lang="en">' in response.content.decode() and response["Content-Language"] == "en"
    assert "Apply to use the service" in response.content.decode()
    assert response.cookies[COOKIE].value == "en" and response.cookies[COOKIE]["httponly"]
    later = client.get("/activate/email/").content.decode()
    assert "Register with an email address" in later  # the next page, without ?lang


def test_easy_japanese_and_chinese_pages_carry_their_language_tags(data_dir):
    assert '<html lang="ja">' in Client().get("/apply/?lang=ja-easy").content.decode()
    page = Client().get("/apply/?lang=zh-hans").content.decode()
    assert '<html lang="zh-Hans">' in page and "申请使用本服务" in page


def test_an_unknown_language_is_ignored(data_dir):
    response = Client().get("/apply/?lang=xx")
    assert '<html lang="ja">' in response.content.decode() and COOKIE not in response.cookies


def test_the_console_stays_japanese_for_a_browser_that_chose_english(data_dir):
    client = Client()
    client.get("/apply/?lang=en")
    login = client.get(reverse("login")).content.decode()
    assert "ログイン" in login and '<html lang="ja">' in login


def test_machine_endpoints_are_left_alone(data_dir, settings):
    """The webhook reads its raw body for the signature: a form-encoded post is refused as unsigned (401),
    not broken by the language middleware reading the form first."""
    settings.LINE_CHANNEL_SECRET = "0123456789abcdef0123456789abcdef"
    response = Client().post("/line/webhook", {"lang": "en", "events": "[]"})
    assert response.status_code == 401 and COOKIE not in response.cookies
