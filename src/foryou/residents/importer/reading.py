"""Reading an export file: encoding detection, header mapping, and a UTF-8 working copy whose first
field is the source line number, so that every later check in DuckDB can name the exact line.

Encodings: UTF-8 (with or without BOM) first, then CP932. A file that is neither is rejected whole.
"""

import codecs
import csv
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from foryou.residents.importer.problems import ERROR, WARNING, ExportRejected, Problem
from foryou.residents.layout import ExportFile

CHUNK = 8 * 1024 * 1024
LINE_COLUMN = "__line"


@dataclass
class PreparedFile:
    export: ExportFile
    source: Path
    work_path: Path
    encoding: str
    columns: list[str]  # store column names in file order (extras named __extra_N)
    rows: int = 0  # records written to the working copy
    # False when the source is read as it is (see plain_layout): DuckDB numbers its rows from their order,
    # and the stage falls back to a numbered copy if any line is rejected.
    numbered: bool = True
    problems: list[Problem] = field(default_factory=list)


def detect_encoding(path: Path) -> str:
    """'utf-8-sig' or 'cp932'; raises ExportRejected naming where each decoding failed."""
    failures = []
    for encoding in ("utf-8-sig", "cp932"):
        line = _first_undecodable_line(path, encoding)
        if line is None:
            return encoding
        failures.append(f"{'UTF-8' if encoding.startswith('utf') else 'CP932'}: line {line}")
    raise ExportRejected([Problem(path.name, None, "", "unknown_encoding", detail=", ".join(failures))])


def _first_undecodable_line(path: Path, encoding: str) -> int | None:
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    lines_before = 0
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as exc:
                return lines_before + chunk.count(b"\n", 0, exc.start) + 1
            lines_before += chunk.count(b"\n")
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return lines_before + 1
    return None


def _normalise_header(name: str) -> str:
    return unicodedata.normalize("NFKC", name).strip().strip("\ufeff").strip()


def map_header(header: list[str], export: ExportFile) -> tuple[list[str], list[Problem]]:
    """Store column names for each header field, and problems with the header."""
    by_header = {c.header: c.name for c in export.columns} | {c.name: c.name for c in export.columns}
    names, problems, seen = [], [], set()
    for index, raw in enumerate(header):
        label = _normalise_header(raw)
        name = by_header.get(label) or by_header.get(label.lower())
        if name is None:
            names.append(f"__extra_{index}")
            problems.append(Problem(export.filename, 1, label, "unknown_column", WARNING))
            continue
        if name in seen:
            problems.append(Problem(export.filename, 1, label, "duplicate_column"))
        seen.add(name)
        names.append(name)
    if not seen:
        # Nothing recognisable: a different file, or an encoding that decoded to the wrong characters.
        return names, [Problem(export.filename, 1, "", "header_unrecognized")]
    for column in export.columns:
        if column.required and column.name not in seen:
            problems.append(Problem(export.filename, 1, column.header, "missing_column"))
    return names, problems


def prepare(source: Path, export: ExportFile, work_dir: Path, progress=None) -> PreparedFile:
    """Check the file as a whole and write the numbered UTF-8 working copy. Raises ExportRejected."""
    name = export.filename
    if not source.is_file():
        raise ExportRejected([Problem(name, None, "", "missing_file")])
    size = source.stat().st_size
    if size == 0:
        raise ExportRejected([Problem(name, None, "", "empty_file")])
    with open(source, "rb") as handle:
        if b"\x00" in handle.read(CHUNK):
            raise ExportRejected([Problem(name, None, "", "binary_file")])
    encoding = detect_encoding(source)
    if encoding == "utf-8-sig" and (records := plain_layout(source)) is not None:
        header = header_of(source)
        columns, problems = map_header(header, export)
        prepared = PreparedFile(export, source, source, encoding, columns, rows=records, problems=problems,
                                numbered=False)
        return _checked(prepared)
    return number_lines(source, export, work_dir, encoding, progress)


def number_lines(source: Path, export: ExportFile, work_dir: Path, encoding: str, progress=None) -> PreparedFile:
    """The numbered UTF-8 working copy (any encoding, quoting or blank lines)."""
    size = source.stat().st_size
    work_path = work_dir / f"{export.table}.csv"
    with open(source, "rb") as raw, open(work_path, "w", encoding="utf-8", newline="") as out:
        reader = codecs.getreader(encoding)(raw, errors="strict")
        prepared = _write_numbered(reader, out, export, source, work_path, encoding, size, progress)
    return _checked(prepared)


