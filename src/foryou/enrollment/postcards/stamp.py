"""A batch of postcards as one PDF streamed to disk: the static layer laid out once, each card's fields stamped.

WeasyPrint takes ~120 ms to lay out a card, nearly all of it on what every card shares (the wording, the
frames, the indicium, the sender). So the layer is laid out once per batch (layer.py) and drawn on every
page as a Form XObject; a card adds only a small content stream: the postal-code digits, the address and
name columns (the same cells, fonts and sizes as render.py's layout), the addressee, the number and the
QR code (a 1-bit image from segno). Pages are written to the file as they are made; the fonts, subset to
the glyphs the batch used, come last.
"""

import io
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

import numpy as np

from . import qr
from .cards import Postcard, Sender, postal_digits
from .fonts import MINCHO_STACK, font_for
from .glyphs import FACE_FILES, Face, embed, face
from .layer import PX_PER_MM, Layer, key_of, lay_out
from .pdfstream import PdfStream, copy_pages_as_forms
from .render import Column, address_columns, name_columns
from .vertical import PITCH, graphemes

GRAY_DASH = 0x55 / 0xFF  # the number's dashes (postcard.css: .number .dash)


class _Text:
    """Text operators for one page, in the layer's coordinates (CSS px, y downwards)."""

    def __init__(self, faces: dict[str, Face]):
        self.faces = faces
        self.ops: list[bytes] = []

    def glyph(self, key: str, gid: int, x: float, baseline: float, size: float) -> None:
        self.ops.append(b"/F%s 1 Tf %.3f 0 0 %.3f %.3f %.3f Tm <%04X> Tj" % (
            key.encode(), size, -size, x, baseline, gid))

    def run(self, key: str, text: str, x: float, baseline: float, size: float, spacing: float = 0.0) -> float:
        """Horizontal text in one font from x; the x where it ends."""
        face = self.faces[key]
        for g in graphemes(text):
            gid = face.glyph(g)
            self.glyph(key, gid, x, baseline, size)
            x += face.advance(gid) * size + spacing
        return x

    def width(self, key: str, text: str, size: float) -> float:
        face = self.faces[key]
        return sum(face.advance(face.cmap.get(ord(g[0]), 0)) for g in graphemes(text)) * size


def _column(text: _Text, column: Column, baselines: dict[str, float]) -> None:
    size = column.size * PX_PER_MM
    left, top = (column.center_x - column.size / 2) * PX_PER_MM, column.top * PX_PER_MM
    for cell in column.cells:
        if cell.kind == "char":
            face = text.faces[cell.font]
            gid = face.glyph(cell.text, upright=True)
            x = left + (size - face.advance(gid) * size) / 2
            text.glyph(cell.font, gid, x, top + baselines[cell.font] * size, size)
        elif cell.kind == "tcy":
            small = 0.9 * size
            width = text.width(cell.font, cell.text, small)
            text.run(cell.font, cell.text, left + (size - width) / 2, top + baselines["tcy"] * size, small)
        top += size * PITCH * cell.units


def _front(text: _Text, card: Postcard, layer: Layer) -> None:
    gothic = text.faces["gothic"]
    for slot, digit in zip(layer.digits, postal_digits(card.postal_code)):
        gid = gothic.glyph(digit)
        center = slot.x + slot.width / 2
        text.glyph("gothic", gid, center - gothic.advance(gid) * slot.size / 2, slot.baseline, slot.size)
    for column in address_columns(card) + name_columns(card):
        _column(text, column, layer.baselines)


def _addressee(text: _Text, card: Postcard, layer: Layer, room: float) -> None:
    """'<name>　様' on the message side: each grapheme in the first font of the stack that draws it."""
    slot = layer.name
    graphs = graphemes(card.name.strip()) + ["　", "様"]
    keys = [font_for(g, MINCHO_STACK) for g in graphs]
    widths = []
    for g, key in zip(graphs, keys):
        widths.append(text.faces[key].advance(text.faces[key].glyph(g)))
    size = min(slot.size, room / max(sum(widths), 1))  # a name too long for the line is set smaller
    x = slot.x
    for g, key, width in zip(graphs, keys, widths):
        text.glyph(key, text.faces[key].glyph(g), x, slot.baseline, size)
        x += width * size


