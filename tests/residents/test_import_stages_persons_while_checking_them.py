"""Persons are staged as plain UTF-8 while prepare() still checks the file (SnapshotBuilder.stage_ahead):
the staged rows are kept only when prepare() finds the file plain UTF-8, and otherwise replaced by the
rows it prepared, so what is staged is the same either way."""

from datetime import date

from foryou.residents import layout
from foryou.residents.importer.build import SnapshotBuilder
from foryou.residents.importer.reading import prepare
from tests.residents.exports import valid_export, write_export

AS_OF = date(2026, 11, 27)


def staged(tmp_path, directory, ahead: bool):
    work = tmp_path / f"work-{ahead}"
    work.mkdir()
    builder = SnapshotBuilder(work / "snapshot.duckdb", AS_OF, "test", work_dir=work)
    try:
        source = directory / layout.PERSONS.filename
        if ahead:
            builder.stage_ahead(source, layout.PERSONS)
        was_ahead = layout.PERSONS.table in builder.staged_ahead
        builder.stage(prepare(source, layout.PERSONS, work))
        builder.clean(layout.PERSONS)
        rows = builder.con.execute("SELECT * FROM clean_persons ORDER BY __line").fetchall()
        leftovers = builder.con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE temporary AND table_name LIKE 'raw_%' "
            "UNION ALL SELECT view_name FROM duckdb_views() WHERE temporary AND view_name LIKE 'raw_%'").fetchall()
        return was_ahead, rows, leftovers
    finally:
        builder.con.close()


def test_a_plain_utf8_file_staged_ahead_is_kept_with_the_same_rows(tmp_path):
    directory = write_export(tmp_path / "export", valid_export())
    ahead, rows, leftovers = staged(tmp_path, directory, ahead=True)
    assert ahead
    assert (rows, leftovers) == staged(tmp_path, directory, ahead=False)[1:]
    assert len(rows) == 5 and leftovers == []


def test_a_quoted_file_staged_ahead_is_replaced_by_the_numbered_copy(tmp_path):
    files = valid_export()
    # A quoted line break: the record spans lines 2 and 3, so rowid order would misnumber the lines after it.
    files["persons.csv"][0]["方書"] = "サンマンション\n101"
    directory = write_export(tmp_path / "export", files)
    ahead, rows, leftovers = staged(tmp_path, directory, ahead=True)
    assert ahead
    assert (rows, leftovers) == staged(tmp_path, directory, ahead=False)[1:]
    assert [row[0] for row in rows] == [2, 4, 5, 6, 7] and leftovers == []


def test_a_cp932_file_is_not_staged_ahead(tmp_path):
    directory = write_export(tmp_path / "export", valid_export(), encoding="cp932", errors="replace")
    ahead, rows, _ = staged(tmp_path, directory, ahead=True)
    assert not ahead
    assert len(rows) == 5
