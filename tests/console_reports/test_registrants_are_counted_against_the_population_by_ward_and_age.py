"""Registrants against the population of the current snapshot: current residents only (the dead and
those who moved out are not population), active registrations only, by ward and by age band on the
snapshot's as-of date."""

from datetime import date

import pytest

from foryou.console import reports
from foryou.console.population import coverage
from foryou.console.reports import Period
from foryou.notices.stats import active_registrant_ids
from tests.residents.conftest import AS_OF


@pytest.fixture(autouse=True)
def nothing_suppressed(settings):
    settings.SMALL_COUNT = 1


def figures(cells):
    return {label: (c.population, c.registrants) for label, c in cells}


def test_wards_count_current_residents_and_their_active_registrants(city):
    cov = coverage(active_registrant_ids())
    assert cov.as_of == AS_OF
    assert figures(cov.by_ward()) == {"中央区": (4, 2), "花見川区": (3, 1)}
    assert (cov.total().population, cov.total().registrants) == (7, 3)


def test_age_bands_follow_birthdays_on_the_as_of_date(city):
    cov = coverage(active_registrant_ids())
    assert figures(cov.by_band()) == {"0-17": (1, 0), "18-39": (2, 0), "40-64": (2, 1), "65-74": (1, 1),
                                      "75+": (1, 1)}


def test_a_registration_of_someone_no_longer_resident_is_counted_apart(city):
    assert coverage(active_registrant_ids()).registrants_not_found == 1


def test_the_report_shows_rates_per_ward_and_band(city):
    report = reports.build(Period(date(2026, 4, 1), date(2026, 12, 1)), None)
    wards = {r["label"]: (r["population"].text, r["registrants"].text, r["rate"].text) for r in report.wards}
    assert wards == {"中央区": ("4", "2", "50.0%"), "花見川区": ("3", "1", "33.3%")}
    bands = [(r["population"].text, r["registrants"].text, r["rate"].text) for r in report.bands]
    assert bands == [("1", "0", "0.0%"), ("2", "0", "0.0%"), ("2", "1", "50.0%"), ("1", "1", "100.0%"),
                     ("1", "1", "100.0%")]
    assert (report.coverage_total["population"].text, report.coverage_total["rate"].text) == ("7", "42.9%")


def test_a_birthday_tomorrow_is_not_counted_yet(db, data_dir, tmp_path):
    """Someone turning 65 the day after the as-of date is still in 40–64; turning 18 on it, 18–39."""
    import io

    from foryou.residents.checkdigit import with_check_digit
    from foryou.residents.services import run_import
    from tests.residents.exports import person, write_export

    persons = [person(with_check_digit("000002001"), "0000400011", "境目　一", "サカイメ ハジメ", "19611128", "1", "世帯主"),
               person(with_check_digit("000002002"), "0000400022", "境目　二", "サカイメ ニ", "20081127", "1", "世帯主")]
    run = run_import(write_export(tmp_path / "e", {"persons.csv": persons, "resident_tax.csv": [],
                                                   "allowances.csv": [], "checkups.csv": []}),
                     AS_OF, stream=io.StringIO())
    assert run.status == "applied", run.problems
    assert {k: c.population for k, c in coverage([]).by_band() if c.population} == {"40-64": 1, "18-39": 1}


def test_without_resident_data_the_report_still_shows_the_sends(db, sends, data_dir):
    report = reports.build(Period(date(2026, 4, 1), date(2027, 3, 31)), None)
    assert report.coverage is None and report.wards == [] and report.total["sends"] == 4


def test_the_page_says_how_many_registrants_were_not_found_suppressed(city, admin_client, settings):
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from foryou.console import suppression

    settings.SMALL_COUNT = 1
    response = admin_client.get(reverse("console_report"))
    said = _("%(n)s registrants are no current residents in that data (moved out or died since) and are not "
             "counted here.")
    assert said % {"n": _("%(n)s people") % {"n": "1"}} in response.content.decode()
    settings.SMALL_COUNT = 10
    response = admin_client.get(reverse("console_report"))
    assert said % {"n": suppression.fewer_than()} in response.content.decode()
