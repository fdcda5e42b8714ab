"""An application typed with the common form of a name finds the person registered with the variant
form as the top candidate, and the other way round."""

from datetime import date

import pytest
from django.utils.translation import gettext as _

from foryou.enrollment.matching import ApplicationData, candidates
from foryou.dev.matching_sample import person, registry, town_rows

IVS = "\U000E0100"
BORN = date(1975, 6, 14)
PAIRS = [
    ("髙橋", "高橋", "タカハシ"),
    ("山﨑", "山崎", "ヤマザキ"),
    ("渡邉", "渡辺", "ワタナベ"),
    ("渡邊", "渡辺", "ワタナベ"),
    ("渡邊", "渡邉", "ワタナベ"),
    ("齋藤", "斎藤", "サイトウ"),
    ("齊藤", "斎藤", "サイトウ"),
    ("齋藤", "齊藤", "サイトウ"),
    ("𠮷田", "吉田", "ヨシダ"),
    ("葛" + IVS + "西", "葛西", "カサイ"),
]


def _city(registered_family: str, kana: str):
    """The person, plus others born the same day with similar names, so the ranking matters."""
    return registry([
        person("0000000019", f"{registered_family}\u3000誠", f"{kana} マコト", BORN),
        person("0000000027", f"{registered_family}\u3000茂", f"{kana} シゲル", BORN),
        person("0000000035", "佐藤\u3000誠", "サトウ マコト", BORN),
        person("0000000043", f"{registered_family}\u3000誠", f"{kana} マコト", date(1975, 6, 15)),
    ])


def _application(family: str, kana: str) -> ApplicationData:
    return ApplicationData(f"{family} 誠", f"{kana} マコト", BORN, "260-0026", "千葉市中央区千葉港1-1")


@pytest.mark.parametrize("variant, common, kana", PAIRS)
def test_the_common_form_finds_the_registered_variant(variant, common, kana):
    found = candidates(_city(variant, kana), _application(common, kana), town_rows())

    assert found[0].resident_id == "0000000019"
    assert found[0].name == f"{variant}\u3000誠"  # shown as registered, variation sequence included
    assert _("name matches (after variant folding)") in found[0].reasons
    assert found[0].score == 100


@pytest.mark.parametrize("variant, common, kana", PAIRS)
def test_the_variant_form_finds_the_registered_common_form(variant, common, kana):
    found = candidates(_city(common, kana), _application(variant, kana), town_rows())

    assert found[0].resident_id == "0000000019"
    assert found[0].score == 100
    assert all(c.score < found[0].score for c in found[1:])
