"""Small-cell suppression: a count of fewer than FORYOU_SMALL_COUNT people is 「10人未満」, and a rate
computed from it is 「—」, on the page, on the print view and in the CSV file."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils.translation import gettext as _

from foryou.console import suppression
from tests.console_reports.conftest import FY2026, at, send


def test_the_helper_hides_counts_below_the_threshold_and_rates_from_them(settings):
    settings.SMALL_COUNT = 10
    assert suppression.people(9).hidden and suppression.people(9).text == _("fewer than %(n)s people") % {"n": "10"}
    assert suppression.people(10).text == "10" and suppression.people(0).text == "0"
    assert suppression.people(12345).text == "12,345"
    assert suppression.rate(9, 100).text == "—" and suppression.rate(50, 9).text == "—"
    assert suppression.rate(10, 40).text == "25.0%" and suppression.rate(0, 0).text == "—"


def test_the_threshold_is_a_setting(settings):
    settings.SMALL_COUNT = 5
    assert suppression.people(7).text == "7" and suppression.people(4).hidden


@pytest.fixture
def small_send(author):
    """A send to 12 people of whom 7 were reached, and 3 clicked."""
    return send(author, at(date(2026, 8, 3)), program="elderly", department="健康支援課", recipients=12,
                tracked=True, clicks=3, counts={"line:accepted": 7, "line:failed_permanent": 5})


def test_the_page_never_shows_a_small_count(city, small_send, admin_client):
    page = admin_client.get(reverse("console_report"), FY2026).content.decode()
    fewer = suppression.fewer_than()
    # the city's wards and bands are all below 10 people, and so is the send's reach and clicks
    assert page.count(fewer) >= 10
    for hidden in ("58.3%", "42.9%", "50.0%"):  # 7/12 reached, 3/7 clicked, 2/4 registrants in 中央区
        assert hidden not in page


def test_the_csv_never_shows_a_small_count(city, small_send, admin_client):
    text = admin_client.get(reverse("console_report_csv"), FY2026).content.decode("utf-8-sig")
    rows = [line.split(",") for line in text.splitlines()]
    elderly = next(r for r in rows if r[0] == "高齢者健診")
    assert elderly[3:8] == ["12", suppression.fewer_than(), "—", suppression.fewer_than(), "—"]
    chuo = next(r for r in rows if r[0] == "中央区")
    assert chuo[1:] == [suppression.fewer_than(), suppression.fewer_than(), "—"]


def test_a_lone_small_cell_hides_the_next_smallest_so_the_total_does_not_give_it_away(settings):
    settings.SMALL_COUNT = 10
    assert suppression.hidden_cells([50, 5, 30, 0]) == {1, 2}
    assert suppression.hidden_cells([50, 5, 3]) == {1, 2}  # two hidden already hide each other
    assert suppression.hidden_cells([50, 40, 0]) == set()
    assert suppression.hidden_cells([5]) == {0}
    assert suppression.people(55, hide=True).text == _("hidden") and suppression.people(5, hide=True).text == \
        suppression.fewer_than()


def test_a_program_beside_a_small_one_is_hidden_too_while_the_total_is_shown(db, sends, small_send):
    from foryou.console import reports
    from foryou.console.reports import Period

    # June–August: 子育て世帯応援給付 reached 105 (June); 高齢者健診 24 (July) + 7 (August) = 31
    report = reports.build(Period(date(2026, 6, 1), date(2026, 8, 31)), None)
    assert [r["reached"].text for r in report.programs] == ["105", "31"]
    # August alone: 高齢者健診 reached 7, the only row: hidden, and so is the total, the same 7
    report = reports.build(Period(date(2026, 8, 1), date(2026, 8, 31)), None)
    assert report.programs[0]["reached"].hidden and report.total["reached"].hidden
    # August to October: 7 (高齢者健診) beside 55 (子育て世帯応援給付) and 195 (the September broadcast); the
    # total 257 is shown, so the next smallest, 55, is hidden too
    report = reports.build(Period(date(2026, 8, 1), date(2026, 10, 31)), None)
    rows = {r["name"]: r for r in report.programs}
    assert rows["高齢者健診"]["reached"].text == suppression.fewer_than()
    assert rows["子育て世帯応援給付"]["reached"].text == _("hidden")  # not fewer than 10: hidden for the total
    assert rows["子育て世帯応援給付"]["delivery_rate"].text == "—" and report.total["reached"].text == "257"
    assert report.programs[-1]["reached"].text == "195"
    assert rows["子育て世帯応援給付"]["recipients"].text == "60"  # 12 and 60: no small recipients count
    # clicks: 3 (hidden) beside 12; the total 15 is shown, so 12 and its rate are hidden too
    assert rows["高齢者健診"]["clicks"].text == suppression.fewer_than()
    assert rows["子育て世帯応援給付"]["clicks"].text == _("hidden")
    assert rows["子育て世帯応援給付"]["click_rate"].text == "—" and report.total["clicks"].text == "15"


def test_ward_cells_beside_a_small_one_are_hidden_with_their_rates(city, settings):
    from foryou.console import reports
    from foryou.console.reports import Period

    settings.SMALL_COUNT = 4  # 中央区 has 4 residents (2 registrants), 花見川区 3 (1 registrant)
    report = reports.build(Period(date(2026, 4, 1), date(2026, 12, 1)), None)
    chuo, hanamigawa = report.wards
    assert hanamigawa["population"].text == suppression.fewer_than()  # 3 is small
    assert chuo["population"].text == _("hidden")  # 4 is not, but 7 − 4 would give the 3 away
    assert chuo["registrants"].hidden and hanamigawa["registrants"].hidden
    assert chuo["rate"].text == hanamigawa["rate"].text == "—"
    assert report.coverage_total["population"].text == "7"
