"""The city looks like Chiba: six wards, its own town list, a 2020s Japanese age pyramid."""

from collections import Counter
from datetime import date

import pytest

from foryou.dev.synth import generate
from tests.residents.exports import read_rows

AS_OF = date(2026, 11, 27)
WARDS = {"12101": "中央区", "12102": "花見川区", "12103": "稲毛区", "12104": "若葉区", "12105": "緑区", "12106": "美浜区"}


@pytest.fixture(scope="module")
def city(tmp_path_factory):
    out = tmp_path_factory.mktemp("city")
    generate(20000, seed=41, out_dir=out, as_of=AS_OF)
    return read_rows(out / "persons.csv"), read_rows(out / "towns.csv")


def test_persons_live_in_towns_of_the_towns_list_with_its_ward_and_postal_code(city):
    persons, towns = city
    assert list(towns[0]) == ["町字コード", "町字", "行政区コード", "行政区", "郵便番号"]
    town = {t["町字コード"]: t for t in towns}
    assert len(town) == len(towns)
    for p in persons:
        t = town[p["町字コード"]]
        assert (p["町字"], p["行政区コード"], p["行政区"], p["郵便番号"]) == (t["町字"], t["行政区コード"], t["行政区"], t["郵便番号"])
    for t in towns:
        assert len(t["町字コード"]) == 7 and t["町字コード"].isdigit()
        assert t["郵便番号"][:3] in {"260", "261", "262", "263", "264", "265", "266"} and len(t["郵便番号"]) == 7
        assert WARDS[t["行政区コード"]] == t["行政区"]


def test_all_six_wards_have_plausible_shares(city):
    persons, _ = city
    shares = Counter(p["行政区"] for p in persons)
    assert set(shares) == set(WARDS.values())
    for count in shares.values():
        assert 0.09 < count / len(persons) < 0.28


def test_addresses_have_lot_numbers_and_many_households_a_flat(city):
    persons, _ = city
    assert all(p["番地"] and ("番" in p["番地"]) for p in persons)
    assert any("丁目" in p["番地"] for p in persons) and any("番地" in p["番地"] for p in persons)
    flats = sum(1 for p in persons if p["方書"]) / len(persons)
    assert 0.25 < flats < 0.75


def test_the_age_pyramid_has_the_2020s_japanese_shape(city):
    persons, _ = city
    ages = Counter(2026 - int(p["生年月日"][:4]) for p in persons if p["消除日"] == "")
    total = sum(ages.values())
    share = lambda lo, hi: sum(ages[a] for a in range(lo, hi + 1)) / total  # noqa: E731
    assert 0.09 < share(0, 14) < 0.14
    assert 0.23 < share(65, 120) < 0.32
    assert max(ages) <= 106
    assert share(49, 54) > share(39, 44)  # 団塊ジュニア
    assert share(75, 79) > share(65, 69)  # 団塊の世代
    assert share(0, 4) < share(50, 54)  # few children


def test_households_include_every_kind_of_family(city):
    persons, _ = city
    relations = Counter(p["続柄"] for p in persons)
    for rel in ("世帯主", "妻", "夫", "子", "父", "母", "孫", "子の妻", "同居人"):
        assert relations[rel] > 0, rel
    sizes = Counter(Counter(p["世帯番号"] for p in persons).values())
    assert sizes[1] > sizes[4] > 0  # many living alone
    assert 1.9 < len(persons) / sum(sizes.values()) < 2.4
