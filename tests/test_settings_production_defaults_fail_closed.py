"""A production zone does not start on a setting that would leave it open: the bridge key must be set and
at least 32 random bytes, the console reaches the gateway over HTTPS only, a gateway with a LINE
channel names its LINE Login channel (no demo channel id by default), and HSTS is on unless turned off."""

import base64

from tests.line.test_a_line_channel_without_its_page_links_stops_start_up import LINKS
from tests.test_settings_stop_start_up_with_one_line import PRODUCTION_KEYS, assert_one_line_error, run_foryou

LINE = {"FORYOU_LINE_CHANNEL_SECRET": "0123456789abcdef0123456789abcdef", "FORYOU_LINE_CHANNEL_ACCESS_TOKENS": "t"}


def zone(name: str, tmp_path, **changes) -> dict:
    env = {"FORYOU_ZONE": name, "FORYOU_DATA_DIR": str(tmp_path)} | PRODUCTION_KEYS | changes
    return {key: value for key, value in env.items() if value is not None}


def printed(env: dict, expression: str) -> str:
    result = run_foryou(["shell", "-v", "0", "-c", f"from django.conf import settings; print({expression})"], env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_a_zone_without_a_bridge_key_stops(tmp_path):
    for name in ("console", "gateway"):
        assert_one_line_error(run_foryou(["check"], zone(name, tmp_path, FORYOU_BRIDGE_KEY=None)),
                              "FORYOU_BRIDGE_KEY is not set", "docs/operations.md")


def test_a_short_or_malformed_bridge_key_stops_in_every_deployable(tmp_path):
    short = base64.b64encode(b"password1234").decode()
    for env in (zone("gateway", tmp_path, FORYOU_BRIDGE_KEY=short), {"FORYOU_DATA_DIR": str(tmp_path),
                                                                     "FORYOU_BRIDGE_KEY": short}):
        assert_one_line_error(run_foryou(["check"], env), "FORYOU_BRIDGE_KEY is 12 bytes long", "at least 32")
    assert_one_line_error(run_foryou(["check"], zone("console", tmp_path, FORYOU_BRIDGE_KEY="not base64!")),
                          "FORYOU_BRIDGE_KEY is not base64")


def test_the_console_reaches_the_gateway_over_https_only(tmp_path):
    assert_one_line_error(run_foryou(["check"], zone("console", tmp_path, FORYOU_GATEWAY_URL=None)),
                          "FORYOU_GATEWAY_URL is not set")
    result = run_foryou(["check"], zone("console", tmp_path, FORYOU_GATEWAY_URL="http://gateway.example.lg.jp"))
    assert_one_line_error(result, "FORYOU_GATEWAY_URL='http://gateway.example.lg.jp' is not an https:// address")


def test_a_gateway_with_line_names_its_login_channel(tmp_path):
    result = run_foryou(["check"], zone("gateway", tmp_path, **LINE, **LINKS))
    assert_one_line_error(result, "FORYOU_LINE_LOGIN_CHANNEL_ID is not set")
    env = zone("gateway", tmp_path, **LINE, **LINKS, FORYOU_LINE_LOGIN_CHANNEL_ID="1657000000")
    assert printed(env, "settings.LINE_LOGIN_CHANNEL_ID") == "1657000000"


def test_hsts_is_on_for_a_year_in_production_and_can_be_turned_off(tmp_path):
    for name in ("console", "gateway"):
        assert printed(zone(name, tmp_path), "settings.SECURE_HSTS_SECONDS") == "31536000"
    assert printed(zone("gateway", tmp_path, FORYOU_HSTS_SECONDS="0"), "settings.SECURE_HSTS_SECONDS") == "0"


def test_the_embedded_product_still_needs_nothing(tmp_path):
    env = {"FORYOU_DATA_DIR": str(tmp_path)}
    assert printed(env, "bool(settings.BRIDGE_KEY), settings.GATEWAY_URL") == "False http://127.0.0.1:8000"
