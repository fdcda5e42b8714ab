"""On a synthetic city imported by the product's own importer, applications typed the way residents
type them (common forms of variant names, readings in hiragana, addresses in several forms) find the
right person as the top candidate."""

import io
import random
from datetime import date

import jaconv
import pytest

from foryou.enrollment.matching import ApplicationData, candidates, name_key, read_towns_csv
from foryou.residents import store
from foryou.residents.services import run_import
from foryou.dev.synth import generate
from foryou.dev.synth.names import VARIANT_FAMILY

AS_OF = date(2026, 11, 27)
KANJI_DIGITS = "〇一二三四五六七八九"
VARIANTS = tuple(kanji for kanji, _ in VARIANT_FAMILY)


@pytest.fixture(scope="module")
def rng():
    return random.Random(20261127)


@pytest.fixture
def city(tmp_path, data_dir, db):
    export = tmp_path / "export"
    generate(3000, seed=5, out_dir=export, as_of=AS_OF)
    run = run_import(export, AS_OF, stream=io.StringIO())
    assert run.status == "applied"
    con = store.connect()
    yield con, read_towns_csv(export / "towns.csv")
    con.close()


def _number(registered: str, rng: random.Random) -> str:
    """The registered 番地 retyped: as registered, with dashes, or with kanji numerals."""
    style = rng.randrange(3)
    if style == 0 or not registered:
        return registered
    dashed = registered.replace("丁目", "-").replace("番地", "-").replace("番", "-").replace("号", "").strip("-")
    if style == 1:
        return dashed
    head, _, tail = registered.partition("丁目")
    return f"{''.join(KANJI_DIGITS[int(d)] for d in head)}丁目{tail}" if tail else registered


def _application(row: dict, rng: random.Random) -> ApplicationData:
    common_name = " ".join(name_key(part) for part in row["name"].split("\u3000"))
    address = f"千葉市{row['ward_name']}{row['town_name']}{_number(row['address_number'] or '', rng)}"
    if row["katagaki"]:
        address += f" {row['katagaki']}"
    return ApplicationData(common_name, jaconv.kata2hira(row["name_kana"]), row["birth_date"],
                           row["postal_code"], address, phone="090-0000-0000")


def _residents(con, where: str) -> list[dict]:
    cursor = con.execute(
        f"""SELECT resident_id, name, name_kana, birth_date, postal_code, ward_name, town_name, address_number,
                   katagaki FROM persons p
            WHERE is_current AND NOT protected AND birth_date IS NOT NULL AND {where}
              AND hid NOT IN (SELECT hid FROM households WHERE protected)
            ORDER BY resident_id"""
    )
    columns = [d[0] for d in cursor.description]
    return [dict(zip(columns, row)) for row in cursor.fetchall()]


def test_the_right_resident_is_the_top_candidate(city, rng):
    con, towns = city
    everyone = _residents(con, "TRUE")
    chosen = rng.sample(everyone, 50) + [r for r in everyone if r["name"].split("\u3000")[0] in VARIANTS]
    assert len(chosen) > 55  # the synthetic city always contains every variant family name

    missed = []
    for row in chosen:
        found = candidates(con, _application(row, rng), towns)
        if not found or found[0].resident_id != row["resident_id"]:
            missed.append((row["name"], row["birth_date"], [(c.name, c.score) for c in found]))

    assert missed == []
