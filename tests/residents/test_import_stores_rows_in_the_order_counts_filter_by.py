"""The import stores rows in the order counts filter by, so that DuckDB skips the row groups that cannot
match (decision 0078): persons by their household's youngest child (子・孫), latest birth first, then the
households without one, each household's members together in key order (derived.PERSONS_ORDER), for
"a child younger than N"; checkups by kind, for "has (not) had this checkup"."""

import io
from datetime import date

from foryou.dev.synth import generate
from foryou.residents import store
from foryou.residents.services import run_import

AS_OF = date(2026, 11, 27)


def test_persons_are_stored_by_youngest_child_with_each_household_together_and_checkups_by_kind(tmp_path, data_dir, db):
    generate(3000, seed=5, out_dir=tmp_path / "export", as_of=AS_OF)
    assert run_import(tmp_path / "export", AS_OF, stream=io.StringIO()).status == "applied"

    with store.connect() as con:
        stored = con.execute("SELECT hh_youngest_child_birth, pid, hid FROM persons ORDER BY rowid").fetchall()
        checkups = con.execute("SELECT kind, pid FROM checkups ORDER BY rowid").fetchall()

    def key(row):
        youngest, pid, _ = row
        return (youngest is None, -(youngest.toordinal() if youngest else 0), pid)

    assert stored == sorted(stored, key=key)
    assert any(r[0] is not None for r in stored) and any(r[0] is None for r in stored)
    runs = [hid for i, (_, _, hid) in enumerate(stored) if i == 0 or stored[i - 1][2] != hid]
    assert len(runs) == len(set(runs)), "a household's members are stored apart"
    assert checkups == sorted(checkups) and len({kind for kind, _ in checkups}) > 1
