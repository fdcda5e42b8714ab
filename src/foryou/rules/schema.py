"""The analysis store's tables as the rules engine reads them, for in-memory cities (program examples,
property tests). The import (residents/importer) writes the same columns, and more."""

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
    for table, columns in COLUMNS.items():
        if temporary:
            con.execute(f"DROP TABLE IF EXISTS pg_temp.{table}")
            con.execute(f"CREATE TEMP TABLE {table} ({', '.join(f'{c} {t}' for c, t in columns)})")
        else:
            con.execute(f"CREATE OR REPLACE TABLE {table} ({', '.join(f'{c} {t}' for c, t in columns)})")
        rows = [[row.get(c, DEFAULTS.get(c)) for c, _ in columns] for row in getattr(city, table)]
        if rows:
            con.executemany(f"INSERT INTO {table} VALUES ({', '.join(placeholder for _ in columns)})", rows)
    # Derived as the import derives it: current members only.
    prefix = "TEMP " if temporary else "OR REPLACE "
    if temporary:
        con.execute("DROP TABLE IF EXISTS pg_temp.households")
    con.execute(f"CREATE {prefix}TABLE households AS SELECT household_id, bool_or(protected) AS protected, "
                "count(*) AS members FROM persons WHERE is_current GROUP BY household_id")
