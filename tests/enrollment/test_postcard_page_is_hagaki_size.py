"""Every page is a はがき: 100 × 148 mm, portrait (283.46 × 419.53 pt)."""

import re
import zlib

import pytest

pytest.importorskip("weasyprint")

from foryou.enrollment.postcards import render_batch  # noqa: E402
from foryou.enrollment.postcards.render import frame_boxes  # noqa: E402
from foryou.enrollment.postcards.samples import chiba_sender, sample_card  # noqa: E402

MM = 72 / 25.4


def media_boxes(pdf: bytes) -> list[list[float]]:
    """The MediaBox of every page, also from compressed object streams (no PDF library needed)."""
    chunks = [pdf]
    for match in re.finditer(rb"stream\r?\n", pdf):
        try:
            chunks.append(zlib.decompressobj().decompress(pdf[match.end():]))
        except zlib.error:
            pass
    boxes = []
    for chunk in chunks:
        for box in re.findall(rb"/MediaBox\s*\[([^\]]*)\]", chunk):
            boxes.append([float(v) for v in box.split()])
    return boxes


def test_every_page_is_100_by_148_mm():
    pdf = render_batch([sample_card(), sample_card("佐藤　花子")], chiba_sender())
    boxes = media_boxes(pdf)
    assert len(boxes) == 4
    for x0, y0, x1, y1 in boxes:
        assert (x0, y0) == (0, 0)
        assert x1 == pytest.approx(100 * MM, abs=0.01) == pytest.approx(283.46, abs=0.01)
        assert y1 == pytest.approx(148 * MM, abs=0.01) == pytest.approx(419.53, abs=0.01)


def test_the_postal_code_frames_sit_where_japan_post_puts_them():
    boxes = frame_boxes()
    assert len(boxes) == 7
    assert all(right - left == pytest.approx(5.7) for left, right in boxes)
    assert boxes[-1][1] == pytest.approx(100 - 8)  # 8 mm from the right edge
    gaps = [round(b[0] - a[1], 2) for a, b in zip(boxes, boxes[1:])]
    assert gaps == [1.3, 1.3, 1.9, 1.1, 1.1, 1.1]  # the hyphen between the third and the fourth
    assert boxes[-1][1] - boxes[0][0] == pytest.approx(47.7)
