"""Vertical Japanese text (縦書き) for the address side, laid out as a stack of one-em cells.

WeasyPrint has no `writing-mode: vertical-rl`, so a column is a narrow block with one cell per grapheme
(a character with its variation selector), shaped with the OpenType 'vert' feature so that ー 、 。 「」
and small kana take their vertical forms. Numbers follow `text-combine-upright: digits 2` (縦中横): a
two-digit number sits upright in one cell, other numbers take one full-width digit per cell. Latin
letters and signs turn full-width and upright, hyphens become a vertical bar.
"""

from dataclasses import dataclass
from html import escape

from .fonts import font_for, is_selector

_TO_ASCII = str.maketrans({chr(0xFF10 + i): str(i) for i in range(10)})
_HYPHENS = set("-‐‑‒–—―−－﹣")
_VERTICAL_HYPHEN = "‐"  # U+2010: BIZ UD has a vertical form for it under 'vert'
PITCH = 1.06  # cell height in ems: a little air between vertical characters

# Cell heights live in the stylesheet, not in style attributes: WeasyPrint computes a style attribute
# for every element, which made a batch twice as slow.
CSS = f"""
.v {{ position: absolute; line-height: 1; font-feature-settings: "vert" 1; }}
.v .c {{ display: block; width: 1em; height: {PITCH}em; text-align: center; white-space: nowrap; }}
.v .half {{ height: {PITCH / 2}em; }}
.v .tcy {{ font-feature-settings: normal; font-size: 0.9em; width: {1 / 0.9:.4f}em; height: {PITCH / 0.9:.4f}em;
           line-height: {1 / 0.9:.4f}; }}
"""


@dataclass(frozen=True)
class Cell:
    text: str
    kind: str = "char"  # char, tcy (two digits side by side), space (full), half (half space)
    font: str = ""  # a key of fonts.FONTS

    @property
    def units(self) -> float:
        return 0.5 if self.kind == "half" else 1.0


def graphemes(text: str) -> list[str]:
    """Characters with their variation selectors and combining (han)dakuten attached."""
    out: list[str] = []
    for ch in text:
        if out and (is_selector(ch) or ch in "\u3099\u309a"):
            out[-1] += ch
        else:
            out.append(ch)
    return out


def _full_width(ch: str) -> str:
    return chr(ord(ch) + 0xFEE0) if "!" <= ch <= "~" else ch


def cells(text: str, stack: tuple[str, ...]) -> list[Cell]:
    """The cells of one column of text, each with the font (of the stack) that draws it."""
    out: list[Cell] = []
    pending = ""  # ASCII digits of the number being read

    def flush() -> None:
        nonlocal pending
        if len(pending) == 2:
            out.append(Cell(pending, "tcy", stack[0]))
        else:
            out.extend(Cell(_full_width(d), "char", stack[0]) for d in pending)
        pending = ""

    for g in graphemes(text.translate(_TO_ASCII)):
        if g.isascii() and g.isdigit():
            pending += g
            continue
        flush()
        if g == "　":
            out.append(Cell("", "space"))
        elif g.isspace():
            out.append(Cell("", "half"))
        elif g in _HYPHENS:
            out.append(Cell(_VERTICAL_HYPHEN, "char", stack[0]))
        else:
            g = _full_width(g) if len(g) == 1 else g
            out.append(Cell(g, "char", font_for(g, stack)))
    flush()
    return out


def length(column: list[Cell]) -> float:
    """The length of a column in ems."""
    return sum(cell.units for cell in column)


def fit(column: list[Cell], room_mm: float, largest_mm: float) -> float:
    """The font size (mm) that makes the column fit in room_mm, at most largest_mm."""
    ems = max(length(column), 1.0) * PITCH
    return min(largest_mm, room_mm / ems)


def split(column: list[Cell], per_column: int) -> list[list[Cell]]:
    """Break a column that is too long into several, first on a space when there is one near the end."""
    pieces: list[list[Cell]] = []
    rest = list(column)
    while len(rest) > per_column:
        cut = per_column
        for i in range(per_column, per_column // 2, -1):
            if rest[i - 1].kind in ("space", "half"):
                cut = i
                break
        pieces.append(rest[:cut])
        rest = rest[cut:]
    pieces.append(rest)
    return pieces


def column_html(column: list[Cell], *, center_x: float, size: float, top: float | None = None,
                bottom: float | None = None, css_class: str = "") -> str:
    """An absolutely placed column; sizes in mm."""
    where = f"top:{top:.2f}mm" if top is not None else f"bottom:{bottom:.2f}mm"
    style = f"left:{center_x - size / 2:.2f}mm;{where};width:{size:.2f}mm;font-size:{size:.2f}mm"
    spans = []
    for cell in column:
        classes = " ".join(filter(None, ["c", cell.kind, cell.font and f"f-{cell.font}"]))
        spans.append(f'<span class="{classes}">{escape(cell.text)}</span>')
    return f'<div class="v {css_class}" style="{style}">{"".join(spans)}</div>'
