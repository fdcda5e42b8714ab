import io

from foryou.shared.progress import Progress


def test_progress_prints_plain_lines_every_tenth_and_a_summary_when_not_on_a_terminal():
    out = io.StringIO()
    with Progress("persons.csv", total=100, stream=out, unit=" rows") as bar:
        for _ in range(100):
            bar.advance(1)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("persons.csv: 0%")
    assert lines[-2].startswith("persons.csv: 90%")
    assert lines[-1].startswith("persons.csv: 100 rows (")
    assert len(lines) == 11
