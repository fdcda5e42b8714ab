"""The emulator keeps an accepted request's messages as the body it received (decision 0100): nothing the
garbage collector has to walk, however many pushes a benchmark makes; readers get them parsed."""

import gc

from tests.lineemu.conftest import text

BUBBLE = {"type": "flex", "altText": "お知らせ", "contents": {"type": "bubble", "body": {
    "type": "box", "layout": "vertical", "contents": [{"type": "text", "text": "子育て応援手当", "wrap": True}]}}}


def test_a_pushed_flex_message_is_read_back_as_it_was_sent_and_kept_untracked(line):
    user = line.create_user("千葉 花子")
    status, _, answer = line.push(user.user_id, BUBBLE, text("二通目"))
    assert status == 200
    assert [m["message"] for m in line.messages(user.user_id)] == [BUBBLE, text("二通目")]
    assert [m["id"] for m in line.messages(user.user_id)] == [s["id"] for s in answer["sentMessages"]]
    with line.state.lock:
        kept = list(line.state.messages[user.user_id])
    assert kept and not any(gc.is_tracked(entry) for entry in kept)


def test_every_recipient_of_a_multicast_reads_its_messages(line):
    users = [line.create_user(f"住民 {i}").user_id for i in range(3)]
    status, _, _ = line.call("POST", "/v2/bot/message/multicast", {"to": users, "messages": [BUBBLE]})
    assert status == 200
    assert all([m["message"] for m in line.messages(u)] == [BUBBLE] for u in users)


def test_the_simulator_reads_pushed_messages_parsed(line):
    user = line.create_user("千葉 花子")
    line.push(user.user_id, BUBBLE)
    status, _, body = line.call("GET", f"/emulator/users/{user.user_id}/messages", token=None)
    assert status == 200
    assert [e["message"] for e in body["messages"]] == [BUBBLE]
    assert not any("body" in e or "index" in e for e in body["messages"])
