import pytest

from foryou.residents import store
from tests.residents.exports import HANAKO, valid_export, write_export


@pytest.mark.parametrize("encoding, detected", [
    ("utf-8", "UTF-8"), ("utf-8-sig", "UTF-8"), ("cp932", "CP932"),
])
def test_each_supported_encoding_is_detected(do_import, tmp_path, encoding, detected):
    files = valid_export()
    if encoding == "cp932":  # CP932 has no 𠮷: a core system writes the substitute 吉
        files["persons.csv"][4]["氏名"] = "吉田　次郎"
    run = do_import(write_export(tmp_path / encoding, files, encoding=encoding))
    assert run.status == "applied", run.problems
    assert {info["encoding"] for info in run.files.values()} == {detected}
    with store.connect() as con:
        assert con.execute("SELECT name FROM persons WHERE resident_id = ?", [HANAKO]).fetchone()[0] == "千葉　花子"


def test_english_aliases_are_accepted_as_headers(do_import, tmp_path):
    from foryou.residents import layout

    headers = {e.filename: [c.name for c in e.columns] for e in layout.EXPORT_FILES}
    files = {
        name: [{c.name: row.get(c.header, "") for c in e.columns} for row in valid_export()[name]]
        for e in layout.EXPORT_FILES for name in [e.filename]
    }
    run = do_import(write_export(tmp_path / "aliases", files, headers=headers))
    assert run.status == "applied", run.problems


def test_a_quoted_field_with_a_line_break_keeps_the_record_line_number(do_import, tmp_path):
    files = valid_export()
    files["persons.csv"][1]["方書"] = "千葉ハイツ\n101号室"
    files["persons.csv"][3]["氏名カナ"] = "Takahashi"  # an error after the multi-line record
    run = do_import(write_export(tmp_path / "multiline", files))
    errors = [(p["line"], p["code"]) for p in run.problems if p["severity"] == "error"]
    assert errors == [(6, "not_kana")]  # line 6: the break pushed the 4th record down by one line
