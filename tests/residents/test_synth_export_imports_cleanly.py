"""The synthetic city is a valid export: the product's own importer accepts it without errors."""

import io
from datetime import date

import pytest

from foryou.residents.services import run_import
from foryou.dev.synth import generate

AS_OF = date(2026, 11, 27)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp932"])
def test_the_importer_accepts_the_synthetic_city_without_errors(tmp_path, data_dir, db, encoding):
    generate(3000, seed=11, out_dir=tmp_path / "export", encoding=encoding, as_of=AS_OF)

    run = run_import(tmp_path / "export", AS_OF, stream=io.StringIO())

    errors = [p for p in run.problems if p["severity"] == "error"]
    assert run.status == "applied", errors[:5]
    assert errors == []
