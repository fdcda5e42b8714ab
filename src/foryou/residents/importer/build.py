"""Building one analysis snapshot from prepared export files, inside a new DuckDB file.

Stages, one file at a time (persons first, so that each file's work has the import's memory to itself):
stage the file as text (rejected lines become problems) → clean and check each column → cross-row checks
(duplicates, households; for the other files, references to persons) → its accepted rows written to the
snapshot, persons with the history carried over from the previous snapshot. Then the derived households
tables and metadata.
"""

import json
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import duckdb

try:
    from duckdb.sqltypes import VARCHAR
except ImportError:  # duckdb < 1.4
    from duckdb.typing import VARCHAR

from foryou.residents import layout
from foryou.residents.importer import values
from foryou.residents.importer.checks import (CHECK_DIGIT_MACRO, DATE_TYPES, SHOWABLE_TYPES, column_sql,
                                              date_map_alias, plain_date_sql, raw_sql)
from foryou.residents.importer.problems import ERROR, Problem
from foryou.residents.importer.reading import LINE_COLUMN, PreparedFile, header_of, map_header, number_lines
from foryou.residents.importer.writing import LEFT_OUT, SnapshotWriting, left_out_lines

LAYOUT_VERSION = 1
REPORTED_PROBLEMS = 1000
# What a departed resident absent from the export keeps in the next snapshots (carry_over_history).
CARRIED_COLUMNS = ("resident_id", "household_id", "protected", "removed_on", "removed_on_raw", "removed_on_kind",
                   "removed_reason")
# Trimmed texts kept in the cleaned table besides those of registry dates (kept in persons): check_persons
# reads whether 消除事由 was given at all.
RAW_KEPT = ("removed_reason",)
# Staging reads every field as text; a malformed line is not an error here but a row in `rejects`.
READ_CSV = ("read_csv(?, header = true, delim = ',', quote = '\"', escape = '\"', columns = ?, auto_detect = false, "
            "strict_mode = true, store_rejects = true, rejects_table = 'rejects', rejects_scan = 'rejects_scan', "
            "max_line_size = 10000000)")


# DuckDB's memory limit for an import: 1 GB (decision 0076), 2 GB for an export whose persons file is
# larger than LARGE_EXPORT_BYTES (about 1.5 million residents), where 1 GB spilled 3.4 GB to disk at 3.8M
# residents and 2 GB halves that and the CPU it cost (decision 0097). Peak RSS stays near the limit.
MEMORY_LIMIT = "1GB"
LARGE_EXPORT_MEMORY_LIMIT = "2GB"
LARGE_EXPORT_BYTES = 256 * 1024 * 1024


def memory_limit_for(persons_file: Path) -> str:
    try:
        large = persons_file.stat().st_size > LARGE_EXPORT_BYTES
    except OSError:
        large = False
    return LARGE_EXPORT_MEMORY_LIMIT if large else MEMORY_LIMIT


