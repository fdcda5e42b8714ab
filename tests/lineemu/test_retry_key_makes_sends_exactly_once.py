"""X-Line-Retry-Key: the first request is accepted and remembered for 24 hours; a repeat answers 409 with
the first request's ID and stores nothing twice."""

import json
import uuid

import pytest
from linebot.v3.messaging import ApiException, PushMessageRequest, TextMessage

from tests.lineemu.conftest import text


def test_a_repeated_retry_key_answers_409_with_the_first_request_id_and_sent_messages(line):
    user = line.create_user()
    api, key = line.sdk(), str(uuid.uuid4())
    request = PushMessageRequest(to=user.user_id, messages=[TextMessage(text="一度だけ")])
    first = api.push_message_with_http_info(request, x_line_retry_key=key)
    with pytest.raises(ApiException) as conflict:
        api.push_message(request, x_line_retry_key=key)
    assert conflict.value.status == 409
    assert conflict.value.headers["x-line-accepted-request-id"] == first.headers["x-line-request-id"]
    assert conflict.value.headers["x-line-request-id"] != first.headers["x-line-request-id"]
    body = json.loads(conflict.value.body)
    assert body["message"] == "The retry key is already accepted"
    assert body["sentMessages"] == [m.to_dict() for m in first.data.sent_messages]
    assert len(line.messages(user.user_id)) == 1
    assert line.state.usage_this_month() == 1


def test_a_multicast_retry_conflicts_without_sent_messages(line):
    users = [line.create_user().user_id for _ in range(2)]
    key = str(uuid.uuid4())
    body = {"to": users, "messages": [text("x")]}
    assert line.call("POST", "/v2/bot/message/multicast", body, headers={"X-Line-Retry-Key": key})[0] == 200
    status, headers, answer = line.call("POST", "/v2/bot/message/multicast", body, headers={"X-Line-Retry-Key": key})
    assert status == 409 and answer == {"message": "The retry key is already accepted"}
    assert headers["x-line-accepted-request-id"]
    assert all(len(line.messages(u)) == 1 for u in users)


def test_a_retry_after_a_lost_response_is_answered_409_and_the_message_is_stored_once(line):
    user = line.create_user()
    key = str(uuid.uuid4())
    line.set_faults(force={"status": 500, "remaining": 1, "after_accept": True})
    lost = line.push(user.user_id, text("届いた?"), headers={"X-Line-Retry-Key": key})
    retried = line.push(user.user_id, text("届いた?"), headers={"X-Line-Retry-Key": key})
    assert (lost[0], retried[0]) == (500, 409)
    [stored] = line.messages(user.user_id)
    assert retried[1]["x-line-accepted-request-id"] == stored["requestId"]


def test_a_rejected_request_does_not_use_up_its_retry_key(line):
    user = line.create_user()
    key = str(uuid.uuid4())
    assert line.push(user.user_id, text(""), headers={"X-Line-Retry-Key": key})[0] == 400
    assert line.push(user.user_id, text("ok"), headers={"X-Line-Retry-Key": key})[0] == 200


def test_retry_keys_are_forgotten_after_24_hours(line, monkeypatch):
    user = line.create_user()
    key = str(uuid.uuid4())
    assert line.push(user.user_id, text("x"), headers={"X-Line-Retry-Key": key})[0] == 200
    now = line.state.clock()
    monkeypatch.setattr(line.state, "clock", lambda: now + 24 * 3600 + 1)
    assert line.push(user.user_id, text("x"), headers={"X-Line-Retry-Key": key})[0] == 200
    assert len(line.messages(user.user_id)) == 2


@pytest.mark.parametrize("key", ["not-a-uuid", "123e4567e89b12d3a456426614174000", ""])
def test_a_retry_key_that_is_not_a_uuid_is_rejected(line, key):
    user = line.create_user()
    status, _, body = line.push(user.user_id, text("x"), headers={"X-Line-Retry-Key": key})
    assert status == 400 and "retry key" in body["message"].lower()
    assert line.messages(user.user_id) == []


def test_apis_without_retry_support_reject_a_retry_key(line):
    status, _, _ = line.call("GET", "/v2/bot/message/quota", headers={"X-Line-Retry-Key": str(uuid.uuid4())})
    assert status == 400
