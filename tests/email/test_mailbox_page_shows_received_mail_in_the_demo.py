"""/mailbox/ (the demo only) lists received mail with the time in Japan, the recipient and the
decoded subject; a message's page shows its text and frames its HTML from a sandboxed view."""

import pytest
from django.test import Client

from foryou.dev.mailcatcher import Mailbox
from tests.email.conftest import SERVICE, batch

pytestmark = pytest.mark.urls("tests.email.urls")


@pytest.fixture
def mailbox(settings, data_dir):
    settings.DEMO = True
    box = Mailbox.default()
    box.save(b"From: city@example.jp\r\nTo: hanako@example.jp\r\nDate: Mon, 05 Jan 2026 00:30:00 +0000\r\n"
             b"Subject: =?utf-8?b?44GK55+l44KJ44Gb?=\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
             b"plain text <b>not bold</b> https://example.jp/\r\n", "city@example.jp", ["hanako@example.jp"])
    return box


def test_the_list_shows_japan_time_recipient_and_decoded_subject(mailbox):
    page = Client().get("/mailbox/").content.decode()
    assert "2026-01-05 09:30:00" in page and "hanako@example.jp" in page and "お知らせ" in page


def test_a_message_shows_its_text_escaped_with_links(mailbox):
    [mail] = mailbox.messages()
    page = Client().get(f"/mailbox/{mail.name}/").content.decode()
    assert "plain text &lt;b&gt;not bold&lt;/b&gt;" in page
    assert '<a href="https://example.jp/"' in page
    assert "<iframe" not in page  # no HTML part


def test_the_html_part_is_framed_from_a_sandboxed_view(mailbox, channel, smtp):
    channel.send(batch("hanako@example.jp"))
    [received] = smtp.messages()
    mailbox.save(received.raw, "city@example.jp", ["hanako@example.jp"])
    mail = mailbox.messages(newest_first=True)[0]
    page = Client().get(f"/mailbox/{mail.name}/").content.decode()
    assert f"【{SERVICE}】" in page
    assert f'<iframe src="/mailbox/{mail.name}/html" sandbox="' in page
    assert 'href="https://gw.example.jp/email/unsubscribe/1:sig/"' in page
    response = Client().get(f"/mailbox/{mail.name}/html")
    policy = response["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "sandbox" in policy and "script-src" not in policy
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert '<html lang="ja">' in response.content.decode()


def test_delete_all_empties_the_mailbox(mailbox):
    client = Client()
    assert client.get("/mailbox/clear").status_code == 405
    assert client.post("/mailbox/clear").status_code == 302
    assert mailbox.messages() == []
    assert "hanako@example.jp" not in client.get("/mailbox/").content.decode()


def test_nothing_is_served_outside_debug_mode_or_outside_the_mailbox(mailbox, settings):
    [mail] = mailbox.messages()
    assert Client().get("/mailbox/..%2Fsecret_key/").status_code == 404
    settings.DEMO = False
    for path in ("/mailbox/", f"/mailbox/{mail.name}/", f"/mailbox/{mail.name}/html", f"/mailbox/{mail.name}/raw"):
        assert Client().get(path).status_code == 404
