"""Explaining a person reads their household, tax, checkups and allowances by the import's integer
keys (hid, pid), which the stored order lets DuckDB find without scanning every row: the same rows
as reading them by 宛名番号 and 世帯番号, for every person of the imported city (departed too)."""

from foryou.dev.synth import generate
from foryou.residents import store
from foryou.rules.explain import household_city
from foryou.rules.schema import COLUMNS
from tests.residents.conftest import AS_OF  # noqa: F401  (the residents fixtures below)
from tests.residents.conftest import applied_snapshot, do_import, export_dir  # noqa: F401


def by_resident_id(con, resident_id: str) -> dict:
    def rows(table: str, where: str, params) -> list[tuple]:
        cols = ", ".join(c for c, _ in COLUMNS[table])
        return sorted(con.execute(f"SELECT {cols} FROM {table} WHERE {where}", params).fetchall(), key=repr)

    household = con.execute("SELECT household_id FROM persons WHERE resident_id = ?", [resident_id]).fetchone()[0]
    persons = rows("persons", "household_id = ? AND (is_current OR resident_id = ?)", [household, resident_id])
    ids = [p[0] for p in persons]
    return {"persons": persons, **{t: rows(t, "list_contains(?, resident_id)", [ids])
                                   for t in ("resident_tax", "checkups", "allowances")}}


def as_tuples(city) -> dict:
    def rows(table: str, dicts: list[dict]) -> list[tuple]:
        return sorted((tuple(d[c] for c, _ in COLUMNS[table]) for d in dicts), key=repr)
    return {"persons": rows("persons", city.persons), "resident_tax": rows("resident_tax", city.resident_tax),
            "checkups": rows("checkups", city.checkups), "allowances": rows("allowances", city.allowances)}


def test_every_persons_household_is_read_the_same_by_keys_as_by_resident_id(do_import, tmp_path):
    generate(600, seed=3, out_dir=tmp_path / "city", as_of=AS_OF)
    assert do_import(tmp_path / "city").status == "applied"
    with store.connect() as con:
        everyone = [r[0] for r in con.execute("SELECT resident_id FROM persons").fetchall()]
        assert con.execute("SELECT count(*) FROM persons WHERE NOT is_current").fetchone()[0] > 0  # departed too
        related = 0
        for resident_id in everyone:
            expected = by_resident_id(con, resident_id)
            assert as_tuples(household_city(con, resident_id)) == expected
            related += sum(len(expected[t]) for t in ("resident_tax", "checkups", "allowances"))
    assert related > 0  # the city has tax, checkup or allowance rows to compare


def test_a_resident_id_the_city_does_not_have_is_not_explained(applied_snapshot):
    with store.connect() as con:
        assert household_city(con, "9999999999") is None
