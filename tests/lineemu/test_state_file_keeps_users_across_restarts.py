"""With a state file, test users and their chats survive a restart of the emulator (demos)."""

from tests.lineemu.conftest import Line, text


def test_users_and_messages_are_back_after_a_restart(tmp_path):
    path = tmp_path / "lineemu.json"
    with Line(state_file=str(path)) as line:
        user = line.create_user("千葉 花子")
        line.push(user.user_id, text("保存される"))
    with Line(state_file=str(path)) as line:
        assert line.state.users[user.user_id].display_name == "千葉 花子"
        assert [m["message"]["text"] for m in line.messages(user.user_id)] == ["保存される"]
        line.push(user.user_id, text("続き"))
        assert [m["seq"] for m in line.messages(user.user_id)] == [1, 2]
