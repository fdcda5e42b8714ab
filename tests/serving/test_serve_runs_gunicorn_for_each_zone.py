"""`foryou serve --zone console|gateway` runs gunicorn on a loopback port, on the test's own database
(SQLite or PostgreSQL, as the run uses): each zone answers with its own pages and static files, served
by WhiteNoise from the same process, and not with the other zone's."""

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.db import connections

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "gateway"])


def database_url(alias: str) -> str:
    config = connections[alias].settings_dict
    if config["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{config['NAME']}"
    return f"postgres://{config['USER']}:{config['PASSWORD']}@{config['HOST']}:{config['PORT']}/{config['NAME']}"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(zone: str, tmp_path: Path):
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FORYOU_", "DJANGO_"))} | {
        "PYTHONPATH": str(ROOT / "src"),
        "FORYOU_SECRET_KEY": "s" * 20 + "ecret-key-for-the-serving-test-" + "9" * 10,
        "FORYOU_ALLOWED_HOSTS": "127.0.0.1",
        "FORYOU_SSL_REDIRECT": "0",
        "FORYOU_DATA_DIR": str(tmp_path / zone),
        "FORYOU_DATABASE_URL": database_url("default"),
        "FORYOU_GATEWAY_DATABASE_URL": database_url("gateway"),
        "FORYOU_BRIDGE_KEY": "a2V5LWtleS1rZXkta2V5LWtleS1rZXkta2V5LWtleS0=",
        "FORYOU_NUMBER_KEY": "bnVtYmVyLWtleS1udW1iZXIta2V5LW51bWJlci1rZXk=",
        "FORYOU_GATEWAY_URL": "https://gateway.example.lg.jp",
    }
    log = tempfile.TemporaryFile()
    server = subprocess.Popen([sys.executable, "-m", "foryou.cli", "serve", "--zone", zone,
                               "--bind", f"127.0.0.1:{port}", "--workers", "1"],
                              env=env, stdout=log, stderr=subprocess.STDOUT)
    server.log = log
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(base + "/healthz", timeout=2)
            return server, base
        except (urllib.error.URLError, ConnectionError, TimeoutError):  # a busy machine starts slowly
            if server.poll() is not None or time.monotonic() > deadline:
                log.seek(0)
                raise AssertionError(f"foryou serve did not start: {log.read().decode(errors='replace')[-3000:]}")
            time.sleep(0.2)


def fetch(url: str) -> tuple[int, dict, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def stop(server) -> None:
    server.terminate()
    server.wait(timeout=30)


def test_the_gateway_zone_serves_resident_pages_and_static_files_not_the_console(tmp_path):
    server, base = serve("gateway", tmp_path)
    try:
        status, headers, body = fetch(base + "/apply/")
        assert status == 200 and 'name="name_kana"' in body.decode()
        status, headers, body = fetch(base + "/static/gateway/resident.css")
        assert status == 200 and headers["Content-Type"].startswith("text/css") and body
        # collectstatic gave the file a hashed name, cached for a year
        hashed = [p.name for p in (tmp_path / "gateway" / "static" / "gateway").iterdir() if p.name.startswith("resident.")]
        assert any(len(name.split(".")) == 3 for name in hashed)
        for console_page in ("/login/", "/notices/", "/staff/", "/static/foryou/console.css"):
            assert fetch(base + console_page)[0] == 404, console_page
    finally:
        stop(server)


def test_the_console_zone_serves_staff_pages_and_static_files_not_resident_pages(tmp_path):
    server, base = serve("console", tmp_path)
    try:
        status, headers, body = fetch(base + "/login/")
        assert status == 200 and "ログイン" in body.decode()
        status, headers, body = fetch(base + "/static/foryou/console.css")
        assert status == 200 and headers["Content-Type"].startswith("text/css") and body
        for gateway_page in ("/apply/", "/activate/", "/line/webhook", "/bridge/v1/pull", "/static/gateway/resident.css"):
            assert fetch(base + gateway_page)[0] == 404, gateway_page
    finally:
        stop(server)
