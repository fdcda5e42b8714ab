"""The emulator-only API: test users, their actions, stored messages, settings and reset."""

from tests.lineemu.conftest import text


def test_users_are_created_listed_and_followed_through_the_api(line):
    status, _, user = line.call("POST", "/emulator/users", {"displayName": "千葉 太郎"}, token=None)
    assert status == 201 and user["status"] == "not_friend" and user["userId"].startswith("U")
    assert line.call("GET", f"/v2/bot/profile/{user['userId']}")[0] == 404
    status, _, answer = line.call("POST", f"/emulator/users/{user['userId']}/follow", token=None)
    assert status == 200 and answer["webhook"]["types"] == ["follow"]
    assert line.call("GET", f"/v2/bot/profile/{user['userId']}")[2]["displayName"] == "千葉 太郎"
    assert [u["userId"] for u in line.call("GET", "/emulator/users", token=None)[2]["users"]] == [user["userId"]]


def test_a_user_id_must_look_like_lines(line):
    status, _, _ = line.call("POST", "/emulator/users", {"userId": "U" + "1" * 32}, token=None)
    assert status == 201
    assert line.call("POST", "/emulator/users", {"userId": "U" + "1" * 32}, token=None)[0] == 400


def test_stored_messages_are_listed_in_both_directions(line):
    user = line.create_user()
    line.push(user.user_id, text("お知らせ"))
    assert line.call("POST", f"/emulator/users/{user.user_id}/messages", {"text": "ありがとう"}, token=None)[0] == 200
    _, _, body = line.call("GET", f"/emulator/users/{user.user_id}/messages", token=None)
    assert [(m["direction"], m["message"]["text"]) for m in body["messages"]] == [("bot", "お知らせ"), ("user", "ありがとう")]
    first = body["messages"][0]["seq"]
    _, _, newer = line.call("GET", f"/emulator/users/{user.user_id}/messages?after={first}", token=None)
    assert [m["message"]["text"] for m in newer["messages"]] == ["ありがとう"]


def test_a_blocked_user_cannot_talk_to_the_account(line):
    user = line.create_user(status="blocked")
    assert line.call("POST", f"/emulator/users/{user.user_id}/messages", {"text": "x"}, token=None)[0] == 403


def test_settings_change_the_monthly_limit_and_webhook_url(line):
    status, _, settings = line.call("POST", "/emulator/settings", {"monthlyLimit": 5, "webhookUrl": "http://x/cb"},
                                    token=None)
    assert status == 200 and settings["monthlyLimit"] == 5 and settings["webhookUrl"] == "http://x/cb"
    assert line.sdk().get_message_quota().value == 5


def test_reset_forgets_everything(line):
    user = line.create_user()
    line.push(user.user_id, text("x"))
    assert line.call("POST", "/emulator/reset", token=None)[0] == 200
    assert line.state.users == {} and line.state.usage_this_month() == 0


def test_the_followers_api_pages_through_friends(line):
    friends = {line.create_user().user_id for _ in range(3)}
    line.create_user(status="blocked")
    _, _, page = line.call("GET", "/v2/bot/followers/ids?limit=2")
    _, _, rest = line.call("GET", f"/v2/bot/followers/ids?limit=2&start={page['next']}")
    assert set(page["userIds"] + rest["userIds"]) == friends and "next" not in rest
