"""A file whose lines are its records (no quotes, no blank lines) is read as it is, without the numbered
copy; the problems it reports name the same lines as when the copy is made."""

import re

from hypothesis import given, settings, strategies as st

from foryou.residents.importer.reading import plain_layout
from tests.residents.conftest import codes
from tests.residents.exports import ICHIRO, valid_export, write_export


def reference_plain_records(data: bytes) -> int | None:
    """The rule stated plainly over the whole file: no quote, no lone CR, no blank line (the first
    line included)."""
    if b'"' in data or re.search(rb"\r(?!\n)", data) or re.search(rb"(^|\n)\r?\n", data):
        return None
    return len(data.split(b"\n")) - (1 if data.endswith(b"\n") else 0) - 1


@settings(max_examples=300, deadline=None)
@given(data=st.binary(max_size=60).map(lambda b: bytes(ch for ch in b if ch in b'a,"\r\n') or b"a"),
       chunk=st.integers(min_value=1, max_value=7))
def test_plain_layout_judges_every_chunking_like_the_whole_file(tmp_path_factory, data, chunk):
    path = tmp_path_factory.mktemp("plain") / "f.csv"
    path.write_bytes(data)
    assert plain_layout(path, chunk_size=chunk) == reference_plain_records(data)


def broken(files):
    files["persons.csv"][2]["宛名番号"] = ICHIRO[:-1] + str((int(ICHIRO[-1]) + 1) % 10)
    files["resident_tax.csv"][0]["合計所得金額"] = "420万"
    files["checkups.csv"] = []


def test_problems_name_the_same_lines_with_and_without_the_copy(do_import, tmp_path):
    plain = valid_export()
    broken(plain)
    quoted = valid_export()
    broken(quoted)
    # A comma inside 方書 makes the writer quote it: that file needs the numbered copy.
    quoted["persons.csv"][0]["方書"] = "サンマンション,101"
    plain_run = do_import(write_export(tmp_path / "plain", plain), max_errors=10)
    quoted_run = do_import(write_export(tmp_path / "quoted", quoted), max_errors=10)
    assert codes(plain_run) == codes(quoted_run) == [
        ("persons.csv", 4, "宛名番号", "bad_check_digit"), ("resident_tax.csv", 2, "合計所得金額", "not_integer")]


def test_a_rejected_line_in_a_plain_file_numbers_the_lines_after_it_rightly(do_import, tmp_path):
    directory = write_export(tmp_path / "export", valid_export())
    persons = directory / "persons.csv"
    lines = persons.read_bytes().split(b"\r\n")
    lines[2] = lines[2] + b",extra"  # too many fields on line 3
    persons.write_bytes(b"\r\n".join(lines))
    run = do_import(directory, max_errors=10)
    assert ("persons.csv", 3, "", "too_many_columns") in codes(run)
    assert run.files["persons.csv"]["accepted"] == 4
