"""File-level problems: nothing is applied and the previous snapshot stays current and queryable."""

import os

import pytest

from foryou.residents import store
from tests.residents.conftest import codes, persons_count
from tests.residents.exports import valid_export, write_export


@pytest.fixture
def bad_dir(tmp_path):
    return write_export(tmp_path / "bad", valid_export())


def assert_untouched(run, snapshot):
    assert run.status == "rejected"
    assert store.current_snapshot_name() == snapshot
    assert persons_count() == 5


def test_an_empty_file_is_rejected(applied_snapshot, do_import, bad_dir):
    (bad_dir / "resident_tax.csv").write_bytes(b"")
    run = do_import(bad_dir)
    assert_untouched(run, applied_snapshot)
    assert codes(run) == [("resident_tax.csv", None, "", "empty_file")]
    assert "empty" in run.problems[0]["message"] or "空" in run.problems[0]["message"]


def test_a_file_of_random_bytes_is_rejected(applied_snapshot, do_import, bad_dir):
    (bad_dir / "persons.csv").write_bytes(os.urandom(5000).replace(b"\x00", b"\x01"))
    run = do_import(bad_dir)
    assert_untouched(run, applied_snapshot)
    assert codes(run)[0][::3] == ("persons.csv", "unknown_encoding")


def test_a_binary_file_is_rejected(applied_snapshot, do_import, bad_dir):
    (bad_dir / "checkups.csv").write_bytes(os.urandom(2000) + b"\x00" * 10)
    run = do_import(bad_dir)
    assert_untouched(run, applied_snapshot)
    assert codes(run) == [("checkups.csv", None, "", "binary_file")]


def test_a_missing_file_is_rejected(applied_snapshot, do_import, bad_dir):
    (bad_dir / "allowances.csv").unlink()
    run = do_import(bad_dir)
    assert_untouched(run, applied_snapshot)
    assert codes(run) == [("allowances.csv", None, "", "missing_file")]


def test_a_missing_required_column_is_named(applied_snapshot, do_import, tmp_path):
    headers = [c for c in ["宛名番号", "世帯番号", "氏名", "生年月日", "性別", "続柄", "郵便番号", "行政区コード", "行政区",
                           "町字コード", "町字", "住民となった年月日", "支援措置"]]
    bad = write_export(tmp_path / "bad", valid_export(), headers={"persons.csv": headers})
    run = do_import(bad)
    assert_untouched(run, applied_snapshot)
    assert codes(run) == [("persons.csv", 1, "氏名カナ", "missing_column")]


def test_a_persons_file_with_only_a_header_is_rejected(applied_snapshot, do_import, bad_dir):
    files = valid_export() | {"persons.csv": []}
    write_export(bad_dir, files)
    run = do_import(bad_dir)
    assert_untouched(run, applied_snapshot)
    assert ("persons.csv", None, "", "no_rows") in codes(run)


@pytest.mark.parametrize("encoding", ["utf-16", "euc_jp"])
def test_a_file_in_the_wrong_encoding_is_rejected(applied_snapshot, do_import, tmp_path, encoding):
    bad = write_export(tmp_path / "bad", valid_export())
    write_export(tmp_path / "wrong", {"persons.csv": valid_export()["persons.csv"]}, encoding=encoding, errors="replace")
    (bad / "persons.csv").write_bytes((tmp_path / "wrong" / "persons.csv").read_bytes())
    run = do_import(bad)
    assert_untouched(run, applied_snapshot)
    assert codes(run)[0][0] == "persons.csv"
    assert codes(run)[0][3] in {"unknown_encoding", "header_unrecognized", "binary_file"}
