"""Webhooks shaped as webhook.yml says, signed over the raw body with the channel secret, redeliverable."""

import base64
import hashlib
import hmac
import http.server
import json
import re
import threading

import pytest

from foryou.dev.lineemu import schema, signature, verify_signature
from tests.lineemu.conftest import text


class Receiver(http.server.ThreadingHTTPServer):
    """A bot server that records what it receives."""

    def __init__(self):
        self.received: list[tuple[bytes, dict]] = []
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                outer.received.append((body, dict(self.headers)))
                self.send_response(200)
                self.end_headers()
                self.wfile.write(b"OK")

            def log_message(self, *args):
                pass

        super().__init__(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server_address[1]}/callback"

    def last(self):
        body, headers = self.received[-1]
        return body, headers, json.loads(body)


@pytest.fixture
def bot(line):
    receiver = Receiver()
    line.config.webhook_url = receiver.url
    yield receiver
    receiver.shutdown()


def test_a_follow_event_is_signed_over_the_raw_body(line, bot):
    user = line.create_user(status="not_friend")
    record = line.follow(user.user_id)
    assert record["status"] == 200
    raw, headers, body = bot.last()
    expected = base64.b64encode(hmac.new(line.config.channel_secret.encode(), raw, hashlib.sha256).digest()).decode()
    assert headers["x-line-signature"] == expected == signature(line.config.channel_secret, raw)
    assert verify_signature(line.config.channel_secret, raw, headers["x-line-signature"])
    assert not verify_signature(line.config.channel_secret, raw + b" ", headers["x-line-signature"])
    assert headers["Content-Type"].startswith("application/json")
    assert body["destination"] == line.config.bot_user_id
    [event] = body["events"]
    assert event["type"] == "follow" and event["mode"] == "active" and event["follow"] == {"isUnblocked": False}
    assert event["source"] == {"type": "user", "userId": user.user_id}
    assert re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{26}", event["webhookEventId"])
    assert event["deliveryContext"] == {"isRedelivery": False} and event["replyToken"]
    assert isinstance(event["timestamp"], int)


def test_events_match_the_official_webhook_schema(line, bot):
    user = line.create_user(status="not_friend")
    line.follow(user.user_id)
    line.say(user.user_id, "登録したい")
    line.postback(user.user_id, "action=consent", display_text="同意する")
    line.block(user.user_id)
    line.follow(user.user_id)
    types = []
    for raw, _ in bot.received:
        body = json.loads(raw)
        assert schema.validate("CallbackRequest", body, filename="webhook.yml") is None, body
        types += [e["type"] for e in body["events"]]
    assert types == ["follow", "message", "postback", "unfollow", "follow"]
    assert json.loads(bot.received[-1][0])["events"][0]["follow"] == {"isUnblocked": True}


def test_a_message_event_carries_the_text_and_is_stored_as_the_users_message(line, bot):
    user = line.create_user()
    line.say(user.user_id, "登録番号 1234-5678")
    _, _, body = bot.last()
    [event] = body["events"]
    assert event["message"]["type"] == "text" and event["message"]["text"] == "登録番号 1234-5678"
    [stored] = line.messages(user.user_id, direction="user")
    assert stored["id"] == event["message"]["id"] and stored["quoteToken"] == event["message"]["quoteToken"]


def test_an_unfollow_event_has_no_reply_token(line, bot):
    user = line.create_user()
    line.block(user.user_id)
    [event] = bot.last()[2]["events"]
    assert event["type"] == "unfollow" and "replyToken" not in event


def test_a_redelivered_event_keeps_its_id_and_says_so(line, bot):
    user = line.create_user()
    line.say(user.user_id, "こんにちは")
    [first] = bot.last()[2]["events"]
    status, _, answer = line.call("POST", "/emulator/webhooks/redeliver",
                                  {"webhookEventIds": [first["webhookEventId"]]}, token=None)
    assert status == 200 and answer["webhook"]["isRedelivery"]
    [again] = bot.last()[2]["events"]
    assert again["webhookEventId"] == first["webhookEventId"] and again["timestamp"] == first["timestamp"]
    assert again["deliveryContext"] == {"isRedelivery": True}


def test_a_reply_token_works_once(line, bot):
    user = line.create_user()
    line.say(user.user_id, "こんにちは")
    token = bot.last()[2]["events"][0]["replyToken"]
    status, _, body = line.call("POST", "/v2/bot/message/reply", {"replyToken": token, "messages": [text("どうも")]})
    assert status == 200 and len(body["sentMessages"]) == 1
    status, _, body = line.call("POST", "/v2/bot/message/reply", {"replyToken": token, "messages": [text("again")]})
    assert (status, body) == (400, {"message": "Invalid reply token"})
    assert [m["message"]["text"] for m in line.messages(user.user_id)] == ["どうも"]


def test_an_unreachable_webhook_url_is_logged_not_raised(line):
    line.config.webhook_url = "http://127.0.0.1:9/callback"
    user = line.create_user()
    record = line.follow(user.user_id)
    assert record["status"] is None and record["error"]
    status, _, log = line.call("GET", "/emulator/webhooks", token=None)
    assert log["deliveries"][-1]["webhookEventIds"] == record["webhookEventIds"]
