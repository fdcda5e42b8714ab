"""Addresses typed as "1-1", "1番1号", "一丁目1番地" or in full width are read against the city's own
town list, and a candidate living there scores the address."""

from datetime import date

import pytest
from django.utils.translation import gettext as _

from foryou.enrollment.matching import ApplicationData, TownIndex, address_key, candidates, number_key
from foryou.dev.matching_sample import person, registry, town, town_rows

TOWNS = TownIndex(town_rows())
CHIBAMINATO = town("千葉港")["town_code"]
CHUO = town("中央")["town_code"]


@pytest.mark.parametrize("typed, code, number, rest", [
    ("千葉市中央区千葉港1-1 千葉ハイツ101", CHIBAMINATO, "1-1", "千葉ハイツ101"),
    ("中央区千葉港1番1号", CHIBAMINATO, "1-1", ""),
    ("千葉港一番一号", CHIBAMINATO, "1-1", ""),
    ("〒260-0026 千葉県千葉市中央区千葉港１－１", CHIBAMINATO, "1-1", ""),
    ("千葉市中央区中央一丁目2番3号 サンハイツ203号室", CHUO, "1-2-3", "サンハイツ203号室"),
    ("中央区中央1丁目2-3", CHUO, "1-2-3", ""),
    ("中央1ー2ー3", CHUO, "1-2-3", ""),
    ("千葉市中央区市場町12番3号", town("市場町")["town_code"], "12-3", ""),
    ("美浜区若葉3-1-1", town("若葉")["town_code"], "3-1-1", ""),  # the town, not 若葉区
    ("花見川区朝日ヶ丘2-3-4", town("朝日ケ丘")["town_code"], "2-3-4", ""),  # ヶ and ケ
    ("緑区大椎町123番地の4 第一団地3-405", town("大椎町")["town_code"], "123-4", "第一団地3-405"),
    ("東京都どこか区1-2", None, "", "どこか区1-2"),
])
def test_the_typed_address_is_read_into_town_number_and_rest(typed, code, number, rest):
    key = address_key(typed, TOWNS)

    assert (key.town_code, key.number, key.rest) == (code, number, rest)


def test_registered_numbers_use_the_same_canonical_form():
    assert number_key("1丁目2番3号") == "1-2-3"
    assert number_key("12番3号") == "12-3"
    assert number_key("123番地4") == "123-4"
    assert number_key("123番地") == "123"


def test_a_town_list_with_one_entry_per_chome_is_read_too():
    towns = TownIndex([
        {"town_code": "101", "town_name": "中央一丁目", "ward_name": "中央区", "postal_code": "2600013"},
        {"town_code": "102", "town_name": "中央二丁目", "ward_name": "中央区", "postal_code": "2600013"},
    ])

    for typed in ("中央区中央2-4-5", "中央二丁目4番5号", "中央2丁目4-5"):
        key = address_key(typed, towns)
        assert (key.town_code, key.number) == ("102", "4-5")


@pytest.mark.parametrize("registered, typed", [
    ("1番1号", "千葉市中央区千葉港1-1"),
    ("1番1号", "千葉港1番1号 千葉ハイツ101"),
    ("1番1号", "中央区千葉港一番一号"),
    ("1番1号", "千葉港1-1-101"),  # the room typed as a fourth number
    ("1丁目1番地", "千葉港一丁目1番地"),
])
def test_a_candidate_at_the_typed_address_scores_town_and_number(registered, typed):
    born = date(1990, 1, 2)
    con = registry([person("0000000019", "千葉\u3000太郎", "チバ タロウ", born, address_number=registered)])

    found = candidates(con, ApplicationData("千葉 太郎", "ちば たろう", born, "2600026", typed), TOWNS)

    assert _("address matches the registered town and number") in found[0].reasons
    assert found[0].score == 100


def test_another_number_in_the_town_scores_only_the_town():
    born = date(1990, 1, 2)
    con = registry([person("0000000019", "千葉\u3000太郎", "チバ タロウ", born, address_number="1番1号")])

    found = candidates(con, ApplicationData("千葉 太郎", "ちば たろう", born, "", "千葉港2-1"), TOWNS)

    assert _("address matches the registered town, not the number") in found[0].reasons
