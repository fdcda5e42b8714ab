"""A configuration error stops `foryou` with one line that says what to set and where it is
documented, and exit status 2 — never a traceback. The embedded product needs no setting at all."""

import os
import subprocess
import sys

BRIDGE_KEY = "a2V5LWtleS1rZXkta2V5LWtleS1rZXkta2V5LWtleS0="  # base64 of 32 bytes
PRODUCTION_KEYS = {"FORYOU_SECRET_KEY": "x" * 60, "FORYOU_ALLOWED_HOSTS": "foryou.example.lg.jp",
                   "FORYOU_BRIDGE_KEY": BRIDGE_KEY, "FORYOU_GATEWAY_URL": "https://gateway.example.lg.jp",
                   "FORYOU_NUMBER_KEY": "bnVtYmVyLWtleS1udW1iZXIta2V5LW51bWJlci1rZXk="}


def run_foryou(args: list[str], env_extra: dict) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FORYOU_", "DJANGO_"))} | env_extra
    return subprocess.run([sys.executable, "-m", "foryou.cli", *args], env=env, capture_output=True, text=True,
                          timeout=120)


def assert_one_line_error(result: subprocess.CompletedProcess, *words: str) -> None:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("foryou: ")
    for word in words:
        assert word in lines[0]


def test_a_production_zone_without_a_secret_key_stops_with_one_line(tmp_path):
    for zone in ("console", "gateway"):
        result = run_foryou(["check"], {"FORYOU_ZONE": zone, "FORYOU_DATA_DIR": str(tmp_path)})
        assert_one_line_error(result, "FORYOU_SECRET_KEY is not set", "docs/operations.md")


def test_an_unknown_zone_stops_start_up(tmp_path):
    result = run_foryou(["check"], {"FORYOU_ZONE": "gatway", "FORYOU_DATA_DIR": str(tmp_path)})
    assert_one_line_error(result, "FORYOU_ZONE", "console, gateway or embedded")


def test_production_settings_need_their_zone_named(tmp_path):
    result = run_foryou(["check"], {"DJANGO_SETTINGS_MODULE": "foryou.settings.gateway",
                                    "FORYOU_DATA_DIR": str(tmp_path)} | PRODUCTION_KEYS)
    assert_one_line_error(result, "FORYOU_ZONE is not set", "FORYOU_ZONE=gateway")
    result = run_foryou(["check"], {"DJANGO_SETTINGS_MODULE": "foryou.settings.gateway", "FORYOU_ZONE": "console",
                                    "FORYOU_DATA_DIR": str(tmp_path)} | PRODUCTION_KEYS)
    assert_one_line_error(result, "does not match")


def test_a_malformed_number_names_the_variable(tmp_path):
    result = run_foryou(["check"], {"FORYOU_DATA_DIR": str(tmp_path), "FORYOU_ACTIVATION_DAYS": "ninety"})
    assert_one_line_error(result, "FORYOU_ACTIVATION_DAYS='ninety' is not a whole number")


def test_production_zones_start_with_their_settings_from_the_environment(tmp_path):
    for zone in ("console", "gateway"):
        result = run_foryou(["check"], {"FORYOU_ZONE": zone, "FORYOU_DATA_DIR": str(tmp_path)} | PRODUCTION_KEYS)
        assert result.returncode == 0, result.stderr


def test_the_embedded_product_keeps_a_generated_key_in_the_data_directory_without_debug_mode(tmp_path):
    result = run_foryou(["check"], {"FORYOU_DATA_DIR": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    key = tmp_path / "secret_key"
    assert len(key.read_text()) >= 50 and key.stat().st_mode & 0o077 == 0
    result = run_foryou(["shell", "-v", "0", "-c", "from django.conf import settings; print(settings.DEBUG, settings.ZONE)"],
                        {"FORYOU_DATA_DIR": str(tmp_path)})
    assert result.stdout.split() == ["False", "embedded"], result.stderr
