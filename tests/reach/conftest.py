import io
from datetime import date

import pytest

from foryou.accounts import services as accounts
from foryou.accounts.testing import PASSWORD


@pytest.fixture
def city(tmp_path, data_dir, db):
    """A small synthetic city imported by the product's own importer."""
    from foryou.dev.synth import generate
    from foryou.residents.services import run_import

    generate(300, seed=5, out_dir=tmp_path / "export", as_of=date(2026, 11, 27))
    assert run_import(tmp_path / "export", date(2026, 11, 27), stream=io.StringIO()).status == "applied"


@pytest.fixture
def kenko(db):
    """健康支援課's editor and approver (programs/kenko-shinsa.yml: 75 and over)."""
    editor = accounts.add_staff("kenko-editor", PASSWORD, role="editor", department="健康支援課", create_department=True)
    approver = accounts.add_staff("kenko-approver", PASSWORD, role="approver", department="健康支援課")
    return editor, approver
