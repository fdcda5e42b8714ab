import io
from datetime import date
from pathlib import Path

import pytest

from foryou.residents import store
from foryou.residents.services import run_import
from tests.residents.exports import valid_export, write_export

AS_OF = date(2026, 11, 27)


@pytest.fixture
def export_dir(tmp_path) -> Path:
    return write_export(tmp_path / "export", valid_export())


@pytest.fixture
def do_import(data_dir, db):
    def run(directory: Path, as_of: date = AS_OF, **kwargs):
        return run_import(directory, as_of, stream=io.StringIO(), **kwargs)

    return run


@pytest.fixture
def applied_snapshot(do_import, export_dir):
    """A first import that succeeded; tests then check that bad imports leave it untouched."""
    run = do_import(export_dir)
    assert run.status == "applied", run.problems
    return store.current_snapshot_name()


def persons_count() -> int:
    with store.connect() as con:
        return con.execute("SELECT count(*) FROM persons").fetchone()[0]


def codes(run) -> list[tuple]:
    return [(p["file"], p["line"], p["column"], p["code"]) for p in run.problems if p["severity"] == "error"]
