"""The reading may be typed in hiragana, half-width katakana or without the space: the person is found."""

from datetime import date

import pytest
from django.utils.translation import gettext as _

from foryou.enrollment.matching import ApplicationData, candidates
from foryou.dev.matching_sample import person, registry, town_rows

BORN = date(1988, 2, 29)


@pytest.fixture
def con():
    return registry([
        person("0000000019", "千葉\u3000恭子", "チバ キョウコ", BORN),
        person("0000000027", "千葉\u3000京子", "チバ ケイコ", BORN),
        person("0000000035", "望月\u3000美鈴", "モチヅキ ミスズ", BORN),
    ])


@pytest.mark.parametrize("kana", ["ちば きょうこ", "ﾁﾊﾞ ｷｮｳｺ", "チバキョウコ", "ちばきよーこ", "チバ　キヨウコ"])
def test_the_reading_is_found_however_it_was_typed(con, kana):
    found = candidates(con, ApplicationData("千葉 恭子", kana, BORN, "", ""), town_rows())

    assert found[0].resident_id == "0000000019"
    assert {_("kana matches"), _("kana matches apart from long vowels")} & set(found[0].reasons)


def test_dzu_typed_as_zu_is_the_same_reading(con):
    found = candidates(con, ApplicationData("望月 美鈴", "もちずき みすず", BORN, "", ""), town_rows())

    assert found[0].resident_id == "0000000035"
    assert _("kana matches") in found[0].reasons


def test_kana_alone_finds_the_person_when_the_kanji_was_mistyped(con):
    found = candidates(con, ApplicationData("千葉 今日子", "ちば きょうこ", BORN, "", ""), town_rows())

    assert found[0].resident_id == "0000000019"
    assert _("kana matches") in found[0].reasons
    assert _("family name matches, given name differs") in found[0].reasons
