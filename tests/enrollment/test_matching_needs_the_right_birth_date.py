"""The birth date must match: with a wrong one, nobody comes out above a low score."""

from datetime import date

from django.utils.translation import gettext as _

from foryou.enrollment.matching import ApplicationData, candidates
from foryou.dev.matching_sample import person, registry, town_rows

BORN = date(1965, 8, 21)


def _city():
    return registry([
        person("0000000019", "山田\u3000博", "ヤマダ ヒロシ", BORN),
        person("0000000027", "木村\u3000洋子", "キムラ ヨウコ", date(1965, 8, 12)),
        person("0000000035", "小林\u3000修", "コバヤシ オサム", date(1965, 8, 12)),
    ])


def test_a_wrong_birth_date_gives_no_candidate():
    application = ApplicationData("山田 博", "やまだ ひろし", date(1965, 8, 12), "2600026", "千葉港1-1")

    assert list(candidates(_city(), application, town_rows())) == []


def test_sharing_the_birth_date_and_address_alone_is_not_enough():
    # Both others were born on the mistyped day and live at the same address (defaults), but
    # neither name nor reading fits.
    application = ApplicationData("山田 博", "やまだ ひろし", date(1965, 8, 12), "2600026", "千葉港1-1")

    assert list(candidates(_city(), application, town_rows(), min_score=0)) == []


def test_the_same_name_born_another_day_is_not_proposed():
    con = registry([person("0000000019", "山田\u3000博", "ヤマダ ヒロシ", BORN, address_number="9番9号")])
    application = ApplicationData("山田 博", "やまだ ひろし", date(1965, 8, 20), "2600026", "千葉港1-1")

    assert list(candidates(con, application, town_rows(), min_score=0)) == []


def test_a_registry_date_with_an_unknown_day_fits_any_day_of_that_month():
    con = registry([person("0000000019", "山田\u3000博", "ヤマダ ヒロシ", date(1935, 4, 1),
                           birth_date_raw="19350400", birth_date_kind="unknown_day")])

    found = candidates(con, ApplicationData("山田 博", "やまだ ひろし", date(1935, 4, 17), "", ""), town_rows())

    assert found[0].resident_id == "0000000019"
    assert _("birth date fits a registry date that is partly unknown") in found[0].reasons
    assert list(candidates(con, ApplicationData("山田 博", "やまだ ひろし", date(1935, 5, 17), "", ""),
                           town_rows())) == []


def test_a_partly_known_date_typed_as_stored_is_proposed_once():
    con = registry([person("0000000019", "山田\u3000博", "ヤマダ ヒロシ", date(1935, 4, 1),
                           birth_date_raw="19350400", birth_date_kind="unknown_day")])

    found = candidates(con, ApplicationData("山田 博", "やまだ ひろし", date(1935, 4, 1), "", ""), town_rows())

    assert [c.resident_id for c in found] == ["0000000019"]
