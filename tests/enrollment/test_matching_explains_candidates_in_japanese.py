"""Each candidate carries the reasons for its score, in Japanese for staff."""

from datetime import date

from django.utils import translation

from foryou.enrollment.matching import ApplicationData, candidates
from foryou.dev.matching_sample import person, registry, town_rows

BORN = date(1979, 3, 30)


def test_every_reason_is_translated_and_the_score_adds_up():
    con = registry([person("0000000019", "髙橋\u3000誠", "タカハシ マコト", BORN)])
    application = ApplicationData("高橋 誠", "たかはし まこと", BORN, "2600026", "千葉市中央区千葉港1-1")

    with translation.override("ja"):
        found = candidates(con, application, town_rows())

    assert found[0].score == 100
    assert len(found[0].reasons) == 5  # name, kana, birth date, address, postal code
    assert all(not reason.isascii() for reason in found[0].reasons), found[0].reasons


def test_a_partial_match_says_what_differs():
    con = registry([person("0000000019", "髙橋\u3000誠", "タカハシ マコト", BORN, address_number="9番9号")])
    application = ApplicationData("高橋 誠一", "たかはし せいいち", BORN, "", "千葉市中央区千葉港1-1")

    with translation.override("en"):
        found = candidates(con, application, town_rows())

    assert found[0].reasons == [
        "family name matches, given name differs", "family name kana matches", "birth date matches",
        "address matches the registered town, not the number",
    ]
    assert found[0].score == 18 + 12 + 20 + 10
