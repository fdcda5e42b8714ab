"""`foryou mailcatcher` stops cleanly on SIGTERM (what a service manager sends) and on Ctrl+C — also when
a shell started it in the background, where SIGINT arrives ignored and Python would keep ignoring it."""

import os
import signal
import subprocess
import sys

import pytest

from foryou.gateway.email.channel import EmailChannel
from tests.email.conftest import batch


def start(tmp_path, **popen):
    env = os.environ | {"FORYOU_DEMO": "1", "FORYOU_DATA_DIR": str(tmp_path / "var"),
                        "DJANGO_SETTINGS_MODULE": "foryou.settings.embedded"}
    process = subprocess.Popen([sys.executable, "-m", "foryou.cli", "mailcatcher", "--port", "0",
                                "--dir", str(tmp_path / "box")], env=env, stdout=subprocess.PIPE, text=True, **popen)
    port = int(process.stdout.readline().split("127.0.0.1:")[1].split(",")[0])
    return process, port


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT])
def test_the_server_stops_on_the_signal_though_its_parent_ignored_sigint(tmp_path, stop):
    process, port = start(tmp_path, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN))
    try:
        with EmailChannel.from_settings(host="127.0.0.1", port=port, timeout=5) as channel:
            assert channel.send(batch("hanako@example.jp"))[0].ok
    finally:
        process.send_signal(stop)
        assert process.wait(timeout=20) == 0
    assert len(list((tmp_path / "box").glob("*.eml"))) == 1
