"""Name keys fold old and variant kanji, variation selectors and spaces to one comparable form."""

import pytest

from foryou.enrollment.matching import name_key

IVS = "\U000E0100"


@pytest.mark.parametrize("registered, typed", [
    ("髙橋", "高橋"),
    ("山﨑", "山崎"),
    ("渡邉", "渡辺"),
    ("渡邊", "渡辺"),
    ("齋藤", "斎藤"),
    ("齊藤", "斎藤"),
    ("𠮷田", "吉田"),
    ("葛" + IVS + "西", "葛西"),
    ("辻" + IVS + "本", "辻本"),
    ("濵田", "浜田"),
    ("濱田", "浜田"),
    ("澤田", "沢田"),
    ("德永", "徳永"),
    ("廣瀬", "広瀬"),
    ("國分", "国分"),
    ("嶋田", "島田"),
    ("冨田", "富田"),
    ("桒原", "桑原"),
])
def test_a_variant_name_and_its_common_form_have_the_same_key(registered, typed):
    assert name_key(registered) == name_key(typed)


def test_the_common_form_is_its_own_key():
    assert name_key("高橋") == "高橋"
    assert name_key("渡辺") == "渡辺"


def test_spaces_and_width_do_not_matter():
    assert name_key("髙橋　誠") == name_key("高橋 誠") == name_key("高橋誠") == "高橋誠"
    assert name_key("ＳＭＩＴＨ　Ｊｏｈｎ") == name_key("smith john")


def test_different_names_keep_different_keys():
    assert name_key("高橋") != name_key("高野")
    assert name_key("玉木") != name_key("王木")  # glyph look-alikes are not name variants
