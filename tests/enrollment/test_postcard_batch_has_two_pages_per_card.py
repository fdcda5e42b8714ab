"""A batch is one PDF with the address side then the message side of each card, in order."""

import re
import shutil
import subprocess
import zlib

import pytest

pytest.importorskip("weasyprint")

from foryou.enrollment.postcards import render_batch, write_batch  # noqa: E402
from foryou.enrollment.postcards.samples import chiba_sender, proof_cards, sample_card  # noqa: E402


def page_count(pdf: bytes) -> int:
    """The /Count of the page tree, also from compressed object streams (no PDF library needed)."""
    chunks = [pdf]
    for match in re.finditer(rb"stream\r?\n", pdf):
        try:
            chunks.append(zlib.decompressobj().decompress(pdf[match.end():]))
        except zlib.error:
            pass
    return max(int(count) for chunk in chunks for count in re.findall(rb"/Count\s+(\d+)", chunk))


def test_three_cards_make_six_pages():
    pdf = render_batch(proof_cards(), chiba_sender())
    assert pdf.startswith(b"%PDF-")
    assert page_count(pdf) == 6


def test_the_address_side_comes_before_the_message_side_of_the_same_card(tmp_path):
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (Debian poppler-utils) is not installed")
    cards = [sample_card("佐藤　一郎", "1111111111111111"), sample_card("鈴木　二郎", "2222222222222222")]
    path = write_batch(cards, chiba_sender(), tmp_path / "batch.pdf")
    pages = []
    for page in range(1, 5):
        out = subprocess.run(["pdftotext", "-raw", "-f", str(page), "-l", str(page), str(path), "-"],
                             check=True, capture_output=True)
        pages.append(re.sub(r"\s", "", out.stdout.decode()))
    assert "転送不要" in pages[0] and "佐藤一郎様" in pages[0]
    assert "1111-1111-1111-1111" in pages[1]
    assert "転送不要" in pages[2] and "鈴木二郎様" in pages[2]
    assert "2222-2222-2222-2222" in pages[3]


def test_writing_a_batch_replaces_the_file_whole_and_leaves_no_temporary_file(tmp_path):
    target = tmp_path / "batch.pdf"
    target.write_bytes(b"old")
    assert write_batch([sample_card()], chiba_sender(), target) == target
    assert target.read_bytes().startswith(b"%PDF-")
    assert [p.name for p in tmp_path.iterdir()] == ["batch.pdf"]
