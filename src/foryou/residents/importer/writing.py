"""Writing a checked file's accepted rows into the snapshot being built (SnapshotBuilder's write steps),
each right after its checks, and the tables derived from them at the end."""

import time
from contextlib import contextmanager

from foryou.residents import derived, layout
from foryou.residents.importer.reading import LINE_COLUMN

# Warnings for rows left out only because the row they depend on was rejected (counted once, there).
LEFT_OUT = "('left_out_with_household', 'left_out_with_person')"


def left_out_lines(filename: str) -> str:
    """The lines of one export file whose rows are not imported (an error, or left out with another)."""
    return (f"SELECT line FROM problems WHERE file = '{filename}' AND line IS NOT NULL "
            f"AND (severity = 'error' OR code IN {LEFT_OUT})")


class SnapshotWriting:
    """The write steps of SnapshotBuilder (self.con, self.phases: see there)."""

    @contextmanager
    def _timed(self, name: str):
        wall, cpu = time.monotonic(), time.process_time()
        try:
            yield
        finally:
            self.phases.append((name, time.monotonic() - wall, time.process_time() - cpu))

    def write_persons(self) -> None:
        """Persons into the snapshot, with integer keys for fast joins (pid per person, hid per household)
        and the household facts targeting reads on every person's row (derived.household_facts), stored
        by their household's youngest child, latest birth first (derived.PERSONS_ORDER), each household's
        members together in key order. Runs before the other files are staged, so that the one wide sort
        has the import's memory to itself (decision 0097); their checks read the written table."""
        # Keys are numbered on a narrow table (sorting whole rows twice was the import's slowest step);
        # the rows are then sorted once (derived.PERSONS_ORDER).
        with self._timed("number persons"):
            self.con.execute(
                """CREATE TEMP TABLE person_keys AS
                   SELECT resident_id, row_number() OVER (ORDER BY household_id, resident_id)::INTEGER AS pid,
                          dense_rank() OVER (ORDER BY household_id)::INTEGER AS hid, is_current, relationship, birth_date,
                          protected
                   FROM persons""")
        with self._timed("household facts"):
            self.con.execute("CREATE TEMP TABLE household_facts AS " + derived.household_facts("person_keys"))
        # What check_dependants needs of the rows left out once clean_persons is gone: their ids.
        self.con.execute(
            f"""CREATE TEMP TABLE left_out_person_ids AS
                SELECT DISTINCT resident_id FROM clean_persons
                WHERE resident_id IS NOT NULL AND {LINE_COLUMN} IN ({left_out_lines(layout.PERSONS.filename)})""")
        with self._timed("write persons"):
            self.con.execute(
                """CREATE TABLE keyed_persons AS
                   SELECT k.pid, k.hid, p.*, h.youngest_child_birth AS hh_youngest_child_birth,
                          coalesce(h.has_spouse, FALSE) AS hh_has_spouse, h.members AS hh_members,
                          coalesce(h.protected, FALSE) AS hh_protected
                   FROM persons p JOIN person_keys k USING (resident_id) LEFT JOIN household_facts h ON h.hid = k.hid
                   ORDER BY """ + derived.PERSONS_ORDER.format(youngest="h.youngest_child_birth", pid="k.pid") + """;
                   DROP VIEW persons; DROP VIEW accepted_persons; DROP TABLE carried_persons; DROP TABLE clean_persons;
                   DROP TABLE person_keys;
                   DROP TABLE household_facts;
                   ALTER TABLE keyed_persons RENAME TO persons"""
            )

    def write_dependant(self, export: layout.ExportFile) -> None:
        """A checked file's accepted rows into the snapshot with their person's key, right after its checks
        (its cleaned table is then dropped: the next file has the memory)."""
        # Checkups by kind: a program asks for one or two kinds, and DuckDB skips the row groups of the others.
        table = export.table
        order = {"resident_tax": "t.fiscal_year, p.pid", "checkups": "t.kind, p.pid"}.get(table, "p.pid")
        with self._timed(f"write {table}"):
            self.con.execute(
                f"""CREATE TABLE keyed_{table} AS
                    SELECT p.pid, t.* FROM {table} t JOIN persons p ON p.resident_id = t.resident_id ORDER BY {order};
                    DROP VIEW {table}; DROP TABLE clean_{table};
                    ALTER TABLE keyed_{table} RENAME TO {table}"""
            )

    def derive(self) -> None:
        """The households table and the derived tables (derived.DERIVED), from the written tables."""
        self.con.execute("DROP TABLE left_out_person_ids")
        with self._timed("households"):
            self.con.execute(
                f"""CREATE TABLE households AS
                    SELECT household_id, any_value(hid) AS hid,
                           any_value(resident_id) FILTER (WHERE relationship = '{layout.HEAD}') AS head_id,
                           count(*) AS members,
                           any_value(ward_code) AS ward_code,
                           any_value(town_code) AS town_code,
                           bool_or(protected) AS protected
                    FROM persons WHERE is_current GROUP BY household_id"""
            )
        for name, query in derived.DERIVED.items():
            with self._timed(name):
                self.con.execute(f"CREATE TABLE {name} AS {query}")
