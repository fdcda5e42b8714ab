"""The stamped card is the card WeasyPrint lays out: both sides rasterized (pdftoppm) match pixel for pixel
but for anti-aliasing, outside the QR code (compared module by module elsewhere). The layout, the Japan
Post frames, the vertical address and name, the fonts of rare kanji and variation sequences all stay."""

import shutil
import subprocess
from datetime import date

import pytest

pytest.importorskip("weasyprint")

from PIL import Image, ImageChops  # noqa: E402

from foryou.enrollment.postcards import render_batch  # noqa: E402
from foryou.enrollment.postcards.layer import key_of, lay_out  # noqa: E402
from foryou.enrollment.postcards.render import render_with_weasyprint  # noqa: E402
from foryou.enrollment.postcards.samples import chiba_sender, proof_cards, sample_card  # noqa: E402

DPI = 100
CARDS = [*proof_cards()[:2], sample_card("渡辺　直樹", "4444555566667777", invitation=True,
                                         expires_on=date(2027, 3, 1), address="千葉市花見川区幕張町5丁目417番地の222")]


def pages(pdf: bytes, tmp_path, name: str) -> list[Image.Image]:
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (Debian poppler-utils) is not installed")
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", str(DPI), "-gray", str(path), str(tmp_path / name)], check=True)
    return [Image.open(p).convert("L") for p in sorted(tmp_path.glob(f"{name}-*.pgm"))]


def test_both_sides_of_every_card_match_the_layout_of_the_whole_card(tmp_path):
    stamped = pages(render_batch(CARDS, chiba_sender()), tmp_path, "stamped")
    laid_out = pages(render_with_weasyprint(CARDS, chiba_sender()), tmp_path, "reference")
    assert len(stamped) == len(laid_out) == 2 * len(CARDS)
    for i, (ours, theirs) in enumerate(zip(stamped, laid_out)):
        assert ours.size == theirs.size
        difference = ImageChops.difference(ours, theirs).point(lambda v: 255 if v > 96 else 0)
        if i % 2:  # the message side: leave out the QR code, an image drawn by each renderer in its own way
            x, y, w, h = (round(v * DPI / 96) for v in lay_out(key_of(CARDS[i // 2]), chiba_sender()).qr)
            difference.paste(0, (x - 2, y - 2, x + w + 2, y + h + 2))
        changed = sum(1 for v in difference.get_flattened_data() if v)
        assert changed <= 0.002 * ours.size[0] * ours.size[1], f"page {i + 1}: {changed} pixels differ"
