"""A small in-memory registry with the analysis snapshot's persons and households columns, for tests
and examples of matching. Rows need only what they are about; the rest gets plain defaults."""

from datetime import date

import duckdb

from foryou.dev.synth.geography import TOWNS

_COLUMNS = (
    ("resident_id", "VARCHAR"), ("household_id", "VARCHAR"), ("name", "VARCHAR"), ("name_kana", "VARCHAR"),
    ("sex", "VARCHAR"), ("relationship", "VARCHAR"), ("postal_code", "VARCHAR"), ("ward_code", "VARCHAR"),
    ("ward_name", "VARCHAR"), ("town_code", "VARCHAR"), ("town_name", "VARCHAR"), ("address_number", "VARCHAR"),
    ("katagaki", "VARCHAR"), ("protected", "BOOLEAN"), ("birth_date", "DATE"), ("birth_date_raw", "VARCHAR"),
    ("birth_date_kind", "VARCHAR"), ("is_current", "BOOLEAN"),
)


def town_rows() -> list[tuple]:
    """The synthetic city's town list, in towns.csv order."""
    return TOWNS.rows()


def town(name: str) -> dict:
    """Registry columns for living in one of the synthetic city's towns."""
    for code, town_name, ward_code, ward_name, postal in TOWNS.rows():
        if town_name == name:
            return {"town_code": code, "town_name": town_name, "ward_code": ward_code, "ward_name": ward_name,
                    "postal_code": postal}
    raise KeyError(name)


def person(resident_id: str, name: str, kana: str, born: date, **columns) -> dict:
    row = {"resident_id": resident_id, "household_id": "H" + resident_id, "name": name, "name_kana": kana,
           "sex": "1", "relationship": "世帯主", "birth_date": born, "birth_date_raw": born.strftime("%Y%m%d"),
           "birth_date_kind": "exact", "address_number": "1番1号", "katagaki": None, "protected": False,
           "is_current": True} | town("千葉港")
    return row | columns


def registry(persons: list[dict]) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with persons and households as residents/importer/build.py derives them."""
    con = duckdb.connect()
    con.execute(f"CREATE TABLE raw_persons ({', '.join(f'{c} {t}' for c, t in _COLUMNS)})")
    con.executemany(f"INSERT INTO raw_persons VALUES ({', '.join('?' for _ in _COLUMNS)})",
                    [[p.get(c) for c, _ in _COLUMNS] for p in persons])
    con.execute(
        """CREATE TABLE persons AS
           SELECT row_number() OVER (ORDER BY household_id, resident_id)::INTEGER AS pid,
                  dense_rank() OVER (ORDER BY household_id)::INTEGER AS hid, * FROM raw_persons;
           DROP TABLE raw_persons;
           CREATE TABLE households AS
           SELECT household_id, any_value(hid) AS hid, count(*) AS members, bool_or(protected) AS protected
           FROM persons WHERE is_current GROUP BY household_id"""
    )
    return con
