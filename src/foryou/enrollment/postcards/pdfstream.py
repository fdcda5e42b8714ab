"""A PDF written object by object to a file as it is made: memory holds the objects' offsets, not the pages.

Also copies a page of another PDF (the static layer WeasyPrint laid out) in as a Form XObject, so that
every card's page draws it with one `Do`.
"""

import io
import zlib

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject, StreamObject


class PdfStream:
    def __init__(self, out):
        self.out = out
        self.offsets: list[int | None] = []
        self.position = 0
        self._emit(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")

    def _emit(self, data: bytes) -> None:
        self.out.write(data)
        self.position += len(data)

    def reserve(self) -> int:
        self.offsets.append(None)
        return len(self.offsets)

    def write(self, number: int, body: bytes) -> None:
        self.offsets[number - 1] = self.position
        self._emit(b"%d 0 obj\n" % number + body + b"\nendobj\n")

    def add(self, body: bytes) -> int:
        number = self.reserve()
        self.write(number, body)
        return number

    def stream_body(self, data: bytes, extra: bytes = b"", compress: bool = True) -> bytes:
        if compress:
            data = zlib.compress(data, 6)
            extra += b" /Filter /FlateDecode"
        return b"<< /Length %d %s >>\nstream\n%s\nendstream" % (len(data), extra, data)

    def add_stream(self, data: bytes, extra: bytes = b"", compress: bool = True) -> int:
        return self.add(self.stream_body(data, extra, compress))

    def close(self, root: int, info: int | None = None) -> None:
        missing = [i + 1 for i, offset in enumerate(self.offsets) if offset is None]
        if missing:
            raise RuntimeError(f"PDF objects reserved and never written: {missing[:5]}")
        start = self.position
        rows = [b"xref\n0 %d\n" % (len(self.offsets) + 1), b"0000000000 65535 f \n"]
        rows += [b"%010d 00000 n \n" % offset for offset in self.offsets]
        extra = b" /Info %d 0 R" % info if info else b""
        rows.append(b"trailer\n<< /Size %d /Root %d 0 R%s >>\nstartxref\n%d\n%%%%EOF\n"
                    % (len(self.offsets) + 1, root, extra, start))
        self._emit(b"".join(rows))


class _Copier:
    """Copies objects of a pypdf reader into a PdfStream, each indirect object once, with new numbers."""

    def __init__(self, writer: PdfStream):
        self.writer = writer
        self.numbers: dict[tuple[int, int], int] = {}

    def __call__(self, obj) -> bytes:
        if isinstance(obj, IndirectObject):
            key = (obj.idnum, obj.generation)
            if key not in self.numbers:
                self.numbers[key] = number = self.writer.reserve()
                self.writer.write(number, self(obj.get_object()))
            return b"%d 0 R" % self.numbers[key]
        if isinstance(obj, StreamObject):
            entries = {k: v for k, v in obj.items() if k != "/Length"}
            data = obj._data
            return b"<< /Length %d %s >>\nstream\n%s\nendstream" % (len(data), self._entries(entries), data)
        if isinstance(obj, DictionaryObject):
            return b"<< " + self._entries(obj) + b" >>"
        if isinstance(obj, ArrayObject):
            return b"[" + b" ".join(self(item) for item in obj) + b"]"
        buffer = io.BytesIO()
        obj.write_to_stream(buffer)
        return buffer.getvalue()

    def _entries(self, entries) -> bytes:
        return b" ".join(self(NameObject(k)) + b" " + self(v) for k, v in entries.items())


def copy_pages_as_forms(pdf: bytes, writer: PdfStream) -> list[int]:
    """Each page of `pdf` as a Form XObject in `writer`; their object numbers."""
    reader = PdfReader(io.BytesIO(pdf))
    copier = _Copier(writer)
    forms = []
    for page in reader.pages:
        box = [float(v) for v in page.mediabox]
        resources = copier(page.get("/Resources", DictionaryObject()))
        extra = b"/Type /XObject /Subtype /Form /BBox [%s] /Resources %s" % (
            " ".join(f"{v:.4f}" for v in box).encode(), resources)
        forms.append(writer.add_stream(page.get_contents().get_data(), extra))
    return forms
