from datetime import date, timedelta

import duckdb
import pytest

from foryou.programs.definition import parse_program
from foryou.programs.models import TriggerHit
from foryou.programs.triggers import run_trigger
from foryou.rules.reference import City
from foryou.rules.schema import create_tables

pytestmark = pytest.mark.django_db
DAY = date(2026, 5, 1)


def baby(rid, born):
    return {"resident_id": rid, "household_id": rid, "birth_date": born, "sex": "1", "relationship": "世帯主",
            "ward_name": "中央区", "ward_code": "12101", "town_code": "1", "town_name": "x", "postal_code": "2600000",
            "resident_since": born, "is_current": True}


def program(once_per="person", conditions=None):
    return parse_program({
        "code": f"two-months-{once_per}", "name": "生後2か月", "department": "健康支援課",
        "trigger": {"once_per": once_per},
        "conditions": conditions or {"reaches_age": {"months": 2, "within_days": 3}},
    })


@pytest.fixture
def con():
    # Babies whose 2-month birthday falls every other day from DAY-4 to DAY+20.
    births = [DAY - timedelta(days=61) + timedelta(days=2 * i) for i in range(-2, 11)]
    connection = duckdb.connect()
    create_tables(connection, City([baby(f"B{i:02d}", b) for i, b in enumerate(births)]))
    return connection


def told(results):
    return [rid for day in results for rid in day.new_ids]


def test_a_second_run_on_the_same_day_yields_nothing(con):
    p = program()
    first = told(run_trigger(con, p, DAY))
    assert first  # babies within 3 days of their 2-month birthday
    assert told(run_trigger(con, p, DAY)) == []


def test_each_day_yields_only_the_persons_who_newly_qualify(con):
    p = program()
    seen = []
    for n in range(10):
        seen += told(run_trigger(con, p, DAY + timedelta(days=n)))
    assert len(seen) == len(set(seen))
    assert TriggerHit.objects.count() == len(seen)


def test_after_days_of_downtime_the_missed_days_are_caught_up_without_duplicates(con):
    daily = program()
    for n in range(10):
        run_trigger(con, daily, DAY + timedelta(days=n))
    expected = set(TriggerHit.objects.values_list("resident_id", flat=True))
    TriggerHit.objects.all().delete()
    from foryou.programs.models import TriggerRun
    TriggerRun.objects.all().delete()

    run_trigger(con, daily, DAY)  # up on day 0, then down for 8 days
    results = run_trigger(con, daily, DAY + timedelta(days=9))
    assert [r.day for r in results] == [DAY + timedelta(days=n) for n in range(1, 10)]
    caught = set(TriggerHit.objects.values_list("resident_id", flat=True))
    assert caught == expected
    assert TriggerHit.objects.count() == len(caught)


def test_episodes_tell_again_only_after_a_day_without_qualifying(con):
    p = program("episode", {"field": "resident_since", "op": "<=", "value": "2026-03-01"})
    assert told(run_trigger(con, p, DAY))  # everyone born before March qualifies, every day
    assert told(run_trigger(con, p, DAY + timedelta(days=1))) == []
    p2 = program("episode", {"field": "resident_since", "op": ">", "value": "2099-01-01"})  # same code, nobody
    assert told(run_trigger(con, p2, DAY + timedelta(days=2))) == []
    again = told(run_trigger(con, p, DAY + timedelta(days=3)))
    assert again  # back after a gap: a new episode


def test_fiscal_year_triggers_tell_again_in_the_next_fiscal_year(con):
    p = program("fiscal_year", {"field": "resident_since", "op": "<=", "value": "2026-03-01"})
    first = told(run_trigger(con, p, date(2027, 3, 31)))
    assert first
    assert told(run_trigger(con, p, date(2027, 4, 1))) == first
