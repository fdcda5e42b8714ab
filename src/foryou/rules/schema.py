"""The analysis store's tables as the rules engine reads them, for in-memory cities (program examples,
property tests). The import (residents/importer) writes the same columns, and more."""

from foryou.residents import derived

COLUMNS = {
    "persons": [("resident_id", "VARCHAR"), ("household_id", "VARCHAR"), ("birth_date", "DATE"), ("sex", "VARCHAR"),
                ("relationship", "VARCHAR"), ("ward_name", "VARCHAR"), ("ward_code", "VARCHAR"), ("town_code", "VARCHAR"),
                ("town_name", "VARCHAR"), ("postal_code", "VARCHAR"), ("resident_since", "DATE"), ("is_current", "BOOLEAN"),
                ("protected", "BOOLEAN")],
    "resident_tax": [("resident_id", "VARCHAR"), ("fiscal_year", "INTEGER"), ("total_income", "BIGINT"),
                     ("income_levy", "BIGINT"), ("per_capita_levy", "BIGINT"), ("tax_status", "VARCHAR"), ("dependants", "INTEGER")],
    "checkups": [("resident_id", "VARCHAR"), ("kind", "VARCHAR"), ("done_on", "DATE")],
    "allowances": [("resident_id", "VARCHAR"), ("program_code", "VARCHAR"), ("start_date", "DATE"),
                   ("end_date", "DATE"), ("status", "VARCHAR")],
}


DEFAULTS = {"protected": False}


def create_tables(con, city, placeholder: str = "?", temporary: bool = False) -> None:
    """Create the four tables and fill them with a City's rows (DuckDB connection or DB-API cursor)."""
    create = "CREATE TEMP TABLE" if temporary else "CREATE OR REPLACE TABLE"

    def drop(name: str) -> None:
        if temporary:
            con.execute(f"DROP TABLE IF EXISTS pg_temp.{name}")

    for table, columns in COLUMNS.items():
        drop(f"raw_{table}")
        con.execute(f"{create} raw_{table} ({', '.join(f'{c} {t}' for c, t in columns)})")
        rows = [[row.get(c, DEFAULTS.get(c)) for c, _ in columns] for row in getattr(city, table)]
        if rows:
            con.executemany(f"INSERT INTO raw_{table} VALUES ({', '.join(placeholder for _ in columns)})", rows)
    # Integer keys and households as the import derives them (residents/importer/build.py).
    drop("keyed_persons")
    con.execute(f"{create} keyed_persons AS SELECT CAST(row_number() OVER (ORDER BY household_id, resident_id) AS INTEGER) AS pid, "
                "CAST(dense_rank() OVER (ORDER BY household_id) AS INTEGER) AS hid, * FROM raw_persons")
    drop("persons")
    con.execute(f"{create} persons AS {derived.persons_with_household_facts('keyed_persons')}")
    for table in ("resident_tax", "checkups", "allowances"):
        drop(table)
        con.execute(f"{create} {table} AS SELECT p.pid, t.* FROM raw_{table} t JOIN persons p ON p.resident_id = t.resident_id")
    drop("households")
    con.execute(f"{create} households AS SELECT household_id, min(hid) AS hid, bool_or(protected) AS protected, "
                "count(*) AS members FROM persons WHERE is_current GROUP BY household_id")
    for name, query in derived.DERIVED.items():
        drop(name)
        con.execute(f"{create} {name} AS {query}")
