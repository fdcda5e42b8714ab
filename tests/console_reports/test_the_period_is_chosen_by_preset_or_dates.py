"""The period: 今年度 (1 April to today) by default, 前年度, 先月, or two dates; sends count by the day
they started in Tokyo."""

from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone

from foryou.console.report_views import today
from foryou.console.reports import LAST_FISCAL_YEAR, LAST_MONTH, THIS_FISCAL_YEAR, Period, preset_period
from tests.console_reports.conftest import at, send


def test_presets_follow_the_fiscal_year_from_april():
    assert preset_period(THIS_FISCAL_YEAR, date(2026, 12, 7)) == Period(date(2026, 4, 1), date(2026, 12, 7), "this_fy")
    assert preset_period(THIS_FISCAL_YEAR, date(2027, 2, 3)).first == date(2026, 4, 1)
    assert preset_period(THIS_FISCAL_YEAR, date(2026, 4, 1)) == Period(date(2026, 4, 1), date(2026, 4, 1), "this_fy")
    assert preset_period(LAST_FISCAL_YEAR, date(2026, 12, 7)) == Period(date(2025, 4, 1), date(2026, 3, 31), "last_fy")
    assert preset_period(LAST_FISCAL_YEAR, date(2026, 3, 31)) == Period(date(2024, 4, 1), date(2025, 3, 31), "last_fy")
    assert preset_period(LAST_MONTH, date(2026, 12, 7)) == Period(date(2026, 11, 1), date(2026, 11, 30), "last_month")
    assert preset_period(LAST_MONTH, date(2027, 1, 15)) == Period(date(2026, 12, 1), date(2026, 12, 31), "last_month")


def sends_shown(client, **query) -> int:
    return client.get(reverse("console_report"), query).context["report"].total["sends"]


def test_the_default_is_this_fiscal_year(db, author, admin_client):
    send(author, timezone.now() - timedelta(minutes=5), recipients=20, counts={"line:accepted": 20})
    send(author, timezone.now() - timedelta(days=800), recipients=20, counts={"line:accepted": 20})
    response = admin_client.get(reverse("console_report"))
    assert response.context["period"] == preset_period(THIS_FISCAL_YEAR, today())
    assert response.context["report"].total["sends"] == 1


def test_dates_choose_the_sends_inclusive_of_both_days(db, sends, admin_client):
    assert sends_shown(admin_client, preset="custom", first="2026-06-10", last="2026-07-01") == 2
    assert sends_shown(admin_client, preset="custom", first="2026-06-11", last="2026-06-30") == 0
    assert sends_shown(admin_client, preset="custom", first="2025-04-01", last="2026-03-31") == 1


def test_a_send_just_after_midnight_in_tokyo_counts_on_its_tokyo_day(db, author, admin_client):
    send(author, at(date(2026, 8, 1), hour=0), recipients=20, counts={"line:accepted": 20})  # 31 July 15:00 UTC
    assert sends_shown(admin_client, preset="custom", first="2026-08-01", last="2026-08-31") == 1
    assert sends_shown(admin_client, preset="custom", first="2026-07-01", last="2026-07-31") == 0


def test_a_reversed_or_half_given_range_is_refused_and_this_year_shown(db, admin_client):
    response = admin_client.get(reverse("console_report"),
                                {"preset": "custom", "first": "2026-09-01", "last": "2026-08-01"})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert response.context["period"].preset == THIS_FISCAL_YEAR
    response = admin_client.get(reverse("console_report"), {"preset": "custom", "first": "2026-09-01"})
    assert response.context["form"].non_field_errors()


def test_the_preset_links_and_exports_keep_the_period(db, admin_client):
    page = admin_client.get(reverse("console_report"), {"preset": "last_fy"}).content.decode()
    assert 'href="?preset=last_fy" aria-current="page"' in page
    assert f'{reverse("console_report_csv")}?preset=last_fy' in page
    assert f'{reverse("console_report_print")}?preset=last_fy' in page


def test_a_presets_dates_are_filled_in_for_changing_them(db, admin_client):
    page = admin_client.get(reverse("console_report"), {"preset": "last_month"}).content.decode()
    period = preset_period(LAST_MONTH, today())
    assert f'value="{period.first.isoformat()}"' in page and f'value="{period.last.isoformat()}"' in page
