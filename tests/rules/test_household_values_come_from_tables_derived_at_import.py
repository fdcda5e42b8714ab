"""Household size and income are read from per-household tables the import derives; a snapshot built
before those tables existed answers the same through views added when it is opened."""

from pathlib import Path

import duckdb

from foryou.programs.definition import load_program
from foryou.residents import store
from foryou.rules import engine
from tests.residents.conftest import AS_OF  # noqa: F401  (the residents fixtures below)
from tests.residents.conftest import applied_snapshot, do_import, export_dir  # noqa: F401

ROOT = Path(__file__).resolve().parents[2]


def count(program: str) -> int:
    conditions = load_program(ROOT / "programs" / f"{program}.yml").conditions
    with store.connect() as con:
        return engine.count(con, conditions, engine.context_for(con, AS_OF))


def test_the_import_writes_each_households_income_per_tax_year(applied_snapshot):
    with store.connect() as con:
        rows = con.execute("SELECT h.household_id, i.fiscal_year, i.total_income FROM household_incomes i "
                           "JOIN households h USING (hid) ORDER BY 1, 2").fetchall()
    assert rows == [("0000300011", 2026, 4200000), ("0000300022", 2026, 0)]


def test_a_snapshot_without_the_derived_table_counts_the_same(applied_snapshot):
    programs = ["shiei-jutaku-kosodate-kigentsuki-nyukyo", "jido-fuyo-teate", "suido-ryokin-genmen",
                "tokutei-kenshin"]
    before = {p: count(p) for p in programs}
    path = store.current_snapshot_path()
    with duckdb.connect(str(path)) as con:  # as a snapshot built by an earlier release would be
        allowances = con.execute("SELECT count(*) FROM member_allowances").fetchone()[0]
        con.execute("DROP TABLE household_incomes; DROP TABLE member_allowances")
    with store.connect() as con:
        assert con.execute("SELECT count(*) FROM household_incomes").fetchone()[0] == 2
        assert con.execute("SELECT count(*) FROM member_allowances").fetchone()[0] == allowances
    assert {p: count(p) for p in programs} == before
