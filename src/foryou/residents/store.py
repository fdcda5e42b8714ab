"""The analysis store: immutable DuckDB snapshot files and a pointer to the current one.

DuckDB allows one writing process or many read-only ones. So an import never writes the file that
readers use: it builds a new snapshot beside it and then replaces the small pointer file CURRENT with
os.replace, which is atomic. A reader opens whatever CURRENT names, read-only. A failed or interrupted
import leaves CURRENT, and so every reader, exactly as it was.
"""

import json
import os
import time
from pathlib import Path

import duckdb
from django.conf import settings
from django.utils.translation import gettext as _

from foryou.residents import derived

POINTER = "CURRENT"
SNAPSHOT_PREFIX = "snapshot-"
BUILDING_PREFIX = "building-"


class NoSnapshot(Exception):
    def __init__(self):
        super().__init__(
            _("No resident data has been imported yet. Run `foryou import DIR --as-of YYYY-MM-DD` first.")
        )


def analysis_dir() -> Path:
    path = Path(settings.ANALYSIS_DIR)
    path.mkdir(parents=True, exist_ok=True)
    return path


def current_snapshot_name() -> str | None:
    try:
        name = (analysis_dir() / POINTER).read_text().strip()
    except FileNotFoundError:
        return None
    return name or None


def current_snapshot_path() -> Path | None:
    name = current_snapshot_name()
    return analysis_dir() / name if name else None


def connect() -> duckdb.DuckDBPyConnection:
    """A read-only connection to the current snapshot. Close it when done (or use it in a with block)."""
    path = current_snapshot_path()
    if path is None or not path.exists():
        raise NoSnapshot()
    return open_snapshot(path)


def open_snapshot(path: Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection to one snapshot, with any derived table it predates added as a view."""
    return with_derived(duckdb.connect(str(path), read_only=True))


def with_derived(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """Add, as temporary views, the derived tables a snapshot predates, and the household facts
    (derived.HOUSEHOLD_FACT_COLUMNS) to the persons of a snapshot built before them (temporary objects
    belong to one connection: call this on each cursor too)."""
    present = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables() WHERE NOT temporary").fetchall()}
    if "persons" in present and not _has_household_facts(con):
        stored = '"{}".main.persons'.format(con.execute("SELECT current_database()").fetchone()[0].replace('"', '""'))
        con.execute(f"CREATE OR REPLACE TEMP VIEW persons AS {derived.persons_with_household_facts(stored)}")
    for name, query in derived.DERIVED.items():
        if name not in present:
            con.execute(f"CREATE OR REPLACE TEMP VIEW {name} AS {query}")
    return con


def _has_household_facts(con: duckdb.DuckDBPyConnection) -> bool:
    columns = {r[0] for r in con.execute(
        "SELECT column_name FROM duckdb_columns() WHERE table_name = 'persons' AND database_name = current_database()").fetchall()}
    return set(derived.HOUSEHOLD_FACT_COLUMNS) <= columns


def new_building_path(label: str) -> Path:
    return analysis_dir() / f"{BUILDING_PREFIX}{label}-{os.getpid()}.duckdb"


def publish(building: Path, label: str) -> str:
    """Turn a finished building file into the current snapshot. Returns the snapshot's file name."""
    directory = analysis_dir()
    name = f"{SNAPSHOT_PREFIX}{label}.duckdb"
    _fsync_file(building)
    os.replace(building, directory / name)
    tmp = directory / f"{POINTER}.tmp"
    with open(tmp, "w") as handle:
        handle.write(name)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, directory / POINTER)
    _fsync_dir(directory)
    return name


def prune(keep: int) -> list[str]:
    """Delete old snapshots beyond `keep` previous ones, and building files left by crashed imports."""
    directory = analysis_dir()
    current = current_snapshot_name()
    snapshots = sorted(
        (p for p in directory.glob(f"{SNAPSHOT_PREFIX}*.duckdb") if p.name != current),
        key=lambda p: p.stat().st_mtime,
        reverse=True,
    )
    removed = []
    for path in snapshots[keep:]:
        path.unlink(missing_ok=True)
        removed.append(path.name)
    for path in directory.glob(f"{BUILDING_PREFIX}*"):
        # Only the import holding the import lock builds; anything left now is from a crash.
        path.unlink(missing_ok=True)
        removed.append(path.name)
    for path in directory.glob("*.wal"):
        if not path.name.startswith(SNAPSHOT_PREFIX) or path.with_suffix("").name != current:
            if time.time() - path.stat().st_mtime > 3600:
                path.unlink(missing_ok=True)
    return removed


def summary() -> dict | None:
    """The current snapshot's metadata (as-of date, counts), or None before the first import."""
    try:
        with connect() as con:
            rows = con.execute("SELECT key, value FROM meta").fetchall()
    except NoSnapshot:
        return None
    meta = {key: json.loads(value) for key, value in rows}
    meta["snapshot"] = current_snapshot_name()
    return meta


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
