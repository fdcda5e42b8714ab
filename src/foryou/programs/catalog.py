"""The programs in effect: each program's file in programs/ (as reviewed in git) with the conditions of
its latest revision made in the staff console (ProgramRevision), if any.

    all_programs() -> list[Program]          get_program(code) -> Program

Files are read once and kept until they change (by modification time), so asking for a program on
every request is cheap. Revisions are read from the console database each time.
"""

import dataclasses
import threading
from dataclasses import dataclass, fields
from datetime import date
from pathlib import Path

from django.conf import settings

from foryou.programs.definition import (Program, ProgramError, check_unique_codes, parse_program, program_files,
                                       read_yaml)
from foryou.rules.language import ConditionError, Conditions, parse_conditions


class UnknownProgram(LookupError):
    def __init__(self, code: str, known: list[str]):
        self.code = code
        super().__init__(f"No program {code!r}. Known: {', '.join(sorted(known))}.")


@dataclass
class EffectiveProgram(Program):
    """A program as it is in effect, with its conditions also as plain data (for the console editor)."""

    tree: object = None  # the conditions in effect, as the files write them (JSON-safe)
    file_tree: object = None  # the conditions written in the file
    lookups_data: dict | None = None  # the file's lookup tables, as written
    revision: object = None  # the ProgramRevision in effect, or None: the file as it is

    @property
    def revised(self) -> bool:
        return self.revision is not None

    def with_conditions(self, tree) -> "EffectiveProgram":
        """The same program with other conditions (validated: raises ConditionError naming the node)."""
        return _replace_conditions(self, json_tree(tree), self.revision)


def json_tree(value):
    """A condition tree as JSON-safe data: dates as YYYY-MM-DD (the language reads both)."""
    if isinstance(value, dict):
        return {k: json_tree(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_tree(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


def parse_tree(tree, lookups_data: dict | None) -> Conditions:
    """Parse a condition tree as program files do, and compile it once (some mistakes, such as an age
    compared with a lookup table, are found only then). Raises ConditionError with the node's path."""
    from foryou.rules import compiler

    conditions = parse_conditions(tree, lookups_data)
    compiler.count_query(conditions, compiler.EvalContext(date(2000, 4, 1), 2000))
    return conditions


# -- files ----------------------------------------------------------------------------------------

_lock = threading.Lock()
_file_cache: dict[str, tuple[tuple, "EffectiveProgram"]] = {}


def _directory(directory) -> Path:
    return Path(directory) if directory is not None else Path(settings.PROGRAMS_DIR)


def _files(directory) -> list[Path]:
    folder = _directory(directory)
    if not folder.is_dir():
        raise ProgramError(str(folder), "", "is not a folder of program files")
    return program_files(folder)


def _from_file(path: Path) -> "EffectiveProgram":
    """The program of one file, parsed once and kept until the file changes (a shallow copy each time)."""
    stat = path.stat()
    key = (stat.st_mtime_ns, stat.st_size)
    with _lock:
        cached = _file_cache.get(str(path))
    if cached is None or cached[0] != key:
        data = read_yaml(path)
        program = parse_program(data, path.name)
        conditions_data = json_tree(data["conditions"])
        values = {f.name: getattr(program, f.name) for f in fields(Program)}
        cached = (key, EffectiveProgram(**values, tree=conditions_data, file_tree=conditions_data,
                                        lookups_data=json_tree(data.get("lookups")) or None))
        with _lock:
            _file_cache[str(path)] = cached
    return dataclasses.replace(cached[1])


def _replace_conditions(program: EffectiveProgram, tree, revision) -> EffectiveProgram:
    conditions = parse_tree(tree, program.lookups_data)
    values = {f.name: getattr(program, f.name) for f in fields(EffectiveProgram)}
    values.update(conditions=conditions, tree=tree, revision=revision)
    return EffectiveProgram(**values)


def _with_revision(program: EffectiveProgram, revision) -> EffectiveProgram:
    if revision is None:
        return program
    try:
        return _replace_conditions(program, revision.conditions, revision)
    except ConditionError as exc:
        # A revision that no longer parses (the file's lookup tables changed since): never fall back to
        # the file's conditions silently, which would target other people.
        raise ProgramError(f"{program.file} (console revision #{revision.pk})", exc.path, exc.problem, exc) from None


def _revisions(query, empty):
    """Ask the revisions table; a console database not yet migrated (a fresh checkout running
    `foryou programs list`) has no revisions, and that is not an error."""
    from django.db import DatabaseError, router

    from foryou.programs.models import ProgramRevision

    try:
        return query(ProgramRevision.objects)
    except DatabaseError:
        from django.db import connections

        connection = connections[router.db_for_read(ProgramRevision)]
        if ProgramRevision._meta.db_table not in connection.introspection.table_names():
            return empty
        raise


def file_programs(directory=None) -> list[EffectiveProgram]:
    """The programs exactly as their files say (no console revisions), in file order."""
    return check_unique_codes([_from_file(path) for path in _files(directory)])


# -- in effect ------------------------------------------------------------------------------------


def all_programs(directory=None, *, revisions: bool = True) -> list[Program]:
    """Every program in effect: its file, with the conditions of its latest console revision."""
    programs = file_programs(directory)
    if not revisions:
        return programs
    latest = _revisions(lambda revisions: revisions.latest_by_program(), {})
    return [_with_revision(p, latest.get(p.code)) for p in programs]


def get_program(code: str, directory=None, *, revisions: bool = True) -> Program:
    """One program in effect. Raises UnknownProgram (a LookupError naming the known codes)."""
    programs = {p.code: p for p in file_programs(directory)}
    program = programs.get(code)
    if program is None:
        raise UnknownProgram(code, list(programs))
    if not revisions:
        return program
    return _with_revision(program, _revisions(lambda revisions: revisions.latest_for(code), None))