def _checked(prepared: PreparedFile) -> PreparedFile:
    if prepared.rows == 0 and not prepared.export.may_be_empty:
        prepared.problems.append(Problem(prepared.export.filename, None, "", "no_rows"))
    fatal = [p for p in prepared.problems if p.severity == ERROR and p.line in (None, 1)]
    if fatal:
        raise ExportRejected(fatal)
    return prepared


NOT_PLAIN = re.compile(rb'"|\r(?!\n)|\n\r?\n')  # a quote, a lone CR, or a blank line


def plain_layout(source: Path, chunk_size: int = CHUNK) -> int | None:
    """The number of records when every line of the file is one record — no quotes (so no field spans
    lines), no blank lines, LF or CRLF endings — as most exports are; else None. Then record N is line
    N + 1 and the file needs no numbered copy (a scan at disk speed instead of a rewrite in Python)."""
    newlines, tail = 0, b"\n"  # as if a line ended just before the file: a blank first line is not plain
    with open(source, "rb") as handle:
        while chunk := handle.read(chunk_size):
            window = tail + chunk
            found = NOT_PLAIN.search(window)
            # A CR that ends the window may have its LF in the next chunk: it is judged with that chunk.
            if found and not (found.group() == b"\r" and found.start() == len(window) - 1):
                return None
            newlines += chunk.count(b"\n")
            tail = window[-2:]
    if tail.endswith(b"\r"):
        return None
    lines = newlines + (0 if tail.endswith(b"\n") else 1)
    return lines - 1  # the header


def header_of(source: Path) -> list[str]:
    with open(source, encoding="utf-8-sig", newline="") as handle:
        return next(csv.reader([handle.readline().rstrip("\r\n")]))


def _write_numbered(reader, out, export, source, work_path, encoding, size, progress) -> PreparedFile:
    """Copy records, prefixing each with its first line number. A record whose quoted field holds a
    line break spans several lines; only its first line gets a number."""
    header_text, line_no = _read_header(reader)
    if header_text is None:
        raise ExportRejected([Problem(export.filename, None, "", "no_header")])
    header = next(csv.reader([header_text]))
    columns, problems = map_header(header, export)
    prepared = PreparedFile(export, source, work_path, encoding, columns, problems=problems)
    out.write(",".join([LINE_COLUMN, *columns]) + "\n")

    leftover = ""
    in_quote_since = 0  # line where an open quoted field started, 0 when none is open
    while chunk := reader.read(CHUNK // 2):
        text = (leftover + chunk).replace("\r\n", "\n")
        lines = text.split("\n")
        leftover = lines.pop()
        if progress:
            progress.update(min(progress.total or 0, int(reader.stream.tell())))
        if '"' not in text and not in_quote_since:
            # Fast path, the common case: no quoting at all in this chunk.
            first = line_no + 1
            line_no += len(lines)
            body = "\n".join(f"{n},{line}" for n, line in enumerate(lines, first) if line)
            prepared.rows += sum(1 for line in lines if line)
            if body:
                out.write(body + "\n")
            continue
        for line in lines:
            line_no += 1
            line_no, in_quote_since = _write_line(out, line, line_no, in_quote_since, prepared)
    leftover = leftover.rstrip("\r")
    if leftover:
        line_no += 1
        line_no, in_quote_since = _write_line(out, leftover, line_no, in_quote_since, prepared)
    if in_quote_since:
        out.write('"\n')  # close it so DuckDB can still read the earlier records
        prepared.problems.append(Problem(export.filename, in_quote_since, "", "unterminated_quote"))
    return prepared


def _write_line(out, line: str, line_no: int, in_quote_since: int, prepared: PreparedFile) -> tuple[int, int]:
    if in_quote_since:
        out.write("\n" + line)
    elif line:
        out.write(f"{line_no},{line}")
        prepared.rows += 1
    else:
        return line_no, 0
    if line.count('"') % 2:
        in_quote_since = 0 if in_quote_since else line_no
    if not in_quote_since:
        out.write("\n")
    return line_no, in_quote_since


def _read_header(reader) -> tuple[str | None, int]:
    """The first logical line (a header may itself quote commas, never line breaks)."""
    first = reader.readline()
    if not first:
        return None, 0
    text = first.rstrip("\r\n").lstrip("\ufeff")
    if not text.strip():
        return None, 1
    return text, 1

