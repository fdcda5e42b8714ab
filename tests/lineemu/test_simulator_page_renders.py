"""The phone simulator, its scripts and the LIFF shim are served by the emulator (HTTP-level checks)."""

import json
import urllib.request

from tests.lineemu.conftest import text


def test_the_simulator_page_has_the_phone_the_chat_and_the_account_name(line):
    status, headers, html = line.call("GET", "/simulator", token=None)
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    for marker in ('<html lang="ja">', "LINE シミュレーター", 'data-testid="phone"', 'data-testid="chat"',
                   'data-testid="composer"', 'data-testid="follow"', 'data-testid="block"', 'id="liff-frame"',
                   "/emulator/static/flex.js", "/emulator/static/simulator.js"):
        assert marker in html, marker
    config = json.loads(html.split("window.LINEEMU = ", 1)[1].split(";</script>", 1)[0])
    assert config["botDisplayName"] == line.config.bot_display_name
    assert "channelSecret" not in json.dumps(config) and line.config.channel_secret not in html


def test_the_root_redirects_to_the_simulator(line):
    with urllib.request.urlopen(line.base_url + "/") as response:
        assert response.url.endswith("/simulator")


def test_the_scripts_and_styles_are_served(line):
    for path, marker in [("/emulator/static/flex.js", "FlexRenderer"), ("/emulator/static/simulator.js", "EventSource"),
                         ("/emulator/static/simulator.css", ".phone")]:
        status, _, body = line.call("GET", path, token=None)
        assert status == 200 and marker in body, path


def test_the_liff_shim_knows_the_login_channel_and_the_simulators_user(line):
    user = line.create_user()
    status, headers, script = line.call("GET", "/emulator/liff-sdk.js", token=None,
                                        headers={"Cookie": f"lineemu_user={user.user_id}"})
    assert status == 200 and headers["Content-Type"].startswith("application/javascript")
    for name in ("init", "getIDToken", "getProfile", "isLoggedIn", "closeWindow"):
        assert f"{name}: function" in script, name
    assert f'"loginChannelId": "{line.config.login_channel_id}"' in script and user.user_id in script


def test_gateway_pages_may_call_the_emulator_api_from_another_origin(line):
    request = urllib.request.Request(line.base_url + "/emulator/liff/id-token", method="OPTIONS",
                                     headers={"Origin": "http://127.0.0.1:8000",
                                              "Access-Control-Request-Method": "POST"})
    with urllib.request.urlopen(request) as response:
        assert response.status == 204 and response.headers["Access-Control-Allow-Origin"] == "*"


def test_new_messages_stream_to_the_simulator_as_server_sent_events(line):
    user = line.create_user()
    line.push(user.user_id, text("ライブ"))
    with urllib.request.urlopen(f"{line.base_url}/emulator/users/{user.user_id}/events", timeout=5) as stream:
        assert stream.headers["Content-Type"].startswith("text/event-stream")
        lines = [stream.readline().decode() for _ in range(3)]
    assert lines[1] == "event: message\n" and json.loads(lines[2][6:])["message"]["text"] == "ライブ"
