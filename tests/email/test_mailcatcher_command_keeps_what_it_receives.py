"""`foryou mailcatcher --port 0` serves SMTP in its own process and keeps each message as a file."""

import os
import signal
import subprocess
import sys

from foryou.gateway.email.channel import EmailChannel
from tests.email.conftest import batch


def test_the_command_receives_and_stores_mail(tmp_path, settings):
    env = os.environ | {"FORYOU_DEMO": "1", "FORYOU_DATA_DIR": str(tmp_path / "var"),
                        "DJANGO_SETTINGS_MODULE": "foryou.settings.embedded"}
    process = subprocess.Popen([sys.executable, "-m", "foryou.cli", "mailcatcher", "--port", "0",
                                "--dir", str(tmp_path / "box")], env=env, stdout=subprocess.PIPE, text=True)
    try:
        line = process.stdout.readline()
        port = int(line.split("127.0.0.1:")[1].split(",")[0])
        with EmailChannel.from_settings(host="127.0.0.1", port=port, timeout=5) as channel:
            assert channel.send(batch("hanako@example.jp"))[0].ok
    finally:
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=10) == 0
    [stored] = list((tmp_path / "box").glob("*.eml"))
    assert b"To: hanako@example.jp" in stored.read_bytes()


def test_several_server_processes_share_the_port_and_stop_together(tmp_path):
    env = os.environ | {"FORYOU_DEMO": "1", "FORYOU_DATA_DIR": str(tmp_path / "var"),
                        "DJANGO_SETTINGS_MODULE": "foryou.settings.embedded"}
    process = subprocess.Popen([sys.executable, "-m", "foryou.cli", "mailcatcher", "--port", "0", "--processes", "3",
                                "--dir", str(tmp_path / "box")], env=env, stdout=subprocess.PIPE, text=True)
    try:
        line = process.stdout.readline()
        assert "(3 processes)" in line
        port = int(line.split("127.0.0.1:")[1].split(",")[0])
        children = [int(p) for p in open(f"/proc/{process.pid}/task/{process.pid}/children").read().split()]
        assert len(children) == 2
        channels = [EmailChannel.from_settings(host="127.0.0.1", port=port, timeout=5) for _ in range(6)]
        for i, channel in enumerate(channels):  # six connections, spread by the kernel over the processes
            assert channel.send(batch(f"r{i}@example.jp"))[0].ok
            channel.close()
    finally:
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=10) == 0
    assert len(list((tmp_path / "box").glob("*.eml"))) == 6
    assert not any(os.path.exists(f"/proc/{pid}") and "Z" not in open(f"/proc/{pid}/stat").read().split()[2]
                   for pid in children)
