"""A tracked push's body is made by joining its lot's JSON template with the recipient's own links
(decision 0087) and sent through the SDK's client without being encoded or validated again: LINE must
store the same messages as for the push built from dicts, and every answer must map as for any push."""

import json
import time
from unittest import mock

from hypothesis import given, settings as hsettings, strategies as st

from foryou.gateway.delivery import content
from foryou.gateway.delivery.channel import Outcome, Send
from foryou.shared.notice.flex import NoticeContent
from tests.line.channel_helpers import channel

LABELS = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=12)


def notice(links) -> NoticeContent:
    return NoticeContent(service_name="ちばし", program_name="健康診査", title="「アンケート」\\のお願い",
                         body='ご協力ください。"引用"も\tタブも', contact_department="健康支援課",
                         contact_phone="043-245-5111", contact_hours="", links=links, apply_url="", language="ja")


@hsettings(max_examples=60, deadline=None)
@given(labels=st.lists(LABELS, min_size=0, max_size=3), delivery_id=st.integers(min_value=1, max_value=2**62))
def test_the_prepared_json_is_the_json_of_the_recipients_messages(labels, delivery_id):
    messages = content.TrackedMessages(notice([(label, f"https://example.jp/{i}") for i, label in enumerate(labels)]))
    with mock.patch.object(time, "time", return_value=1_800_000_000.5):  # both sign at the same second
        prepared = messages.json_for_delivery(delivery_id)
        expected = messages.for_delivery(delivery_id)
    assert prepared == json.dumps(expected)


def tracked_push(user_id: str, delivery_id: int = 7) -> tuple[Send, list[dict]]:
    messages = content.TrackedMessages(notice([("回答する", "https://example.jp/a"), ("詳しく", "https://example.jp/b")]))
    with mock.patch.object(time, "time", return_value=1_800_000_000.5):
        prepared, plain = messages.json_for_delivery(delivery_id), messages.for_delivery(delivery_id)
    send = Send.new([user_id], messages.template)
    return Send(send.retry_key, send.user_ids, send.messages, first_tried_at=send.first_tried_at, checked=True,
                messages_json=prepared), plain


def test_line_stores_the_recipients_own_messages_once_even_when_retried(line):
    user = line.create_user()
    send, plain = tracked_push(user.user_id)
    ch = channel(line)
    [first] = ch.send(send)
    [again] = ch.send(send.retried())
    assert (first.outcome, first.code, first.status) == (Outcome.ACCEPTED, "accepted", 200)
    assert first.request_id
    assert (again.outcome, again.code, again.status) == (Outcome.ACCEPTED, "duplicate", 409)
    [stored] = line.messages(user.user_id)
    assert json.dumps(stored["message"], sort_keys=True) == json.dumps(plain[0], sort_keys=True)


def test_a_prepared_push_to_someone_who_is_not_a_friend_is_unreachable(line):
    send, _ = tracked_push("U" + "e" * 32)
    [result] = channel(line).send(send)
    assert (result.outcome, result.code, result.status) == (Outcome.PERMANENT, "unreachable", 400)
    assert "Failed to send messages" in result.detail


def test_a_prepared_push_is_deferred_when_line_fails_and_accepted_once_after(line):
    user = line.create_user()
    send, _ = tracked_push(user.user_id)
    line.set_faults(force={"status": 500, "remaining": 1, "after_accept": True})
    [lost] = channel(line).send(send)
    assert (lost.outcome, lost.code, lost.status) == (Outcome.DEFERRED, "server_error", 500)
    [retried] = channel(line).send(send.retried())
    assert (retried.outcome, retried.code) == (Outcome.ACCEPTED, "duplicate")
    assert len(line.messages(user.user_id)) == 1
