from django.conf import settings

from foryou.audit.models import AuditEvent
from foryou.settings.router import ZoneRouter


def test_the_embedded_default_keeps_both_databases_under_the_data_directory():
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        console, gateway = (settings.DATABASES[alias]["NAME"] for alias in ("default", "gateway"))
        # (The test runner prefixes the file names with test_.)
        assert console.startswith(str(settings.DATA_DIR)) and console.endswith("console.sqlite3")
        assert gateway.startswith(str(settings.DATA_DIR)) and gateway.endswith("gateway.sqlite3")


def test_sqlite_databases_use_write_ahead_logging():
    for alias in ("default", "gateway"):
        config = settings.DATABASES[alias]
        if config["ENGINE"].endswith("sqlite3"):
            assert "journal_mode=WAL" in config["OPTIONS"]["init_command"]


def test_console_apps_migrate_only_on_the_console_database():
    router = ZoneRouter()
    assert router.allow_migrate("default", "residents") is True
    assert router.allow_migrate("gateway", "residents") is False
    assert router.allow_migrate("gateway", "gateway") is True
    assert router.allow_migrate("default", "gateway") is False
    assert router.db_for_write(AuditEvent) == "default"


def test_database_urls_from_the_environment_select_postgresql(monkeypatch):
    import os

    from foryou.settings.base import database as _database

    monkeypatch.setenv("FORYOU_TEST_URL", "postgres://u:p@127.0.0.1:5432/foryou")
    assert _database("FORYOU_TEST_URL", "x.sqlite3")["ENGINE"] == "django.db.backends.postgresql"
    if os.environ.get("FORYOU_DATABASE_URL", "").startswith("postgres"):
        # In CI's second run both Django databases really are on PostgreSQL.
        assert settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
        assert settings.DATABASES["gateway"]["ENGINE"] == "django.db.backends.postgresql"
