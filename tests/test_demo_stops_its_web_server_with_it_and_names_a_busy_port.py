"""The demo's web server and worker stop with the demo — on Ctrl+C and on a plain `kill` (SIGTERM), as a
service manager sends — so the port is free for the next start; a port already in use is named at once,
in one line, before anything is prepared."""

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SERVE = """
import os, sys, django
django.setup()
from foryou.dev.management.commands.demo import serve
serve(int(sys.argv[1]))
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def listening(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


def env(tmp_path) -> dict:
    return {k: v for k, v in os.environ.items() if not k.startswith(("FORYOU_", "DJANGO_"))} | {
        "DJANGO_SETTINGS_MODULE": "foryou.settings.embedded", "FORYOU_DATA_DIR": str(tmp_path),
        "PYTHONPATH": f"{ROOT / 'src'}{os.pathsep}{ROOT}"}


def test_a_sigterm_to_the_demo_stops_its_web_server_and_frees_the_port(tmp_path):
    port = free_port()
    demo = subprocess.Popen([sys.executable, "-c", SERVE, str(port)], env=env(tmp_path),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while not listening(port):
            assert demo.poll() is None and time.monotonic() < deadline, "the web server did not start"
            time.sleep(0.2)
        demo.send_signal(signal.SIGTERM)
        demo.wait(timeout=40)
        deadline = time.monotonic() + 10
        while listening(port):
            assert time.monotonic() < deadline, "the web server outlived the demo"
            time.sleep(0.2)
    finally:  # whatever happened, nothing of it stays behind (the group: the demo and its web server)
        try:
            os.killpg(demo.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def test_a_port_in_use_is_named_in_one_line_before_anything_is_prepared(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run([sys.executable, "-m", "foryou.cli", "demo", "--port", str(port)],
                                env=env(tmp_path), capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(port) in lines[0] and "--port" in lines[0], result.stderr
    assert not (tmp_path / "analysis").exists()  # nothing prepared
