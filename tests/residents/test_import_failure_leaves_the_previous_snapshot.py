import pytest

from foryou.residents import store
from foryou.residents.importer.build import SnapshotBuilder
from foryou.residents.models import ImportRun
from foryou.residents.services import import_lock
from tests.residents.conftest import persons_count


def test_a_crash_while_building_changes_nothing(applied_snapshot, do_import, export_dir, monkeypatch):
    def crash(self):
        raise OSError("disk full")

    monkeypatch.setattr(SnapshotBuilder, "derive", crash)
    with pytest.raises(OSError):
        do_import(export_dir)

    assert store.current_snapshot_name() == applied_snapshot
    assert persons_count() == 5
    assert ImportRun.objects.order_by("-id").first().status == "failed"
    assert not list(store.analysis_dir().glob("building-*"))


def test_an_import_interrupted_by_a_killed_process_is_marked_and_cleaned_up(applied_snapshot, do_import, export_dir):
    # What a killed process leaves: a run still marked running and a half-built file.
    stale = ImportRun.objects.create(actor_label="system", source="x", as_of="2026-11-26")
    (store.analysis_dir() / "building-20261126-000009-1234.duckdb").write_bytes(b"partial")

    run = do_import(export_dir)

    stale.refresh_from_db()
    assert stale.status == "interrupted"
    assert run.status == "applied"
    assert not list(store.analysis_dir().glob("building-*"))


def test_two_imports_cannot_run_at_once(applied_snapshot, do_import, export_dir):
    from foryou.residents.services import ImportBusy

    with import_lock():
        with pytest.raises(ImportBusy):
            do_import(export_dir)
