"""The importer's fast paths (values already clean pass straight through) give exactly what the general
path gives when every value takes it: the same cleaned tables, kept texts, problem masks and problems,
for rows mixing full-width and half-width forms, surrounding spaces, invalid and partial dates, era
dates and unknown codes."""

import csv
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from foryou.residents import layout
from foryou.residents.checkdigit import with_check_digit
from foryou.residents.importer.build import SnapshotBuilder
from foryou.residents.importer.reading import prepare

AS_OF = date(2026, 11, 27)
HALF_TO_FULL = str.maketrans("0123456789-", "０１２３４５６７８９－")

# Any printable character: an export holds no control characters (a NUL makes it a binary file).
characters = st.characters(blacklist_categories=("Cs", "Cc"))
spaces = st.sampled_from(["", "", "", " ", "　", "\t", " 　 "])


def padded(values):
    return st.tuples(spaces, values, spaces).map("".join)


def full_width_sometimes(values):
    return st.tuples(values, st.booleans()).map(lambda v: v[0].translate(HALF_TO_FULL) if v[1] else v[0])


digit_strings = st.text("0123456789", min_size=1, max_size=12)
resident_ids = st.one_of(digit_strings.map(with_check_digit), digit_strings, st.sampled_from(["", "12a4", "０１２"]))
kana = st.one_of(
    st.sampled_from(["チバ タロウ", "ﾁﾊﾞ ﾊﾅｺ", "ちば いちろう", "チバ　タロウ", "チバ  タロウ", "ヴァイオレット", "Tanaka", "カ・ナ"]),
    st.text("アイウガキギンーヴ・ｱｲｶﾞﾊﾟｰあいがぱ　 ab", max_size=8),
)
dates = st.one_of(
    st.dates(date(1790, 1, 1), date(2210, 12, 31)).map(lambda d: d.strftime("%Y%m%d")),
    st.text("0123456789", min_size=7, max_size=9),
    st.sampled_from(["19350400", "19300000", "19450230", "00000000", "不詳", "H01.04.07", "昭和60年4月12日",
                     "1985-04-12", "1985/4/1", "22000101", "21991231", "18000101", "17991231", "2026-13-01", "x"]),
)
codes = st.one_of(st.sampled_from(layout.RELATIONSHIPS + layout.CHANGE_REASONS + layout.SEX_CODES + ("男", "F", "王様", "")),
                  st.text(characters, max_size=3))
flags = st.sampled_from(["0", "1", "有", "無", "true", "FALSE", "2", "x", ""])
postal_codes = st.one_of(st.text("0123456789-", max_size=9), st.sampled_from(["2608722", "260-8722", "26-87"]))
integers = st.one_of(st.integers(-10**16, 10**16).map(str), st.sampled_from(["1,234", "-0", "12a", "420万", ""]))
texts = st.text(characters, max_size=6)

by_type = {
    layout.RESIDENT_ID: resident_ids, layout.DIGITS: digit_strings, layout.TEXT: texts, layout.KANA: kana,
    layout.REGISTRY_DATE: dates, layout.DATE: dates, layout.CODE: codes, layout.FLAG: flags,
    layout.POSTAL_CODE: postal_codes, layout.INTEGER: integers, layout.COUNT: integers,
}


def rows_of(export):
    row = st.tuples(*[padded(full_width_sometimes(by_type[c.type])) for c in export.columns])
    return st.lists(row, min_size=1, max_size=12)


def cleaned(tmp_path, files, fast):
    work = tmp_path / ("fast" if fast else "general")
    work.mkdir()
    builder = SnapshotBuilder(work / "snapshot.duckdb", AS_OF, "test", work_dir=work, fast=fast)
    try:
        tables = {}
        for export in layout.EXPORT_FILES:
            builder.stage(prepare(files / export.filename, export, work))
            builder.clean(export)
            tables[export.table] = builder.con.execute(f"SELECT * FROM clean_{export.table} ORDER BY __line").fetchall()
        problems = builder.con.execute("SELECT * FROM problems ORDER BY ALL").fetchall()
        return tables, problems
    finally:
        builder.con.close()


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.tuples(*[rows_of(export) for export in layout.EXPORT_FILES]))
def test_fast_paths_clean_rows_exactly_as_the_general_path(tmp_path_factory, files):
    tmp_path = tmp_path_factory.mktemp("export")
    source = tmp_path / "export"
    source.mkdir()
    for export, rows in zip(layout.EXPORT_FILES, files):
        with open(source / export.filename, "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow([c.header for c in export.columns])
            writer.writerows(rows)
    assert cleaned(tmp_path, source, fast=True) == cleaned(tmp_path, source, fast=False)
