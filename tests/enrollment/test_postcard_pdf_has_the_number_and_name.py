"""The printed postcard carries what the resident needs: their name, the number, its expiry."""

import re
import shutil
import subprocess

import pytest

pytest.importorskip("weasyprint")

from foryou.enrollment.postcards import render_batch  # noqa: E402
from foryou.enrollment.postcards.samples import chiba_sender, sample_card  # noqa: E402


def pdf_text(pdf: bytes, tmp_path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (Debian poppler-utils) is not installed")
    path = tmp_path / "cards.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True)
    return re.sub(r"\s", "", out.stdout.decode("utf-8"))  # in drawing order; vertical text is a character a line


def test_the_pdf_text_has_the_grouped_number_the_name_and_the_expiry_in_wareki(tmp_path):
    card = sample_card("𠮷田　太郎", "1234567890123456")
    text = pdf_text(render_batch([card], chiba_sender()), tmp_path)
    assert "1234-5678-9012-3456" in text
    assert "𠮷田太郎様" in text
    assert "この番号は令和9年2月26日まで有効です" in text
    assert "転送不要" in text
    assert "料金後納" in text


def test_the_address_reads_down_the_column_with_upright_numbers_and_the_katagaki_after_it(tmp_path):
    card = sample_card(address="千葉市美浜区磯辺3丁目44番12-305号", katagaki="千葉ハイツ101号室")
    text = pdf_text(render_batch([card], chiba_sender()), tmp_path)
    # One-digit and long numbers turn full-width; two-digit ones sit side by side in one cell (縦中横).
    assert "千葉市美浜区磯辺３丁目44番12‐３０５号千葉ハイツ１０１号室" in text


def test_the_postal_code_is_printed_digit_by_digit_in_the_frames(tmp_path):
    card = sample_card(postal_code="260-8722")
    text = pdf_text(render_batch([card], chiba_sender()), tmp_path)
    assert "2608722" in text
