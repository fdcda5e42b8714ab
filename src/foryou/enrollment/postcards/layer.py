"""The static layer of a postcard, laid out once by WeasyPrint, and where each card's own fields go on it.

The layer is the real card (postcard.css, front.html, back.html) with a placeholder card whose own fields
are kept in the layout but hidden: the postal-code digits, the address and name columns, the name, the
number and the QR code on the message side. Their boxes, read from WeasyPrint's layout, say where the
stamped fields go; a hidden calibration column says where the baseline of a vertical cell sits. What the
layer depends on (the wording of an invitation or a reply, the expiry date, the length of the number) is
its key: a batch lays out one layer per key, usually one.
"""

from dataclasses import dataclass
from datetime import date

from .cards import Postcard, Sender
from .render import batch_html
from .vertical import Cell, column_html

PX_PER_MM = 96 / 25.4

# Kept in the layout, not painted: the stamp draws these.
_HIDE = """
.frame .digit, .v.address, .v.name, .v.calibration, .back .to, .back .number, .back .qr img { visibility: hidden; }
"""
# One hidden column whose cells give the baseline of each kind of cell (size 10 mm, top 0).
CALIBRATION = {"mincho": Cell("様", "char", "mincho"), "mj": Cell("𠮷", "char", "mj"),
               "tcy": Cell("12", "tcy", "mincho")}
_CALIBRATION_SIZE = 10.0


@dataclass(frozen=True)
class TextSlot:
    x: float  # left of the text (px from the left edge)
    baseline: float  # px from the top edge
    size: float  # font size, px
    width: float  # px
    text: str
    spacing: float = 0.0  # letter-spacing, px


@dataclass(frozen=True)
class Layer:
    pdf: bytes  # two pages: the address side, the message side
    page_height: float  # px
    digits: list[TextSlot]  # the seven postal-code digits
    name: TextSlot  # the addressee line on the message side (placeholder '名　様')
    number: list[TextSlot]  # the number's digit groups and dashes, left to right
    qr: tuple[float, float, float, float]  # x, y, width, height (px) of the QR image
    baselines: dict[str, float]  # cell kind → baseline below the cell's top, in ems of the column


def key_of(card: Postcard) -> tuple[bool, date, int]:
    return card.invitation, card.expires_on, len("".join(ch for ch in card.registration_number if ch.isdigit()))


def _placeholder(key: tuple[bool, date, int]) -> Postcard:
    invitation, expires_on, digits = key
    return Postcard(postal_code="0000000", address="千", katagaki="", name="名", registration_number="0" * digits,
                    activation_url="https://example.invalid/", expires_on=expires_on, invitation=invitation)


def _boxes(box, classes=()):
    """(box, the classes of it and its ancestors) for every box of the tree, in document order."""
    element = getattr(box, "element", None)
    own = tuple((element.get("class") or "").split()) if element is not None and box.element_tag else ()
    yield box, classes + own
    for child in getattr(box, "children", ()):
        yield from _boxes(child, classes + own)


def _text(box) -> TextSlot:
    spacing = box.style["letter_spacing"]
    return TextSlot(box.position_x, box.position_y + box.baseline, box.style["font_size"], box.width, box.text,
                    0.0 if spacing == "normal" else float(spacing))


def lay_out(key: tuple[bool, date, int], sender: Sender) -> Layer:
    from weasyprint import CSS, HTML
    from weasyprint.formatting_structure.boxes import BlockBox

    html = batch_html([_placeholder(key)], sender)
    calibration = column_html(list(CALIBRATION.values()), center_x=50, size=_CALIBRATION_SIZE, top=0,
                              css_class="calibration")
    html = html.replace('<section class="side front">', '<section class="side front">' + calibration, 1)
    document = HTML(string=html).render(stylesheets=[CSS(string=_HIDE)])
    if len(document.pages) != 2:
        raise RuntimeError(f"the postcard's static layer laid out on {len(document.pages)} pages, not 2")
    front, back = (page._page_box for page in document.pages)
    digits = [_text(b) for b, c in _boxes(front) if "digit" in c and hasattr(b, "text")]
    cells = [b for b, c in _boxes(front) if "calibration" in c and isinstance(b, BlockBox) and b.element_tag == "span"]
    baselines = {}
    size_px = _CALIBRATION_SIZE * PX_PER_MM
    for kind, cell in zip(CALIBRATION, cells):
        text = next(b for b, _ in _boxes(cell) if hasattr(b, "text"))
        baselines[kind] = (text.position_y + text.baseline - cell.position_y) / size_px
    name = next(_text(b) for b, c in _boxes(back) if "to" in c and hasattr(b, "text"))
    number = [_text(b) for b, c in _boxes(back) if "number" in c and hasattr(b, "text")]
    image = next(b for b, c in _boxes(back) if "qr" in c and b.element_tag == "img")
    qr = (image.content_box_x(), image.content_box_y(), image.width, image.height)
    pdf = document.write_pdf()
    if len(digits) != 7 or len(baselines) != len(CALIBRATION) or not number:
        raise RuntimeError("the postcard templates lost a field the stamp needs (digits, calibration or number)")
    return Layer(pdf, document.pages[0].height, digits, name, number, qr, baselines)