def _number(text: _Text, card: Postcard, layer: Layer) -> None:
    digits = "".join(ch for ch in card.registration_number if ch.isdigit())
    for slot in layer.number:
        if slot.text.isdigit():
            group, digits = digits[:len(slot.text)], digits[len(slot.text):]
            text.run("gothic-bold", group, slot.x, slot.baseline, slot.size, slot.spacing)
        else:  # a dash between the groups, in gray
            text.ops.append(b"%.3f g" % GRAY_DASH)
            text.run("gothic-bold", slot.text, slot.x, slot.baseline, slot.size, slot.spacing)
            text.ops.append(b"0 g")


def _qr(url: str, box: tuple[float, float, float, float]) -> bytes:
    """The QR code as an inline 1-bit image filling the box, with its 4-module quiet zone."""
    dark = qr.matrix(url, border=4)
    size = dark.shape[0]
    packed = np.packbits(dark == 0, axis=1)  # 1 is white in DeviceGray
    x, y, width, height = box
    return (b"q %.3f 0 0 %.3f %.3f %.3f cm BI /W %d /H %d /CS /G /BPC 1 /I false /F /AHx ID %s> EI Q"
            % (width, -height, x, y + height, size, size, packed.tobytes().hex().encode()))


def _page(layer_form: bytes, layer: Layer, body: list[bytes]) -> bytes:
    height_pt = layer.page_height * 0.75
    return (b"q /%s Do Q q 0.75 0 0 -0.75 0 %.4f cm " % (layer_form, height_pt) + b"\n".join(body) + b" Q")


def stream_batch(cards: Iterable[Postcard], sender: Sender, out) -> int:
    """Write the PDF of the cards, two pages each, to the binary file `out` as they come; the number of pages."""
    faces = {key: face(key) for key in FACE_FILES}
    writer = PdfStream(out)
    pages_root, resources = writer.reserve(), writer.reserve()
    layers: dict[tuple, tuple[Layer, bytes, bytes]] = {}
    forms: dict[bytes, int] = {}
    kids: list[int] = []
    for card in cards:
        key = key_of(card)
        if key not in layers:
            layer = lay_out(key, sender)
            front_form, back_form = copy_pages_as_forms(layer.pdf, writer)
            names = (b"L%df" % len(layers), b"L%db" % len(layers))
            forms.update(zip(names, (front_form, back_form)))
            layers[key] = (layer, *names)
        layer, front_name, back_name = layers[key]
        front = _Text(faces)
        _front(front, card, layer)
        back = _Text(faces)
        _addressee(back, card, layer, room=86 * PX_PER_MM)
        _number(back, card, layer)
        sides = [(front_name, [b"BT " + b" ".join(front.ops) + b" ET"]),
                 (back_name, [b"BT " + b" ".join(back.ops) + b" ET", _qr(card.activation_url, layer.qr)])]
        for form, body in sides:
            contents = writer.add_stream(_page(form, layer, body))
            kids.append(writer.add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %.4f %.4f] /Resources %d 0 R "
                                   b"/Contents %d 0 R >>" % (pages_root, 100 * 72 / 25.4, layer.page_height * 0.75,
                                                             resources, contents)))
    if not kids:
        raise ValueError("no postcards to render")
    fonts = {key: embed(f, writer) for key, f in faces.items() if f.used}
    writer.write(resources, b"<< /ProcSet [/PDF /Text /ImageB] /XObject << %s >> /Font << %s >> >>" % (
        b" ".join(b"/%s %d 0 R" % item for item in forms.items()),
        b" ".join(b"/F%s %d 0 R" % (key.encode(), number) for key, number in fonts.items())))
    writer.write(pages_root, b"<< /Type /Pages /Count %d /Kids [%s] >>" % (
        len(kids), b" ".join(b"%d 0 R" % kid for kid in kids)))
    title = sender.service_name.encode("utf-16-be").hex().upper().encode()
    info = writer.add(b"<< /Title <FEFF%s> /Producer (foryou postcards) >>" % title)
    writer.close(writer.add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_root), info)
    return len(kids)


def render_batch(cards: list[Postcard], sender: Sender) -> bytes:
    """One PDF in memory (for tests and proofs; batches go to disk with write_batch): two pages (address side,
    message side) for each card, in the order given."""
    if not cards:
        raise ValueError("no postcards to render")
    buffer = io.BytesIO()
    stream_batch(cards, sender, buffer)
    return buffer.getvalue()


def write_batch(cards: Iterable[Postcard], sender: Sender, path: str | os.PathLike) -> Path:
    """Stream the PDF to a temporary file beside the target, then put it in place: a reader sees the old
    file or the whole new one, and memory never holds the whole PDF."""
    target = Path(path)
    fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            stream_batch(cards, sender, out)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return target