class SnapshotBuilder(SnapshotWriting):
    def __init__(self, path: Path, as_of: date, label: str, memory_limit: str = MEMORY_LIMIT, threads: int = 2,
                 work_dir: Path | None = None, fast: bool = True):
        """`fast=False` sends every value through the general cleaning path (checks.py), for tests."""
        self.fast = fast
        self.path = path
        self.work_dir = work_dir or path.parent
        self.as_of = as_of
        self.label = label
        self.con = duckdb.connect(str(path))
        self.con.execute(f"SET memory_limit = '{memory_limit}'")
        self.con.execute(f"SET threads = {int(threads)}")
        self.con.execute("SET preserve_insertion_order = false")
        self.con.execute(CHECK_DIGIT_MACRO)
        for name, func in (
            ("fy_registry_date", values.registry_date),
            ("fy_calendar_date", values.calendar_date),
            ("fy_kana", values.kana_name),
        ):
            self.con.create_function(name, func, [VARCHAR], VARCHAR, null_handling="special")
        self.con.execute(
            "CREATE TEMP TABLE problems (file VARCHAR, line BIGINT, col VARCHAR, code VARCHAR, "
            "severity VARCHAR, value VARCHAR, detail VARCHAR)"
        )
        self.files: dict[str, PreparedFile] = {}
        self.staged_ahead: dict[str, list[str]] = {}  # table: the columns it was staged with (stage_ahead)
        # (step, wall s, process CPU s) of the write steps' statements, for bench_import.py's breakdown.
        self.phases: list[tuple[str, float, float]] = []

    # -- staging -------------------------------------------------------------------------------

    def stage_ahead(self, source: Path, export: layout.ExportFile) -> None:
        """Stage a file as plain UTF-8 while prepare() still checks it in another thread: checking takes one
        core for seconds (persons at 3.8M residents: 4 s) while DuckDB would wait. stage() keeps the table
        only if prepare() finds the file plain UTF-8 with the same columns, and drops it otherwise; nothing
        is reported from here (prepare() reports what is wrong with the file)."""
        try:
            columns, _ = map_header(header_of(source), export)
        except (OSError, UnicodeError, ValueError, StopIteration):
            return
        guess = PreparedFile(export, source, source, "utf-8-sig", columns, numbered=False)
        try:
            if self._stage_plain(guess):
                self.staged_ahead[export.table] = columns
        except duckdb.Error:
            self.con.execute(f"DROP VIEW IF EXISTS raw_{export.table}; DROP TABLE IF EXISTS raw_{export.table}_rows; "
                             "DROP TABLE IF EXISTS rejects; DROP TABLE IF EXISTS rejects_scan")

    def stage(self, prepared: PreparedFile) -> None:
        export = prepared.export
        for problem in prepared.problems:
            self._add(problem)
        ahead = self.staged_ahead.pop(export.table, None)
        if ahead is not None:
            if not prepared.numbered and prepared.encoding == "utf-8-sig" and ahead == prepared.columns:
                self.files[export.table] = prepared
                return
            self.con.execute(f"DROP VIEW raw_{export.table}; DROP TABLE raw_{export.table}_rows")
        if not prepared.numbered:
            if self._stage_plain(prepared):
                self.files[export.table] = prepared
                return
            # A line was rejected: its number, and those after it, need the numbered copy.
            prepared = number_lines(prepared.source, export, self.work_dir, prepared.encoding)
        self.files[export.table] = prepared
        columns = {LINE_COLUMN: "BIGINT"} | {name: "VARCHAR" for name in prepared.columns}
        self.con.execute(f"CREATE TEMP TABLE raw_{export.table} AS SELECT * FROM {READ_CSV}", [str(prepared.work_path), columns])
        # DuckDB reports one reject per missing field; keep one problem per line.
        self.con.execute(
            """INSERT INTO problems
               SELECT $file, TRY_CAST(split_part(any_value(csv_line), ',', 1) AS BIGINT), '',
                      CASE error_type WHEN 'MISSING COLUMNS' THEN 'missing_columns'
                                      WHEN 'TOO MANY COLUMNS' THEN 'too_many_columns'
                                      ELSE 'bad_csv_line' END,
                      'error',
                      CASE error_type WHEN 'MISSING COLUMNS' THEN CAST(min(column_idx) - 1 AS VARCHAR) END,
                      CASE WHEN error_type IN ('MISSING COLUMNS', 'TOO MANY COLUMNS') THEN $expected
                           ELSE any_value(error_message) END
               FROM rejects GROUP BY line, error_type""",
            {"file": export.filename, "expected": str(len(prepared.columns))},
        )
        self.con.execute("DROP TABLE rejects; DROP TABLE rejects_scan")

    def _stage_plain(self, prepared: PreparedFile) -> bool:
        """Read a file whose lines are its records as it is, numbering rows by their order (the table keeps
        the file's order, so rowid + 2 is the line). False, with nothing left behind, if DuckDB rejected
        any line (the rows after it would be misnumbered)."""
        table = prepared.export.table
        columns = {name: "VARCHAR" for name in prepared.columns}
        self.con.execute("SET preserve_insertion_order = true")
        try:
            self.con.execute(f"CREATE TEMP TABLE raw_{table}_rows AS SELECT * FROM {READ_CSV}", [str(prepared.source), columns])
        finally:
            self.con.execute("SET preserve_insertion_order = false")
        rejected = self.con.execute("SELECT count(*) FROM rejects").fetchone()[0]
        self.con.execute("DROP TABLE rejects; DROP TABLE rejects_scan")
        if rejected:
            self.con.execute(f"DROP TABLE raw_{table}_rows")
            return False
        self.con.execute(f"CREATE TEMP VIEW raw_{table} AS SELECT rowid + 2 AS {LINE_COLUMN}, * FROM raw_{table}_rows")
        return True

    def _drop_raw(self, table: str) -> None:
        if self.files[table].numbered:
            self.con.execute(f"DROP TABLE raw_{table}")
        else:
            self.con.execute(f"DROP VIEW raw_{table}; DROP TABLE raw_{table}_rows")

    # -- cleaning ------------------------------------------------------------------------------

    def clean(self, export: layout.ExportFile) -> None:
        """The cleaned table `clean_<table>`: one pass over the staged text computing every column's clean
        value and a bit mask of the checks each row fails (`__bad`). Only rows with a bit set are read
        again, to be reported, so a clean export is scanned once."""
        prepared = self.files[export.table]
        present = set(prepared.columns)
        trimmed_level = self._trimmed_level(export, present)
        mapped = {column.name: self._date_map(export, column, trimmed_level)
                  for column in export.columns if column.type in DATE_TYPES and column.name in present}
        columns = [(column, column_sql(column, self.fast, mapped.get(column.name, False))) for column in export.columns]
        checks = [(column, *check) for column, sql in columns for check in sql.checks]
        if len(checks) > 62:  # pragma: no cover - a layout change that needs a wider mask
            raise ValueError(f"{export.filename}: {len(checks)} checks do not fit the problem mask")
        kept = [n for column, sql in columns for n in sql.names]
        kept += [f"{c.name}__raw" for c in export.columns if c.type == layout.REGISTRY_DATE or c.name in RAW_KEPT]
        mask = " + ".join(f"CASE WHEN {condition} THEN {1 << bit} ELSE 0 END"
                          for bit, (column, condition, code, value) in enumerate(checks)) or "0"
        params = {k: v for _, sql in columns for k, v in sql.params.items()}
        query = self._cleaning_query(export, trimmed_level, columns, mapped, f"({mask})::BIGINT AS __bad")

        self.con.execute(
            f"CREATE TEMP TABLE clean_{export.table} AS SELECT {LINE_COLUMN}, {', '.join(_q(n) for n in kept)}, __bad "
            f"FROM ({query})",
            params,
        )
        if self.con.execute(f"SELECT count(*) FROM clean_{export.table} WHERE __bad <> 0").fetchone()[0]:
            self._report_bad_rows(export, columns, mapped, checks, mask, params)
        for column in export.columns:
            if column.type == layout.REGISTRY_DATE and column.name in present:
                self._flag_registry_dates(export, column)
        # The text copy and the date maps are spent: free their memory for the sorts that follow.
        self._drop_raw(export.table)
        for (table,) in self.con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE temporary AND table_name LIKE ?", [f"map_{export.table}_%"]
        ).fetchall():
            self.con.execute(f'DROP TABLE "{table}"')

    def _trimmed_level(self, export, present, where: str = "") -> str:
        """Each field trimmed ("n__raw"), then for date columns the date of a plain YYYYMMDD value ("n__plain")."""
        raws = ", ".join(f"{raw_sql(c, c.name in present, self.fast)} AS {_q(c.name + '__raw')}" for c in export.columns)
        plains = "".join(f", {plain_date_sql(c, self.fast)} AS {_q(c.name + '__plain')}"
                         for c in export.columns if c.type in DATE_TYPES)
        return (f"SELECT *{plains} FROM (SELECT r.{LINE_COLUMN}, {raws} FROM raw_{export.table} r {where})")

    def _cleaning_query(self, export, trimmed_level, columns, mapped, extra: str) -> str:
        """Every column's trimmed and cleaned values, helper values for the checks, and `extra` over them."""
        joins = "".join(f" LEFT JOIN map_{export.table}_{name} {date_map_alias(export.column(name))} "
                        f"ON {date_map_alias(export.column(name))}.v = t.{_q(name + '__raw')}"
                        for name, has_map in mapped.items() if has_map)
        selects = ", ".join(select for _, sql in columns for select in sql.selects)
        helpers = "".join(f", {helper}" for _, sql in columns for helper in sql.helpers)
        return (f"SELECT *, {extra} FROM (SELECT *{helpers} FROM (SELECT t.*, {selects} FROM ({trimmed_level}) t{joins}))")

    def _report_bad_rows(self, export, columns, mapped, checks, mask, params) -> None:
        """One problem per failed check of each row with a bit in its mask, the rows cleaned again from the
        staged text (with every trimmed value, for the report)."""
        present = set(self.files[export.table].columns)
        bad_lines = f"WHERE r.{LINE_COLUMN} IN (SELECT {LINE_COLUMN} FROM clean_{export.table} WHERE __bad <> 0)"
        again = self._cleaning_query(export, self._trimmed_level(export, present, bad_lines), columns, mapped,
                                     f"({mask})::BIGINT AS __bad")
        self.con.execute(f"CREATE TEMP TABLE bad_{export.table} AS {again}", params)
        for bit, (column, condition, code, value) in enumerate(checks):
            shown = value if (value and column.type in SHOWABLE_TYPES) else "NULL"
            self.con.execute(
                f"INSERT INTO problems SELECT ?, {LINE_COLUMN}, ?, ?, 'error', {shown}, ? "
                f"FROM bad_{export.table} WHERE __bad & {1 << bit} <> 0 ORDER BY {LINE_COLUMN}",
                [export.filename, column.header, code, ", ".join(column.codes[:8])],
            )
        self.con.execute(f"DROP TABLE bad_{export.table}")

    def _date_map(self, export, column, trimmed_level) -> bool:
        """The map from each distinct value of a date column that is not plain YYYYMMDD to its parse by the
        Python normaliser; False (and no map) when every value is plain or empty, as in most exports."""
        n = column.name
        func = "fy_registry_date" if column.type == layout.REGISTRY_DATE else "fy_calendar_date"
        table = f"map_{export.table}_{n}"
        self.con.execute(
            f"CREATE TEMP TABLE {table} AS SELECT v, {func}(v) AS parsed "
            f"FROM (SELECT DISTINCT {_q(n + '__raw')} AS v FROM ({trimmed_level}) "
            f"WHERE {_q(n + '__plain')} IS NULL AND {_q(n + '__raw')} IS NOT NULL)"
        )
        if self.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]:
            return True
        self.con.execute(f"DROP TABLE {table}")
        return False

    def _flag_registry_dates(self, export, column) -> None:
        # Kept, not rejected: reported as warnings so staff know which dates are approximate.
        n = column.name
        self.con.execute(
            f"INSERT INTO problems SELECT ?, {LINE_COLUMN}, ?, 'registry_date_flagged', 'warning', NULL, "
            f"\"{n}_kind\" FROM clean_{export.table} WHERE \"{n}_kind\" NOT IN ('exact')",
            [export.filename, column.header],
        )

    # -- cross-row checks ----------------------------------------------------------------------

    def check_persons(self) -> None:
        f = layout.PERSONS.filename
        # Duplicates by grouping, then joining back the few repeated ids (a window over every row cost
        # twice as much at a million residents).
        self.con.execute(
            f"""INSERT INTO problems
                SELECT ?, c.{LINE_COLUMN}, '宛名番号', 'duplicate_resident', 'error', c.resident_id, d.first_line
                FROM clean_persons c
                JOIN (SELECT resident_id, min({LINE_COLUMN}) AS first_line FROM clean_persons
                      WHERE resident_id IS NOT NULL GROUP BY resident_id HAVING count(*) > 1) d USING (resident_id)
                WHERE c.{LINE_COLUMN} > d.first_line""",
            [f],
        )
        self.con.execute(
            f"""INSERT INTO problems SELECT ?, {LINE_COLUMN}, '消除事由', 'removal_reason_missing', 'error', NULL, ''
                FROM clean_persons WHERE removed_on__raw IS NOT NULL AND removed_reason__raw IS NULL""",
            [f],
        )
        current = "(removed_on__raw IS NULL OR removed_on > $as_of)"
        self.con.execute(
            f"""INSERT INTO problems
                SELECT $file, min_line, '世帯番号', 'household_without_head', 'error', household_id, ''
                FROM (SELECT household_id, min({LINE_COLUMN}) AS min_line,
                             count(*) FILTER (WHERE relationship = '{layout.HEAD}') AS heads
                      FROM clean_persons WHERE household_id IS NOT NULL AND {current}
                      GROUP BY household_id)
                WHERE heads = 0""",
            {"file": f, "as_of": self.as_of},
        )
        self.con.execute(
            f"""INSERT INTO problems
                SELECT $file, {LINE_COLUMN}, '続柄', 'household_two_heads', 'error', household_id, lines
                FROM (SELECT {LINE_COLUMN}, household_id,
                             row_number() OVER (PARTITION BY household_id ORDER BY {LINE_COLUMN}) AS nth,
                             string_agg(CAST({LINE_COLUMN} AS VARCHAR), ', ') OVER (PARTITION BY household_id) AS lines
                      FROM clean_persons
                      WHERE relationship = '{layout.HEAD}' AND household_id IS NOT NULL AND {current})
                WHERE nth > 1""",
            {"file": f, "as_of": self.as_of},
        )
        self.con.execute(
            f"""INSERT INTO problems
                SELECT $file, c.{LINE_COLUMN}, '世帯番号', 'left_out_with_household', 'warning', c.household_id, ''
                FROM clean_persons c
                WHERE c.household_id IN (SELECT value FROM problems WHERE file = $file
                                         AND code IN ('household_without_head', 'household_two_heads'))
                  AND c.{LINE_COLUMN} NOT IN (SELECT line FROM problems WHERE file = $file AND severity = 'error')""",
            {"file": f},
        )
        self._accept(layout.PERSONS)

    def check_dependants(self, export: layout.ExportFile) -> None:
        """Checks of a file whose rows belong to a person, once persons are written (write_persons): a row
        of a person left out is left out with a warning; of a person not in the export, an error."""
        f = export.filename
        table = export.table
        own_errors = f"SELECT line FROM problems WHERE file = '{f}' AND severity = 'error' AND line IS NOT NULL"
        self.con.execute(
            f"""INSERT INTO problems
                SELECT ?, c.{LINE_COLUMN}, '宛名番号',
                       CASE WHEN c.resident_id IN (SELECT resident_id FROM left_out_person_ids)
                            THEN 'left_out_with_person' ELSE 'unknown_resident' END,
                       CASE WHEN c.resident_id IN (SELECT resident_id FROM left_out_person_ids)
                            THEN 'warning' ELSE 'error' END,
                       c.resident_id, ''
                FROM clean_{table} c ANTI JOIN (SELECT resident_id FROM persons WHERE in_export) p
                     ON p.resident_id = c.resident_id
                WHERE c.resident_id IS NOT NULL AND c.{LINE_COLUMN} NOT IN ({own_errors})""",
            [f],
        )
        if export is layout.RESIDENT_TAX:
            self.con.execute(
                f"""INSERT INTO problems
                    SELECT ?, c.{LINE_COLUMN}, '課税年度', 'duplicate_tax_year', 'error', c.resident_id, d.first_line
                    FROM clean_resident_tax c
                    JOIN (SELECT resident_id, fiscal_year, min({LINE_COLUMN}) AS first_line FROM clean_resident_tax
                          WHERE resident_id IS NOT NULL AND fiscal_year IS NOT NULL
                          GROUP BY resident_id, fiscal_year HAVING count(*) > 1) d USING (resident_id, fiscal_year)
                    WHERE c.{LINE_COLUMN} > d.first_line""",
                [f],
            )
        if export is layout.ALLOWANCES:
            self.con.execute(
                f"""INSERT INTO problems SELECT ?, {LINE_COLUMN}, '受給終了日', 'end_before_start', 'error', NULL, ''
                    FROM clean_allowances WHERE end_date < start_date""",
                [f],
            )
        self._accept(export)

    # -- typed tables --------------------------------------------------------------------------

    def _accept(self, export: layout.ExportFile) -> None:
        """The typed rows without errors, as a view over the cleaned table: write_persons() and
        write_dependant() write each table to the snapshot once, keyed and sorted, right after its checks. (A temporary copy cost a write of every row, and held the rows
        twice in the 1 GB of the import: at 3,800,000 residents that spilled to disk.) The view names its
        literals: a view takes no parameters. Persons carried over from the previous snapshot are added to
        `carried_persons`, part of the `persons` view."""
        names = [c.name for c in export.columns]
        extra = []
        if export is layout.PERSONS:
            names = [n for n in names if n not in ("birth_date", "resident_since", "removed_on")]
            for n in ("birth_date", "resident_since", "removed_on"):
                extra += [f'"{n}"', f'"{n}__raw" AS "{n}_raw"', f'"{n}_kind"']
            extra += [
                f"(removed_on__raw IS NULL OR removed_on > DATE '{self.as_of.isoformat()}') AS is_current",
                "TRUE AS in_export",
                "CAST(NULL AS DATE) AS left_export_on",
            ]
        columns = ", ".join([f'"{n}"' for n in names] + extra + [f"{LINE_COLUMN} AS source_line"])
        accepted = "accepted_persons" if export is layout.PERSONS else export.table
        self.con.execute(
            f"""CREATE TEMP VIEW {accepted} AS SELECT {columns} FROM clean_{export.table}
                WHERE {LINE_COLUMN} NOT IN ({left_out_lines(export.filename)})"""
        )
        if export is layout.PERSONS:
            self.con.execute("CREATE TEMP TABLE carried_persons AS SELECT * FROM accepted_persons LIMIT 0")
            self.con.execute("CREATE TEMP VIEW persons AS SELECT * FROM accepted_persons UNION ALL SELECT * FROM carried_persons")

    def carry_over_history(self, previous: Path | None, keep_days: int) -> tuple[int, int]:
        """Persons in the previous snapshot but absent from this export stay as no longer current, so that
        their registrations end, but only with what that needs (docs/privacy.md): 宛名番号, household,
        the removal's date and reason, the protection flag, and the as-of date of the first export that no
        longer held them (left_export_on). Name, reading, birth date, sex, relationship and address are
        not carried. A person whose departure (消除日, else left_export_on) is more than `keep_days` before
        the as-of date is not carried any more. (Persons present but rejected are not carried over: they
        are reported and left out.) Returns (carried, dropped)."""
        if previous is None or not previous.exists():
            return 0, 0
        self.con.execute(f"ATTACH '{_sql_path(previous)}' AS prev (READ_ONLY)")
        try:
            had = {r[0] for r in self.con.execute("DESCRIBE prev.persons").fetchall()}
            left = "p.left_export_on" if "left_export_on" in had else "CAST(NULL AS DATE)"
            gone = "FROM prev.persons p ANTI JOIN clean_persons n ON n.resident_id = p.resident_id"
            departed = f"coalesce(p.removed_on, {left}, CAST($as_of AS DATE))"
            params = {"as_of": self.as_of, "cutoff": self.as_of - timedelta(days=keep_days)}
            kept = ", ".join(f'p."{n}"' for n in CARRIED_COLUMNS if n in had)
            carried = self.con.execute(f"SELECT count(*) {gone} WHERE {departed} >= $cutoff", params).fetchone()[0]
            dropped = self.con.execute(f"SELECT count(*) {gone} WHERE {departed} < $cutoff", params).fetchone()[0]
            self.con.execute(
                f"""INSERT INTO carried_persons BY NAME
                    SELECT {kept}, FALSE AS is_current, FALSE AS in_export,
                           coalesce({left}, CAST($as_of AS DATE)) AS left_export_on
                    {gone} WHERE {departed} >= $cutoff""",
                params,
            )
            return carried, dropped
        finally:
            self.con.execute("DETACH prev")

    def write_meta(self, extra: dict) -> dict:
        counts = {
            "persons": self._count("persons"),
            "current_persons": self._count("persons WHERE is_current"),
            "households": self._count("households"),
            "resident_tax": self._count("resident_tax"),
            "allowances": self._count("allowances"),
            "checkups": self._count("checkups"),
        }
        meta = {
            "as_of": self.as_of.isoformat(),
            "label": self.label,
            "layout_version": LAYOUT_VERSION,
            "built_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "counts": counts,
        } | extra
        self.con.execute("CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
        self.con.executemany("INSERT INTO meta VALUES (?, ?)", [(k, json.dumps(v)) for k, v in meta.items()])
        return counts

    # -- problems ------------------------------------------------------------------------------

    def problem_counts(self) -> tuple[int, int]:
        errors, warnings = self.con.execute(
            "SELECT count(*) FILTER (WHERE severity = 'error'), count(*) FILTER (WHERE severity = 'warning') FROM problems"
        ).fetchone()
        return errors, warnings

    def problems(self, limit: int = REPORTED_PROBLEMS) -> list[Problem]:
        order = {e.filename: i for i, e in enumerate(layout.EXPORT_FILES)}
        rows = self.con.execute(
            """SELECT file, line, col, code, severity, value, detail FROM problems
               ORDER BY severity, file, line NULLS FIRST LIMIT ?""",
            [limit],
        ).fetchall()
        problems = [Problem(file, line, col, code, severity, value, detail or "") for file, line, col, code, severity, value, detail in rows]
        return sorted(problems, key=lambda p: (p.severity != ERROR, order.get(p.file, 9), p.line or 0))

    def rows_left_out(self, filename: str) -> int:
        return self.con.execute(
            f"SELECT count(DISTINCT line) FROM problems WHERE file = ? AND line IS NOT NULL "
            f"AND (severity = 'error' OR code IN {LEFT_OUT})",
            [filename],
        ).fetchone()[0]

    def _add(self, problem: Problem) -> None:
        self.con.execute(
            "INSERT INTO problems VALUES (?, ?, ?, ?, ?, ?, ?)",
            [problem.file, problem.line, problem.column, problem.code, problem.severity, problem.value, problem.detail],
        )

    def _count(self, what: str) -> int:
        return self.con.execute(f"SELECT count(*) FROM {what}").fetchone()[0]

    def close(self) -> None:
        self.con.execute("CHECKPOINT")
        self.con.close()


def _q(name: str) -> str:
    return f'"{name}"'


def _sql_path(path: Path) -> str:
    return str(path).replace("'", "''")

