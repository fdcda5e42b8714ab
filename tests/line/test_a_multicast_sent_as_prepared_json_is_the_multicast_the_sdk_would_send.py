"""A multicast's body is its messages encoded once by the SDK's own models and serializer, joined with each
batch's user ids (decision 0091), and sent through the SDK's multicast function without validating or
encoding it again: the text must be exactly the SDK's, LINE must store the messages it would have stored,
and messages the SDK refuses must still be refused."""

import asyncio
import json

from hypothesis import given, settings as hsettings, strategies as st
from linebot.v3.messaging import AsyncApiClient, Configuration, MulticastRequest

from foryou.gateway.delivery import content
from foryou.gateway.delivery.channel import Outcome, Send
from foryou.gateway.line.channel import _MulticastBodies
from foryou.shared.notice.flex import NoticeContent
from tests.line.channel_helpers import channel, text

TEXTS = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=20).filter(str.strip)
USER_IDS = st.lists(st.text(min_size=1, max_size=40), min_size=2, max_size=40, unique=True)


def sdk_client() -> AsyncApiClient:
    """A client as LineChannel opens it (the SDK's needs an event loop to be made)."""
    async def make():
        client = AsyncApiClient(Configuration(host="http://127.0.0.1:9", access_token="unused"))
        await client.close()
        return client
    return asyncio.run(make())


SDK = sdk_client()


def notice(title: str, body: str, labels: list[str]) -> NoticeContent:
    return NoticeContent(service_name="ちばし", program_name="健康診査", title=title, body=body,
                         contact_department="健康支援課", contact_phone="043-245-5111", contact_hours="",
                         links=[(label, f"https://example.jp/{i}") for i, label in enumerate(labels)],
                         apply_url="", language="ja")


def the_sdks_body(user_ids, messages) -> str:
    """What the SDK's multicast_with_http_info sends: its model, made plain by its client, json.dumps'ed
    by its REST client."""
    request = MulticastRequest.from_dict({"to": list(user_ids), "messages": list(messages)})
    return json.dumps(SDK.sanitize_for_serialization(request))


@hsettings(max_examples=80, deadline=None)
@given(title=TEXTS, body=TEXTS, labels=st.lists(TEXTS, max_size=3), user_ids=USER_IDS)
def test_a_notices_prepared_multicast_is_the_text_the_sdk_would_send(title, body, labels, user_ids):
    messages = tuple(content.line_messages(notice(title, body, labels)))
    assert _MulticastBodies(messages).body(tuple(user_ids)) == the_sdks_body(user_ids, messages)


@hsettings(max_examples=40, deadline=None)
@given(texts=st.lists(TEXTS, min_size=1, max_size=5), user_ids=USER_IDS)
def test_prepared_text_messages_are_the_text_the_sdk_would_send(texts, user_ids):
    messages = tuple(text(t) for t in texts)
    assert _MulticastBodies(messages).body(tuple(user_ids)) == the_sdks_body(user_ids, messages)


def test_line_stores_the_notice_for_every_recipient_once_even_when_retried(line):
    users = [line.create_user() for _ in range(3)]
    messages = tuple(content.line_messages(notice("「お知らせ」\\です", '"引用"も\tタブも', ["回答する"])))
    send = Send.new([u.user_id for u in users], messages)
    ch = channel(line)
    first, again = ch.send(send), ch.send(send.retried())
    assert {(r.outcome, r.code, r.status) for r in first} == {(Outcome.ACCEPTED, "accepted", 200)}
    assert {(r.outcome, r.code, r.status) for r in again} == {(Outcome.ACCEPTED, "duplicate", 409)}
    expected = SDK.sanitize_for_serialization(MulticastRequest.from_dict({"to": ["U" + "0" * 32],
                                                                          "messages": list(messages)}))["messages"]
    for user in users:
        [stored] = line.messages(user.user_id)
        assert json.dumps(stored["message"], sort_keys=True) == json.dumps(expected[0], sort_keys=True)


def test_messages_the_sdk_refuses_are_refused_for_every_recipient_and_not_sent(line):
    users = [line.create_user() for _ in range(2)]
    send = Send.new([u.user_id for u in users], [{"type": "text"}])  # no text
    results = channel(line).send(send)
    assert {(r.outcome, r.code) for r in results} == {(Outcome.PERMANENT, "invalid_request")}
    assert "text" in results[0].detail
    assert all(line.messages(u.user_id) == [] for u in users)


def test_batches_of_one_lot_share_the_bodys_preparation_and_keep_their_own_recipients(line):
    users = [line.create_user() for _ in range(4)]
    messages = (text("健診のお知らせ"),)
    sends = [Send.new([u.user_id for u in users[:2]], messages), Send.new([u.user_id for u in users[2:]], messages)]
    ch = channel(line)
    results = ch.send_all(sends)
    assert [[r.user_id for r in batch] for batch in results] == [[u.user_id for u in users[:2]],
                                                                 [u.user_id for u in users[2:]]]
    assert len(ch._bodies) == 1
    assert all(len(line.messages(u.user_id)) == 1 for u in users)
