"""Writes for resident data: importing a full export into a new analysis snapshot."""

import fcntl
import shutil
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from foryou.audit import services as audit
from foryou.audit.services import system_actor_label
from foryou.shared.progress import Progress, step
from foryou.residents import layout, store
from foryou.residents.importer.build import REPORTED_PROBLEMS, SnapshotBuilder, memory_limit_for
from foryou.residents.importer.problems import ERROR, ExportRejected, Problem
from foryou.residents.importer.reading import prepare
from foryou.residents.models import ImportRun


ENCODING_LABELS = {"utf-8-sig": "UTF-8", "cp932": "CP932"}


class ImportBusy(Exception):
    pass


@contextmanager
def import_lock():
    """One import at a time per data directory (across processes)."""
    path = store.analysis_dir() / "import.lock"
    with open(path, "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise ImportBusy(_("Another import is running on this data directory. Wait for it to finish."))
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def run_import(source: Path, as_of: date, *, actor=None, max_errors: int | None = None, stream=None) -> ImportRun:
    """Load the export in `source` as of `as_of`. The new snapshot becomes current only when the export
    has no file-level problem and at most `max_errors` row problems; rows with problems are left out.
    Every attempt is recorded as an ImportRun, applied or not."""
    out = stream if stream is not None else sys.stderr
    max_errors = settings.IMPORT_MAX_ERRORS if max_errors is None else max_errors
    started = time.monotonic()
    with import_lock():
        # Anything still "running" now was interrupted: its process no longer holds the lock.
        ImportRun.objects.running().update(status=ImportRun.Status.INTERRUPTED, finished_at=timezone.now())
        run = ImportRun.objects.create(
            actor=actor,
            actor_label=actor.get_username() if actor else system_actor_label(),
            source=str(source),
            as_of=as_of,
            max_errors=max_errors,
        )
        store.prune(settings.ANALYSIS_KEEP_SNAPSHOTS)
        try:
            _build_and_publish(run, Path(source), as_of, max_errors, out)
        except ExportRejected as rejected:
            _finish(run, ImportRun.Status.REJECTED, rejected.problems, started)
        except BaseException as exc:  # record what happened, then let it propagate
            run.problems = [{"file": "", "line": None, "column": "", "code": "internal", "severity": ERROR,
                             "message": f"{type(exc).__name__}: {exc}"}]
            run.status = ImportRun.Status.FAILED
            run.finished_at = timezone.now()
            run.seconds = time.monotonic() - started
            run.save()
            raise
    if run.status == ImportRun.Status.APPLIED:
        from foryou.enrollment.services import stop_registrations_of_former_residents

        from foryou.outcomes.services import record_after_import

        with store.connect() as con:
            run.counts["registrations_stopped"] = stop_registrations_of_former_residents(con, actor)
        # After the snapshot is published: a failed recording leaves the import applied, and is retried.
        run.counts.update(record_after_import(run))
        run.save(update_fields=["counts"])
    audit.record("residents.import", actor=actor, target=f"import:{run.pk}",
                 detail={"status": run.status, "as_of": as_of.isoformat(), "errors": run.error_count})
    return run


def _finish(run: ImportRun, status: str, problems: list[Problem], started: float, errors: int | None = None,
            warnings: int | None = None) -> None:
    run.status = status
    run.problems = [p.as_dict() for p in problems[:REPORTED_PROBLEMS]]
    run.error_count = errors if errors is not None else sum(p.severity == ERROR for p in problems)
    run.warning_count = warnings if warnings is not None else sum(p.severity != ERROR for p in problems)
    run.finished_at = timezone.now()
    run.seconds = time.monotonic() - started
    run.save()


def _read_one(source: Path, export, work_dir: Path, run: ImportRun, out, language: str | None):
    with translation.override(language):
        return _read(source, export, work_dir, run, out)


def _read(source: Path, export, work_dir: Path, run: ImportRun, out):
    path = source / export.filename
    size = path.stat().st_size if path.is_file() else 0
    read_started = time.monotonic()
    with Progress(_("reading %(file)s") % {"file": export.filename}, total=size, stream=out, unit=" B") as bar:
        prepared = prepare(path, export, work_dir, progress=bar)
        bar.update(size)
    run.files[export.filename] = {"rows": prepared.rows, "encoding": ENCODING_LABELS[prepared.encoding], "bytes": size,
                                  "read_seconds": round(time.monotonic() - read_started, 3)}
    return prepared


def _build_and_publish(run: ImportRun, source: Path, as_of: date, max_errors: int, out) -> None:
    started = time.monotonic()
    if not source.is_dir():
        raise ExportRejected([Problem(str(source), None, "", "missing_file")])
    label = f"{as_of:%Y%m%d}-{run.pk:06d}"
    building = store.new_building_path(label)
    work_dir = Path(tempfile.mkdtemp(prefix="foryou-import-", dir=store.analysis_dir()))
    builder = None
    try:
        run.files = {}
        builder = SnapshotBuilder(building, as_of, label, work_dir=work_dir,
                                  memory_limit=memory_limit_for(source / layout.PERSONS.filename))
        # Reading (Python, one core) runs one file ahead of staging and checking (DuckDB, which releases the
        # GIL): persons are being checked while the tax file is still being read. Each file is checked and
        # written to the snapshot before the next is staged, persons first (their carried-over history
        # too): the others' checks read the persons written, and each file's sort has the memory alone.
        previous = store.current_snapshot_path()
        carried = dropped = 0
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="foryou-import-read") as reader:
            language = translation.get_language()
            reads = [reader.submit(_read_one, source, export, work_dir, run, out, language)
                     for export in layout.EXPORT_FILES]
            staged = []
            try:
                # The first file has no earlier one to overlap its reading with: DuckDB stages it meanwhile.
                builder.stage_ahead(source / layout.PERSONS.filename, layout.PERSONS)
                for export, read in zip(layout.EXPORT_FILES, reads):
                    prepared = read.result()  # ExportRejected stops here, before any later file is checked
                    check_started = time.monotonic()
                    builder.stage(prepared)
                    builder.clean(export)
                    run.files[export.filename]["check_seconds"] = round(time.monotonic() - check_started, 3)
                    staged.append(prepared.rows)
                    if export is layout.PERSONS:
                        builder.check_persons()
                        carried, dropped = builder.carry_over_history(previous, settings.RETAIN_DEPARTED_RESIDENTS_DAYS)
                        builder.write_persons()
                    else:
                        builder.check_dependants(export)
                        builder.write_dependant(export)
            except BaseException:
                for read in reads:
                    read.cancel()
                raise
        step(_("checking %(rows)s rows") % {"rows": f"{sum(staged):,}"}, out)
        errors, warnings = builder.problem_counts()
        problems = builder.problems()
        for export in layout.EXPORT_FILES:
            info = run.files[export.filename]
            info["left_out"] = builder.rows_left_out(export.filename)
            info["accepted"] = info["rows"] - info["left_out"]
        if errors > max_errors:
            builder.con.close()
            builder = None
            _finish(run, ImportRun.Status.REJECTED, problems, started, errors, warnings)
            return
        step(_("building the analysis snapshot"), out)
        builder.derive()
        history = {"carried_over": carried, "departed_dropped": dropped}
        run.counts = builder.write_meta({"import_id": run.pk, **history}) | history
        builder.close()
        builder = None
        run.snapshot = store.publish(building, label)
        store.prune(settings.ANALYSIS_KEEP_SNAPSHOTS)
        _finish(run, ImportRun.Status.APPLIED, problems, started, errors, warnings)
    finally:
        if builder is not None:
            builder.con.close()
        building.unlink(missing_ok=True)
        Path(str(building) + ".wal").unlink(missing_ok=True)
        shutil.rmtree(work_dir, ignore_errors=True)
