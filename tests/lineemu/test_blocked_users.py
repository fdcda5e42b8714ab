"""A user who blocked the account: LINE accepts pushes (200) but delivers nothing and counts nothing; the
profile is 404. Optionally (a fault) the push is refused with LINE's "Failed to send messages"."""

from tests.lineemu.conftest import text


def test_a_blocked_user_has_no_profile(line):
    user = line.create_user(status="blocked")
    status, _, body = line.call("GET", f"/v2/bot/profile/{user.user_id}")
    assert (status, body) == (404, {"message": "Not found"})


def test_a_push_to_a_blocked_user_is_accepted_but_not_delivered_or_counted(line):
    user = line.create_user()
    line.block(user.user_id)
    status, _, body = line.push(user.user_id, text("届かない"))
    assert status == 200 and body["sentMessages"]
    [stored] = line.messages(user.user_id)
    assert stored["delivered"] is False
    assert line.state.usage_this_month() == 0


def test_rejecting_pushes_to_blocked_users_answers_failed_to_send_messages(line):
    user = line.create_user(status="blocked")
    line.set_faults(reject_blocked=True)
    status, _, body = line.push(user.user_id, text("x"))
    assert (status, body) == (400, {"message": "Failed to send messages"})


def test_a_multicast_skips_blocked_users(line):
    friend, blocker = line.create_user(), line.create_user(status="blocked")
    body = {"to": [friend.user_id, blocker.user_id], "messages": [text("x")]}
    assert line.call("POST", "/v2/bot/message/multicast", body)[0] == 200
    assert line.messages(friend.user_id)[0]["delivered"] and not line.messages(blocker.user_id)[0]["delivered"]
    assert line.state.usage_this_month() == 1


def test_unblocking_restores_the_profile(line):
    user = line.create_user(status="blocked")
    line.follow(user.user_id)
    assert line.call("GET", f"/v2/bot/profile/{user.user_id}")[0] == 200
