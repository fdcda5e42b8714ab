"""Row-level problems: each is named by file, line and column; above the threshold nothing is applied."""

from foryou.residents import store
from tests.residents.conftest import codes, persons_count
from foryou.residents.checkdigit import with_check_digit
from tests.residents.exports import ICHIRO, TARO, person, valid_export, write_export


def import_with(do_import, tmp_path, change, **kwargs):
    files = valid_export()
    change(files)
    return do_import(write_export(tmp_path / "bad", files), **kwargs)


def test_a_duplicate_resident_id_is_named_with_both_lines(applied_snapshot, do_import, tmp_path):
    run = import_with(do_import, tmp_path, lambda f: f["persons.csv"].append(dict(f["persons.csv"][0], 続柄="子")))
    assert run.status == "rejected"
    assert codes(run) == [("persons.csv", 7, "宛名番号", "duplicate_resident")]
    assert run.problems[0]["detail"] == "2"
    assert store.current_snapshot_name() == applied_snapshot


def test_a_bad_check_digit_is_named(applied_snapshot, do_import, tmp_path):
    def change(files):
        files["persons.csv"][2]["宛名番号"] = ICHIRO[:-1] + str((int(ICHIRO[-1]) + 1) % 10)
        files["checkups.csv"] = []

    run = import_with(do_import, tmp_path, change)
    assert codes(run) == [("persons.csv", 4, "宛名番号", "bad_check_digit")]
    assert persons_count() == 5


def test_a_household_without_a_head_is_named(applied_snapshot, do_import, tmp_path):
    def change(files):
        files["persons.csv"][0]["続柄"] = "子"

    run = import_with(do_import, tmp_path, change, max_errors=1)
    assert codes(run) == [("persons.csv", 2, "世帯番号", "household_without_head")]
    assert run.problems[0]["value"] == "0000300011"
    # The whole household, and the rows that depend on its members, are left out.
    assert run.files["persons.csv"]["left_out"] == 3
    assert run.files["resident_tax.csv"]["left_out"] == 1
    with store.connect() as con:
        assert con.execute("SELECT count(*) FROM persons WHERE household_id = '0000300011'").fetchone()[0] == 0


def test_non_numeric_income_is_named(applied_snapshot, do_import, tmp_path):
    run = import_with(do_import, tmp_path, lambda f: f["resident_tax.csv"][0].update(合計所得金額="420万"))
    assert codes(run) == [("resident_tax.csv", 2, "合計所得金額", "not_integer")]
    assert run.problems[0]["value"] is None  # tax figures never appear in reports


def test_a_truncated_last_line_is_named(applied_snapshot, do_import, tmp_path, export_dir):
    path = export_dir / "persons.csv"
    data = path.read_bytes().rstrip(b"\r\n")
    path.write_bytes(data[: data.rindex(b",20100401")])  # cut in the middle of the last record
    run = do_import(export_dir)
    assert run.status == "rejected"
    assert codes(run) == [("persons.csv", 6, "", "missing_columns")]
    assert store.current_snapshot_name() == applied_snapshot


def test_a_row_with_too_many_fields_is_named(applied_snapshot, do_import, export_dir):
    path = export_dir / "checkups.csv"
    path.write_bytes(path.read_bytes() + "1,2,3,4\r\n".encode())
    run = do_import(export_dir)
    assert ("checkups.csv", 3, "", "too_many_columns") in codes(run)


def test_an_unknown_resident_in_a_dependent_file_is_named(applied_snapshot, do_import, tmp_path):
    run = import_with(do_import, tmp_path, lambda f: f["checkups.csv"].append({"宛名番号": with_check_digit("000099999"), "種別": "特定健診", "実施日": "20250101"}))
    assert ("checkups.csv", 3, "宛名番号", "unknown_resident") in codes(run)


def test_bad_values_of_each_type_are_named(applied_snapshot, do_import, tmp_path):
    def change(files):
        files["persons.csv"].append(person("0000012394", "0000300044", "", "Tanaka", "19851301", "x", "王様",
                                           郵便番号="26-87", 支援措置="maybe", 消除日="20200101"))
        files["allowances.csv"][0].update(受給開始日="20260230", 受給終了日="20250101")

    run = import_with(do_import, tmp_path, change)
    found = {(c[2], c[3]) for c in codes(run)}
    assert {
        ("氏名", "required"), ("氏名カナ", "not_kana"), ("生年月日", "bad_date"), ("性別", "bad_code"),
        ("続柄", "bad_code"), ("郵便番号", "bad_postal_code"), ("支援措置", "bad_flag"),
        ("消除事由", "removal_reason_missing"), ("受給開始日", "bad_date"),
    } <= found


def test_rows_with_problems_are_left_out_when_under_the_threshold(applied_snapshot, do_import, tmp_path):
    run = import_with(do_import, tmp_path, lambda f: f["resident_tax.csv"][0].update(合計所得金額="abc"), max_errors=5)
    assert run.status == "applied"
    assert run.error_count == 1
    assert run.files["resident_tax.csv"]["accepted"] == 1
    with store.connect() as con:
        assert con.execute("SELECT count(*) FROM resident_tax WHERE resident_id = ?", [TARO]).fetchone()[0] == 0


def test_an_empty_kana_name_is_named_as_required(applied_snapshot, do_import, tmp_path):
    # An empty field once reached the kana normaliser as None: an internal error instead of this problem.
    run = import_with(do_import, tmp_path, lambda f: f["persons.csv"][3].update(氏名カナ="　"), max_errors=1)
    assert codes(run) == [("persons.csv", 5, "氏名カナ", "required")]
    assert run.status == "applied"
