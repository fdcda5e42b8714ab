"""Each card of a stamped batch carries its own name, number and QR code on its own two pages, and the QR
code is segno's symbol for that card's activation URL (read back from the PDF's image, module by module)."""

import io
import re

import numpy as np
import pytest

pytest.importorskip("weasyprint")

from pypdf import PdfReader  # noqa: E402
from pypdf.generic import ContentStream  # noqa: E402

from foryou.enrollment.postcards import grouped_number, render_batch  # noqa: E402
from foryou.enrollment.postcards.qr import reference  # noqa: E402
from foryou.enrollment.postcards.samples import chiba_sender, sample_card  # noqa: E402

CARDS = [
    sample_card("佐藤　一郎", "1111222233334444"),
    sample_card("𠮷田　花子", "5555666677778888", invitation=True, address="千葉市美浜区磯辺3丁目44番12-305号"),
    sample_card("葛\U000E0100西　次郎", "9999000011112222", katagaki=""),
]


def text(page) -> str:
    return re.sub(r"\s", "", page.extract_text())


def qr_modules(reader, page) -> np.ndarray:
    """The one inline image of the page (a 1-bit QR code, ASCIIHex) as an array, 1 for dark."""
    images = [operands for operands, op in ContentStream(page.get_contents(), reader).operations
              if op == b"INLINE IMAGE"]
    assert len(images) == 1
    settings, data = images[0]["settings"], images[0]["data"]
    width, height = int(settings["/W"]), int(settings["/H"])
    raw = bytes.fromhex(data.decode("ascii").rstrip(">").strip())
    bits = np.unpackbits(np.frombuffer(raw, np.uint8).reshape(height, -1), axis=1)[:, :width]
    return 1 - bits  # DeviceGray: 0 is black


def test_every_card_has_its_name_on_the_address_side_and_its_number_and_qr_on_the_message_side():
    reader = PdfReader(io.BytesIO(render_batch(CARDS, chiba_sender())))
    assert len(reader.pages) == 2 * len(CARDS)
    for i, card in enumerate(CARDS):
        front, back = reader.pages[2 * i], reader.pages[2 * i + 1]
        name = re.sub(r"\s", "", card.name)
        assert f"{name}様" in text(front)
        assert grouped_number(card.registration_number) in text(back)
        assert f"{name}様" in text(back)
        others = [c for c in CARDS if c is not card]
        assert not any(grouped_number(o.registration_number) in text(back) for o in others)
        assert np.array_equal(qr_modules(reader, back), reference(card.activation_url))


def test_an_invitation_and_a_reply_to_an_application_keep_their_own_wording_in_one_batch():
    reader = PdfReader(io.BytesIO(render_batch(CARDS[:2], chiba_sender())))
    assert "登録番号のお知らせ" in text(reader.pages[1]) and "ご利用のご案内" not in text(reader.pages[1])
    assert "ご利用のご案内" in text(reader.pages[3]) and "申請は不要です" in text(reader.pages[3])
