"""Helpers for casework tests: the 児童扶養手当 form as its program file defines it, valid answers to it,
and small real documents (a PNG from Pillow, a PDF from pypdf) to attach."""

import io
from pathlib import Path

from foryou.programs.definition import load_program

PROGRAMS = Path(__file__).resolve().parents[2] / "programs"


def jido_form():
    return load_program(PROGRAMS / "jido-fuyo-teate.yml").form


VALID = {
    "f_phone": "080-5555-0123", "f_reason": "離婚した", "f_reason_date": "令和7年3月31日",
    "children-rows": "1", "children-0-name": "千葉 花子", "children-0-name_kana": "ちば はなこ",
    "children-0-birth_date": "平成28年9月1日", "children-0-relationship": "子", "children-0-lives_with": "yes",
    "children-0-custody_since": "2025-03-31",
    "f_pension": "no", "f_support": "no", "f_coresident_supporter": "no", "declaration": "on",
}


def png_bytes(size=(64, 48)) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, format="PNG")
    return out.getvalue()


def pdf_bytes() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
