"""A batch is written to its file as its cards are stamped: the pages of the first cards are on disk before
the last card is even made, so memory never holds the whole PDF of a 20,000-card batch."""

import io

import pytest

pytest.importorskip("weasyprint")

from pypdf import PdfReader  # noqa: E402

from foryou.enrollment.postcards import stream_batch  # noqa: E402
from foryou.enrollment.postcards.samples import chiba_sender, sample_card  # noqa: E402


class Recorder(io.BytesIO):
    def __init__(self):
        super().__init__()
        self.writes = 0


def test_the_first_cards_pages_are_written_before_the_last_card_is_made():
    out = Recorder()
    written_when_made = []

    def cards():
        for i in range(30):
            written_when_made.append(out.tell())
            yield sample_card(number=f"{1000000000000000 + i}")

    assert stream_batch(cards(), chiba_sender(), out) == 60
    assert written_when_made[0] < written_when_made[1] < written_when_made[-1]
    per_card = (written_when_made[-1] - written_when_made[1]) / 28
    assert per_card < 8_000  # a card adds its own small content streams, not another copy of the layout
    reader = PdfReader(io.BytesIO(out.getvalue()))
    assert len(reader.pages) == 60


def test_an_empty_batch_is_refused():
    with pytest.raises(ValueError, match="no postcards"):
        stream_batch(iter([]), chiba_sender(), io.BytesIO())
