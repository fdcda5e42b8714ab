"""Names keep their exact glyphs: rare kanji (𠮷) and ideographic variation sequences (葛 + VS17)."""

import re
import shutil
import subprocess

import pytest

pytest.importorskip("weasyprint")

from foryou.enrollment.postcards import render_batch  # noqa: E402
from foryou.enrollment.postcards.fonts import MINCHO_STACK, font_for  # noqa: E402
from foryou.enrollment.postcards.samples import chiba_sender, sample_card  # noqa: E402

KATSU_ADOBE = "葛\U000E0100"  # in BIZ UD明朝 (Adobe-Japan1 collection)
KATSU_MOJI_JOHO = "葛\U000E0103"  # only in IPAmj明朝 (Moji_Joho collection)


def test_each_character_is_drawn_by_a_font_that_has_its_exact_variation_sequence():
    assert font_for("田", MINCHO_STACK) == "mincho"
    assert font_for(KATSU_ADOBE, MINCHO_STACK) == "mincho"
    assert font_for(KATSU_MOJI_JOHO, MINCHO_STACK) == "mj"
    assert font_for("𠮷", MINCHO_STACK) == "mj"


def tool(name: str) -> str:
    if shutil.which(name) is None:
        pytest.skip(f"{name} (Debian poppler-utils) is not installed")
    return name


def test_the_pdf_keeps_the_variation_selector_and_the_rare_kanji_and_embeds_their_fonts(tmp_path):
    cards = [sample_card(f"{KATSU_ADOBE}西　花子"), sample_card(f"{KATSU_MOJI_JOHO}飾　𠮷子")]
    path = tmp_path / "names.pdf"
    path.write_bytes(render_batch(cards, chiba_sender()))

    text = subprocess.run([tool("pdftotext"), "-raw", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True)
    text = re.sub(r"\s", "", text.stdout.decode("utf-8"))
    assert f"{KATSU_ADOBE}西花子様" in text
    assert f"{KATSU_MOJI_JOHO}飾𠮷子様" in text

    fonts = subprocess.run([tool("pdffonts"), str(path)], check=True, capture_output=True).stdout.decode()
    rows = {line.split()[0].split("+")[-1]: line.split() for line in fonts.splitlines()[2:]}
    for name in ("BIZ-UDMincho", "IPAmjMincho", "BIZ-UDGothic-Bold"):
        assert name in rows, fonts
        assert rows[name][-5] == "yes", f"{name} is not embedded:\n{fonts}"  # the 'emb' column
