from datetime import date

from foryou.residents import store
from tests.residents.exports import UME, valid_export, write_export


def test_dates_the_register_allows_but_the_calendar_lacks_are_kept_and_flagged(do_import, tmp_path):
    files = valid_export()
    files["persons.csv"][3]["生年月日"] = "19450230"
    run = do_import(write_export(tmp_path / "e", files))
    assert run.status == "applied"
    warnings = [(p["line"], p["column"], p["code"], p["detail"]) for p in run.problems if p["severity"] == "warning"]
    assert warnings == [(5, "生年月日", "registry_date_flagged", "non_calendar")]
    with store.connect() as con:
        row = con.execute(
            "SELECT birth_date, birth_date_raw, birth_date_kind FROM persons WHERE resident_id = ?", [UME]
        ).fetchone()
    assert row == (date(1945, 2, 28), "19450230", "non_calendar")


def test_an_unknown_birth_date_is_kept_without_a_date(do_import, tmp_path):
    files = valid_export()
    files["persons.csv"][3]["生年月日"] = "不詳"
    do_import(write_export(tmp_path / "e", files))
    with store.connect() as con:
        row = con.execute("SELECT birth_date, birth_date_raw, birth_date_kind FROM persons WHERE resident_id = ?", [UME]).fetchone()
    assert row == (None, "不詳", "unknown")
