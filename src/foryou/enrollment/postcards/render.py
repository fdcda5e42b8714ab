"""The postcard as HTML for WeasyPrint: the address side then the message side of each card.

A batch is printed by stamp.py (the static layer laid out here once, each card's own fields stamped on
it); render_with_weasyprint() lays out every card in full, the reference the stamped cards are held to."""

from dataclasses import dataclass
from functools import cache
from html import escape
from importlib.resources import files
from string import Template

import segno

from foryou.shared.jp.dates import wareki

from . import vertical
from .cards import Postcard, Sender, grouped_number, postal_digits
from .fonts import MINCHO_STACK, font_for, font_face_css
from .vertical import PITCH, column_html

_TEMPLATES = files(__package__) / "templates"

# Postal-code frames (Japan Post, はがき): inner 5.7 × 8.0 mm, inner top 12 mm from the top edge, the
# last frame's inner right edge 8 mm from the right edge; 1.3 mm between the first three frames, 1.9 mm
# (the hyphen) between the third and the fourth, 1.1 mm between the last four.
CARD_WIDTH = 100.0
FRAME_W, FRAME_H, FRAME_TOP, FRAME_RIGHT = 5.7, 8.0, 12.0, 8.0
GAPS = (1.3, 1.3, 1.9, 1.1, 1.1, 1.1)
UPPER_LINE, LOWER_LINE = 0.5, 0.3  # the first three frames and the hyphen are drawn heavier

# Columns of the address side (mm).
ADDRESS_RIGHT, ADDRESS_TOP, ADDRESS_BOTTOM, ADDRESS_SIZE = 90.5, 27.0, 128.0, 5.6
NAME_CENTER, NAME_TOP, NAME_BOTTOM, NAME_SIZE = 50.0, 30.0, 132.0, 10.0
SENDER_RIGHT, SENDER_BOTTOM, SENDER_TOP, SENDER_SIZE = 30.0, 14.0, 62.0, 3.3


@cache
def _template(name: str) -> Template:
    return Template((_TEMPLATES / name).read_text(encoding="utf-8"))


def frame_boxes() -> list[tuple[float, float]]:
    """(left, right) inner edges of the seven frames, in mm from the left edge of the card."""
    right = CARD_WIDTH - FRAME_RIGHT
    edges = []
    for gap in (*reversed(GAPS), 0.0):
        edges.append((right - FRAME_W, right))
        right -= FRAME_W + gap
    return list(reversed(edges))


def _frames_html(postal_code: str) -> str:
    parts = []
    boxes = frame_boxes()
    for i, ((left, _), digit) in enumerate(zip(boxes, postal_digits(postal_code))):
        kind, line = ("upper", UPPER_LINE) if i < 3 else ("lower", LOWER_LINE)
        style = f"left:{left - line:.2f}mm;top:{FRAME_TOP - line:.2f}mm"
        parts.append(f'<div class="frame {kind}" style="{style}"><span class="digit">{digit}</span></div>')
    hyphen_left, hyphen_right = boxes[2][1] + UPPER_LINE, boxes[3][0] - LOWER_LINE
    top = FRAME_TOP + FRAME_H / 2 - UPPER_LINE / 2  # the hyphen is 4.0 mm below the top of the frames
    parts.append(f'<div class="hyphen" style="left:{hyphen_left:.2f}mm;top:{top:.2f}mm;'
                 f'width:{hyphen_right - hyphen_left:.2f}mm"></div>')
    return "\n".join(parts)


@dataclass(frozen=True)
class Column:
    """A vertical column of cells placed on the address side (mm): what both renderers draw."""
    cells: list
    center_x: float
    size: float
    top: float


def address_columns(card: Postcard) -> list[Column]:
    """The address (and 方書, which starts lower) as columns from the right edge leftwards."""
    room = ADDRESS_BOTTOM - ADDRESS_TOP
    address = vertical.cells(card.address, MINCHO_STACK)
    katagaki = vertical.cells(card.katagaki.strip(), MINCHO_STACK)
    size = vertical.fit(address, room, ADDRESS_SIZE)
    size = max(size, 4.0)
    per_column = int(room / (size * PITCH))
    columns = [(c, ADDRESS_TOP) for c in vertical.split(address, per_column)]
    if katagaki:
        indent = min(3 * size, room - vertical.length(katagaki) * size * PITCH)
        if indent >= 0:
            columns.append((katagaki, ADDRESS_TOP + indent))
        else:
            columns += [(c, ADDRESS_TOP + size) for c in vertical.split(katagaki, per_column - 1)]
    placed, center = [], ADDRESS_RIGHT - size / 2
    for column, top in columns:
        placed.append(Column(column, center, size, top))
        center -= size * 1.55
    return placed


