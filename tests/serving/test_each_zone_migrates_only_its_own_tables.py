"""Each deployable migrates its own database only: a fresh gateway database holds the gateway's tables
and its task queue, nothing of the console; a fresh console database holds no gateway table."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
KEYS = {"FORYOU_SECRET_KEY": "k" * 30 + "-a-long-secret-for-migrating-" + "7" * 10, "FORYOU_ALLOWED_HOSTS": "x",
        "FORYOU_BRIDGE_KEY": "a2V5LWtleS1rZXkta2V5LWtleS1rZXkta2V5LWtleS0=",
        "FORYOU_GATEWAY_URL": "https://gateway.example.lg.jp",
        "FORYOU_NUMBER_KEY": "bnVtYmVyLWtleS1udW1iZXIta2V5LW51bWJlci1rZXk="}


def migrate(zone: str, tmp_path: Path) -> list[str]:
    database = tmp_path / f"{zone}.sqlite3"
    variable = "FORYOU_GATEWAY_DATABASE_URL" if zone == "gateway" else "FORYOU_DATABASE_URL"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FORYOU_", "DJANGO_"))} | KEYS | {
        "PYTHONPATH": str(ROOT / "src"), "FORYOU_ZONE": zone, "FORYOU_DATA_DIR": str(tmp_path),
        variable: f"sqlite:///{database}"}
    result = subprocess.run([sys.executable, "-m", "foryou.cli", "migrate", "-v", "0"], env=env,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(database) as db:
        return sorted(name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
                      if not name.startswith("sqlite_"))


def test_a_fresh_gateway_database_holds_only_gateway_tables(tmp_path):
    tables = migrate("gateway", tmp_path)
    assert "gateway_subscriber" in tables and "django_tasks_database_dbtaskresult" in tables
    others = [t for t in tables if not t.startswith(("gateway_", "django_tasks_database_")) and t != "django_migrations"]
    assert others == [], f"console tables in the gateway database: {others}"


def test_a_fresh_console_database_holds_no_gateway_table(tmp_path):
    tables = migrate("console", tmp_path)
    assert "residents_importrun" in tables and "auth_user" in tables and "bridge_pendingpush" in tables
    assert [t for t in tables if t.startswith(("gateway_", "django_tasks"))] == []
