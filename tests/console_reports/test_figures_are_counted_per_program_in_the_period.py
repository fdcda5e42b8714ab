"""Per program: notices, sends, recipients, people reached, delivery and click rates from each send's
progress; broadcasts as their own row, test sends and other periods left out."""

from datetime import date

from django.utils.translation import gettext as _

from foryou.console import reports
from foryou.console.reports import Period


def fy2026(departments=None):
    return reports.build(Period(date(2026, 4, 1), date(2027, 3, 31)), departments)


def by_name(report):
    return {r["name"]: r for r in report.programs}


def test_each_program_has_its_sends_summed(db, sends):
    rows = by_name(fy2026())
    parents = rows["子育て世帯応援給付"]
    assert (parents["notices"], parents["sends"]) == (2, 2)
    assert (parents["recipients"].value, parents["reached"].value) == (180, 160)  # 105 + 55: fallbacks once
    assert parents["delivery_rate"].text == "88.9%"
    assert parents["clicks"].text == "12" and parents["click_rate"].text == "21.8%"  # 12 of the 55 tracked
    elderly = rows["高齢者健診"]
    assert (elderly["recipients"].value, elderly["reached"].value, elderly["delivery_rate"].text) == (30, 24, "80.0%")
    assert elderly["clicks"] is None and elderly["click_rate"] is None  # no send counted clicks


def test_broadcasts_are_a_row_of_their_own_listed_last(db, sends):
    report = fy2026()
    assert [r["name"] for r in report.programs] == ["子育て世帯応援給付", "高齢者健診", _("Broadcasts to every registrant")]
    broadcast = report.programs[-1]
    assert (broadcast["recipients"].value, broadcast["reached"].value) == (200, 195)
    assert broadcast["delivery_rate"].text == "97.5%"


def test_the_total_leaves_out_test_sends_and_other_years(db, sends):
    total = fy2026().total
    assert (total["notices"], total["sends"]) == (4, 4)
    assert (total["recipients"].value, total["reached"].value) == (410, 379)
    assert total["delivery_rate"].text == "92.4%"


def test_sends_per_month_follow_the_start_in_tokyo(db, sends):
    assert fy2026().months == {"2026-06": 1, "2026-07": 1, "2026-09": 1, "2026-10": 1}


def test_a_department_sees_only_its_own_programs(db, sends):
    report = fy2026({"健康支援課"})
    assert [r["name"] for r in report.programs] == ["高齢者健診"]
    assert report.total["recipients"].value == 30


def test_a_send_still_going_counts_what_is_known_and_says_more_is_coming(db, author):
    from tests.console_reports.conftest import at, send

    send(author, at(date(2026, 11, 1)), recipients=40, status="sending",
         counts={"line:accepted": 20, "line:queued": 20})
    total = fy2026().total
    assert (total["recipients"].value, total["reached"].value, total["waiting"]) == (40, 20, 20)
    assert total["delivery_rate"].text == "50.0%"
