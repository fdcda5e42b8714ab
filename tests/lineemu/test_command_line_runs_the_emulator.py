"""`foryou lineemu` (Django management command) and `python -m foryou.dev.lineemu` serve the emulator with the
given options."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, token: str, timeout: float = 20) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        try:
            request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"})
            with urllib.request.urlopen(request, timeout=2) as response:
                return json.loads(response.read())
        except (urllib.error.URLError, ConnectionError):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


@pytest.mark.parametrize("command", [
    ["-m", "foryou.cli", "lineemu"],
    ["-m", "foryou.dev.lineemu"],
], ids=["foryou lineemu", "python -m foryou.dev.lineemu"])
def test_the_command_serves_with_its_options(command):
    port = free_port()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings",
           "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    process = subprocess.Popen([sys.executable, *command, "--port", str(port), "--access-token", "cli-token",
                                "--monthly-limit", "42", "--bot-name", "テスト市", "--push-rate", "5"],
                               cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        info = wait_for(f"http://127.0.0.1:{port}/v2/bot/info", "cli-token")
        assert info["displayName"] == "テスト市"
        assert wait_for(f"http://127.0.0.1:{port}/v2/bot/message/quota", "cli-token") == {"type": "limited", "value": 42}
    finally:
        process.send_signal(signal.SIGINT)
        output = process.communicate(timeout=10)[0].decode()
    assert f"http://127.0.0.1:{port}" in output and "/simulator" in output
