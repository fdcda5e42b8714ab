"""My Number Card verification is off until its issuer is set; then each missing or wrong setting stops
`foryou` with one line naming the variable, never a traceback."""

import json

from joserfc.jwk import RSAKey

from tests.test_settings_stop_start_up_with_one_line import assert_one_line_error, run_foryou

KEY = json.dumps(RSAKey.generate_key(2048).as_dict(private=True))
GOOD = {"FORYOU_MYNUMBER_ISSUER": "https://auth-and-sign.go.jp/api/realms/main", "FORYOU_MYNUMBER_CLIENT_ID": "RP00000001",
        "FORYOU_MYNUMBER_CLIENT_KEY": KEY, "FORYOU_MYNUMBER_REDIRECT_URI": "https://gateway.example.lg.jp/mynumber/callback"}


def check(tmp_path, **env):
    return run_foryou(["check"], {"FORYOU_ZONE": "embedded", "FORYOU_DATA_DIR": str(tmp_path)} | env)


def test_each_wrong_setting_names_its_variable(tmp_path):
    assert_one_line_error(check(tmp_path, **GOOD | {"FORYOU_MYNUMBER_CLIENT_ID": ""}), "FORYOU_MYNUMBER_CLIENT_ID")
    assert_one_line_error(check(tmp_path, **GOOD | {"FORYOU_MYNUMBER_CLIENT_KEY": "secret"}), "FORYOU_MYNUMBER_CLIENT_KEY",
                          "JWK")
    assert_one_line_error(check(tmp_path, **GOOD | {"FORYOU_MYNUMBER_ISSUER": "http://auth.example.jp/realms/main"}),
                          "FORYOU_MYNUMBER_ISSUER", "https://")
    assert_one_line_error(check(tmp_path, **GOOD | {"FORYOU_MYNUMBER_REDIRECT_URI": ""}), "FORYOU_MYNUMBER_REDIRECT_URI")


def test_right_settings_and_no_settings_start(tmp_path):
    assert check(tmp_path, **GOOD).returncode == 0
    assert check(tmp_path).returncode == 0
