"""Old and variant kanji, a character outside the BMP and an IVS are in every city of 2,000."""

import csv

from foryou.dev.synth import generate
from datetime import date

IVS = "\U000E0100"


def names(tmp_path, residents, seed=1):
    generate(residents, seed=seed, out_dir=tmp_path, as_of=date(2026, 11, 27))
    with open(tmp_path / "persons.csv", encoding="utf-8", newline="") as f:
        return [(row["氏名"], row["氏名カナ"]) for row in csv.DictReader(f)]


def test_a_city_of_two_thousand_contains_each_variant_and_an_ivs(tmp_path):
    text = "\n".join(name for name, _ in names(tmp_path, 2000))

    for ch in ("髙", "﨑", "邉", "邊", "齋", "齊", "𠮷"):
        assert ch in text, ch
    assert "葛" + IVS + "西" in text
    assert "辻" + IVS + "本" in text


def test_variant_names_are_rare(tmp_path):
    rows = names(tmp_path, 20000, seed=4)

    variant = sum(1 for name, _ in rows if any(ch in name for ch in "髙﨑邉邊齋齊𠮷" + IVS))
    assert variant / len(rows) < 0.05


def test_a_few_readings_are_in_half_width_katakana_or_hiragana(tmp_path):
    kana = [k for _, k in names(tmp_path, 20000, seed=4)]

    odd = [k for k in kana if any("ｦ" <= ch <= "ﾟ" or "ぁ" <= ch <= "ゖ" for ch in k)]
    assert 0.002 < len(odd) / len(kana) < 0.01
    assert all(len(k.split(" ")) == 2 for k in kana)


def test_names_use_an_ideographic_space_and_readings_an_ascii_space(tmp_path):
    for name, kana in names(tmp_path, 1000):
        assert name.count("　") == 1 and " " not in name
        assert kana.count(" ") == 1 and "　" not in kana
