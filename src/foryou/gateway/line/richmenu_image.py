"""The rich menu's picture: one tile per area, its label large in BIZ UDPGothic (a universal-design
font, legible for older residents), a short line under it, drawn with Pillow. The areas in richmenu.py
and the tiles here come from the same list, so a label is always where its tap goes."""

from __future__ import annotations

import io
import subprocess
from functools import cache

from django.core.exceptions import ImproperlyConfigured
from PIL import Image, ImageDraw, ImageFont

FONT_FILES = ("/usr/share/fonts/truetype/bizud-gothic/BIZUDPGothic-Bold.ttf",
              "/usr/share/fonts/truetype/bizud-gothic/BIZUDGothic-Bold.ttf")
BACKGROUND = "#ffffff"
GRID = "#d5dae1"
INK = "#1d1f23"
NOTE = "#4a5261"
MAX_BYTES = 1024 * 1024  # LINE's limit for a rich menu image


@cache
def font_file() -> str:
    for path in FONT_FILES:
        try:
            open(path, "rb").close()
            return path
        except OSError:
            continue
    try:
        found = subprocess.run(["fc-match", "-f", "%{file}", "BIZ UDPGothic:bold"], capture_output=True,
                               text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        found = ""
    if not found or "bizud" not in found.lower():
        raise ImproperlyConfigured("The rich menu needs the BIZ UDGothic font: install fonts-morisawa-bizud-gothic "
                                   "(./run setup does).")
    return found


def draw(width: int, height: int, tiles: list[tuple[tuple[int, int, int, int], str, str, str]]) -> bytes:
    """PNG bytes. Each tile: (x, y, w, h), label, the line under it, accent colour."""
    image = Image.new("RGB", (width, height), BACKGROUND)
    pen = ImageDraw.Draw(image)
    for (x, y, w, h), label, note, accent in tiles:
        pen.rectangle([x, y, x + w - 1, y + h - 1], fill=BACKGROUND, outline=GRID, width=6)
        pen.rectangle([x + 3, y + 3, x + w - 4, y + h // 14], fill=accent)
        label_font = _fitting(pen, label, int(h * 0.19), int(w * 0.86))
        note_font = _fitting(pen, note, int(h * 0.095), int(w * 0.86))
        centre = x + w / 2
        pen.text((centre, y + h * 0.47), label, font=label_font, fill=INK, anchor="mm")
        pen.text((centre, y + h * 0.72), note, font=note_font, fill=NOTE, anchor="mm")
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    data = out.getvalue()
    if len(data) > MAX_BYTES:
        raise ValueError(f"The rich menu image is {len(data):,} bytes; LINE accepts up to {MAX_BYTES:,}")
    return data


def _fitting(pen: ImageDraw.ImageDraw, text: str, size: int, max_width: int) -> ImageFont.FreeTypeFont:
    """The font at `size`, smaller if the text would not fit in max_width."""
    while True:
        font = ImageFont.truetype(font_file(), size)
        if size <= 12 or pen.textlength(text, font=font) <= max_width:
            return font
        size = int(size * 0.92)
