"""`foryou synth` writes the export, reports counts and time, and explains bad options."""

import io

import pytest
from django.core.management import CommandError, call_command


def test_the_command_writes_the_export_and_prints_a_one_line_summary(tmp_path):
    out, err = io.StringIO(), io.StringIO()

    call_command("synth", residents=1200, seed=4, out=tmp_path / "new" / "dir", as_of="2026-11-27",
                 encoding="cp932", stdout=out, stderr=err)

    assert (tmp_path / "new" / "dir" / "persons.csv").read_bytes().decode("cp932").startswith("宛名番号,世帯番号,")
    summary = out.getvalue().strip()
    assert summary.count("\n") == 0
    assert "persons.csv 1,200" in summary and "checkups.csv" in summary and " s " in summary
    assert "persons.csv: 1,200 rows" in err.getvalue()  # progress per file


@pytest.mark.parametrize("options, message", [
    ({"residents": 0}, "at least 1"),
    ({"residents": 10, "seed": -1}, "seed"),
    ({"residents": 10, "as_of": "2026-13-01"}, "not a date"),
])
def test_bad_options_are_explained(tmp_path, options, message):
    with pytest.raises(CommandError, match=message):
        call_command("synth", out=tmp_path, stdout=io.StringIO(), stderr=io.StringIO(), **options)


def test_an_output_path_that_is_a_file_is_refused(tmp_path):
    target = tmp_path / "persons.csv"
    target.write_text("not a directory")

    with pytest.raises(CommandError, match="is a file"):
        call_command("synth", residents=10, out=target, stdout=io.StringIO(), stderr=io.StringIO())
