import os
import subprocess
import sys


def run_check(env_extra: dict) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FORYOU_")}
    env |= {"DJANGO_SETTINGS_MODULE": "foryou.settings"} | env_extra
    return subprocess.run(
        [sys.executable, "-c", "from foryou.cli import main; main(['foryou', 'check'])"],
        env=env, capture_output=True, text=True, timeout=120,
    )


def test_start_up_stops_with_a_clear_message_without_a_secret_key(tmp_path):
    result = run_check({"FORYOU_DATA_DIR": str(tmp_path)})
    assert result.returncode != 0
    assert "FORYOU_SECRET_KEY is not set" in result.stderr
    assert "docs/operations.md" in result.stderr


def test_production_settings_come_from_the_environment(tmp_path):
    result = run_check({"FORYOU_DATA_DIR": str(tmp_path), "FORYOU_SECRET_KEY": "x" * 60,
                        "FORYOU_ALLOWED_HOSTS": "foryou.example.lg.jp"})
    assert result.returncode == 0, result.stderr


def test_debug_mode_keeps_a_generated_key_in_the_data_directory(tmp_path):
    result = run_check({"FORYOU_DATA_DIR": str(tmp_path), "FORYOU_DEBUG": "1"})
    assert result.returncode == 0, result.stderr
    assert len((tmp_path / "secret_key").read_text()) >= 50