def name_columns(card: Postcard) -> list[Column]:
    name = vertical.cells(card.name.strip(), MINCHO_STACK)
    honorific = [vertical.Cell("", "half"), vertical.Cell("様", "char", "mincho")]
    cells = name + honorific
    size = vertical.fit(cells, NAME_BOTTOM - NAME_TOP, NAME_SIZE)
    if size >= 5.0:
        return [Column(cells, NAME_CENTER, size, NAME_TOP)]
    # A very long name (e.g. a foreign one in katakana): two columns, 様 at the end of the second.
    size = 6.0
    first, *rest = vertical.split(name, int((NAME_BOTTOM - NAME_TOP) / (size * PITCH)))
    second = [c for part in rest for c in part] + honorific
    return [Column(first, NAME_CENTER + size * 0.8, size, NAME_TOP),
            Column(second, NAME_CENTER - size * 0.8, size, NAME_TOP + 2 * size)]


def _address_columns(card: Postcard) -> list[str]:
    return [column_html(c.cells, center_x=c.center_x, size=c.size, top=c.top, css_class="address")
            for c in address_columns(card)]


def _name_column(card: Postcard) -> str:
    return "".join(column_html(c.cells, center_x=c.center_x, size=c.size, top=c.top, css_class="name")
                   for c in name_columns(card))


def _sender_columns(sender: Sender) -> list[str]:
    room = SENDER_TOP - SENDER_BOTTOM
    lines = [sender.address, f"{sender.municipality}　{sender.department}"]
    html, center = [], SENDER_RIGHT - SENDER_SIZE / 2
    for i, line in enumerate(lines):
        cells = vertical.cells(line, MINCHO_STACK)
        size = vertical.fit(cells, room, SENDER_SIZE if i == 0 else SENDER_SIZE * 1.1)
        html.append(column_html(cells, center_x=center, size=size, bottom=SENDER_BOTTOM, css_class="sender"))
        center -= SENDER_SIZE * 1.7
    return html


def _hyphenated(postal_code: str) -> str:
    digits = postal_digits(postal_code)
    return f"{digits[:3]}-{digits[3:]}"


def _inline(text: str, stack: tuple[str, ...]) -> str:
    """Horizontal text, each grapheme that the first font cannot draw wrapped in the class of one that can."""
    out = []
    for g in vertical.graphemes(text):
        key = font_for(g, stack)
        out.append(escape(g) if key == stack[0] else f'<span class="f-{key}">{escape(g)}</span>')
    return "".join(out)


def _qr_data_uri(url: str) -> str:
    return segno.make(url, error="m", micro=False).svg_data_uri(border=4, dark="#000", light="#fff")


def front_html(card: Postcard, sender: Sender) -> str:
    columns = _address_columns(card) + [_name_column(card)] + _sender_columns(sender)
    return _template("front.html").substitute(
        frames=_frames_html(card.postal_code), post_office=escape(sender.post_office),
        columns="\n".join(columns), sender_postal_code=_hyphenated(sender.postal_code))


# The message side's heading and first paragraph: a number answering an application, or an invitation.
HEADINGS = {False: "登録番号のお知らせ", True: "ご利用のご案内"}
LEADS = {
    False: "「{service}」のご登録ありがとうございます。下の登録番号をLINEまたはメールの登録画面で入力すると、"
           "ご利用を開始できます。",
    True: "「{service}」は、あなたが使える市の制度をLINEまたはメールでお知らせするサービスです。申請は不要です。"
          "下の登録番号を登録画面で入力すると、すぐにご利用を開始できます。"
          "案内が不要な方は、QRコードの画面の「今後の案内を希望しない」からお知らせください。",
}


def back_html(card: Postcard, sender: Sender) -> str:
    number = '<span class="dash">-</span>'.join(grouped_number(card.registration_number).split("-"))
    return _template("back.html").substitute(
        heading=HEADINGS[card.invitation], lead=escape(LEADS[card.invitation].format(service=sender.service_name)),
        municipality=escape(sender.municipality), service_name=escape(sender.service_name),
        name=_inline(card.name.strip(), MINCHO_STACK), number=number, expires_on=wareki(card.expires_on),
        qr=_qr_data_uri(card.activation_url), department=escape(sender.department), phone=escape(sender.phone),
        sender_postal_code=_hyphenated(sender.postal_code), sender_address=escape(sender.address))


def batch_html(cards: list[Postcard], sender: Sender) -> str:
    css = "\n".join([font_face_css(), vertical.CSS, (_TEMPLATES / "postcard.css").read_text(encoding="utf-8")])
    sides = "\n".join(front_html(card, sender) + back_html(card, sender) for card in cards)
    return (f'<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>{escape(sender.service_name)}</title>'
            f"<style>{css}</style></head><body>{sides}</body></html>")


def render_with_weasyprint(cards: list[Postcard], sender: Sender) -> bytes:
    """Every card laid out by WeasyPrint (about 120 ms a card): the reference the stamped batch is held to."""
    if not cards:
        raise ValueError("no postcards to render")
    from weasyprint import HTML  # imported late: it loads Pango, which tools that only list cards do not need

    document = HTML(string=batch_html(cards, sender)).render()
    if len(document.pages) != 2 * len(cards):
        # One side spilling onto a third page would shift every later card in duplex printing.
        raise RuntimeError(f"{len(cards)} postcards laid out on {len(document.pages)} pages, not {2 * len(cards)}")
    return document.write_pdf()
