"""Kana keys fold the ways applicants and registers write the same reading."""

import pytest

from foryou.enrollment.matching import kana_key
from foryou.enrollment.matching.normalize import kana_loose


@pytest.mark.parametrize("typed, registered", [
    ("たかはし まこと", "タカハシ マコト"),  # hiragana
    ("ﾀｶﾊｼ ﾏｺﾄ", "タカハシ マコト"),  # half width
    ("タカハシ　マコト", "タカハシマコト"),  # full-width space, or none
    ("キョウコ", "キヨウコ"),  # small kana, as older registers store them
    ("ハットリ", "ハツトリ"),
    ("モチズキ", "モチヅキ"),  # ヅ/ズ
    ("チジミ", "チヂミ"),  # ヂ/ジ
    ("カオル", "カヲル"),  # ヲ/オ
    ("バイオリン", "ヴァイオリン"),  # ヴ/ブ
    ("サトー", "サト"),  # the long-vowel mark is dropped
    ("ミスズ", "ミスヾ"),  # iteration mark
    ("スミス・ジョン", "スミス ジョン"),  # separators of foreign names
])
def test_readings_typed_differently_have_the_same_key(typed, registered):
    assert kana_key(typed) == kana_key(registered)


def test_the_key_is_full_width_katakana_without_spaces():
    assert kana_key("たかはし　まこと") == "タカハシマコト"


def test_vowel_length_is_ignored_only_by_the_loose_key():
    assert kana_key("サトウ") != kana_key("サトー")
    assert kana_loose(kana_key("サトウ")) == kana_loose(kana_key("サトー")) == kana_loose(kana_key("さと"))
    assert kana_loose(kana_key("ユウコ")) == kana_loose(kana_key("ユーコ"))


def test_different_readings_keep_different_keys():
    assert kana_key("タカハシ") != kana_key("タカハタ")
