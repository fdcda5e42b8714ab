"""CSV files as a municipal core system writes them: Japanese headers, CRLF, quotes only where needed,
UTF-8 (with or without BOM) or CP932.

CP932 cannot hold every registered character. Like a core system printing 外字 substitutes, the CP932
writer drops variation selectors (葛󠄀 → 葛), maps known characters to their common form (𠮷 → 吉) and
writes 〓 (geta) for anything else; UTF-8 output keeps every character as registered.
"""

import codecs
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np

from foryou.shared.progress import Progress
from foryou.dev.synth.dates import ymd_strings

ENCODINGS = ("utf-8", "utf-8-sig", "cp932")
NEWLINE = "\r\n"
CHUNK = 50_000
GAIJI_ERRORS = "foryou-gaiji"
GAIJI_FALLBACK = {"\U00020BB7": "吉", "\u9AD9": "高", "\uFA11": "崎"}  # the last two only if a codec lacks them
GETA = "〓"
_SPECIAL = (",", '"', "\r", "\n")

Column = Callable[[int, int], list]  # rows [start, end) → their field strings


def _is_variation_selector(ch: str) -> bool:
    cp = ord(ch)
    return 0xFE00 <= cp <= 0xFE0F or 0xE0100 <= cp <= 0xE01EF


def _gaiji(exc: UnicodeError):
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    bad = exc.object[exc.start:exc.end]
    return "".join("" if _is_variation_selector(ch) else GAIJI_FALLBACK.get(ch, GETA) for ch in bad), exc.end


codecs.register_error(GAIJI_ERRORS, _gaiji)


def errors_for(encoding: str) -> str:
    return "strict" if encoding.startswith("utf") else GAIJI_ERRORS


def quoted(values: list[str]) -> list[str]:
    """RFC 4180 quoting, only for fields that need it (checked on the joined chunk, which is fast)."""
    if not any(ch in "\x1f".join(values) for ch in _SPECIAL):
        return values
    return ['"' + v.replace('"', '""') + '"' if any(ch in v for ch in _SPECIAL) else v for v in values]


# Column helpers -------------------------------------------------------------------------------

def text(values: np.ndarray, index: np.ndarray | None = None) -> Column:
    """An object array of strings, optionally looked up through `index` (e.g. a household's value)."""
    if index is None:
        return lambda s, e: quoted(values[s:e].tolist())
    return lambda s, e: quoted(values[index[s:e]].tolist())


def digits(values: np.ndarray, width: int = 0, index: np.ndarray | None = None) -> Column:
    def col(s, e):
        v = (values[s:e] if index is None else values[index[s:e]]).astype(np.int64).astype(str)
        return (np.strings.zfill(v, width) if width else v).tolist()
    return col


def days(values: np.ndarray, index: np.ndarray | None = None, override: dict | None = None) -> Column:
    def col(s, e):
        out = ymd_strings(values[s:e] if index is None else values[index[s:e]])
        if override:
            for i in (k for k in override if s <= k < e):
                out[i - s] = override[i]
        return out
    return col


def constant(value: str) -> Column:
    return lambda s, e: [value] * (e - s)


@dataclass
class Table:
    filename: str
    headers: tuple
    rows: int
    columns: list  # Column per header, same order


def write(path: Path, table: Table, encoding: str, stream) -> int:
    """Write the table to `path` atomically (a temporary file renamed into place)."""
    encoder = codecs.getincrementalencoder(encoding)(errors=errors_for(encoding))
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        with open(tmp, "wb") as out, Progress(table.filename, total=table.rows, stream=stream, unit=" rows") as bar:
            out.write(encoder.encode(",".join(quoted(list(table.headers))) + NEWLINE))
            for s in range(0, table.rows, CHUNK):
                e = min(s + CHUNK, table.rows)
                fields = [column(s, e) for column in table.columns]
                out.write(encoder.encode(NEWLINE.join(map(",".join, zip(*fields))) + NEWLINE))
                bar.advance(e - s)
            out.write(encoder.encode("", final=True))
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
    return table.rows
