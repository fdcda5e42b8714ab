from dataclasses import fields
from datetime import date, timedelta

import duckdb
import pytest

from foryou.notices import automation, services
from foryou.notices.models import SendOrder
from foryou.programs.catalog import EffectiveProgram
from foryou.programs.definition import Program, parse_program
from foryou.rules.reference import City
from foryou.rules.schema import create_tables
from tests.delivery.conftest import WORDING, line_user, registrant

pytestmark = pytest.mark.django_db(databases=["default", "gateway"])
TODAY = date(2026, 12, 1)
CONDITIONS = {"reaches_age": {"months": 2, "within_days": 3}}
_PARSED = parse_program({
    "code": "two-months", "name": "生後2か月のお子さんへ", "department": "健康支援課", "recipients": "guardians",
    "trigger": {"once_per": "person"}, "conditions": CONDITIONS,
})
# As the catalog gives it: with its condition tree, which an approval pins.
PROGRAM = EffectiveProgram(**{f.name: getattr(_PARSED, f.name) for f in fields(Program)}, tree=CONDITIONS,
                           file_tree=CONDITIONS)


def person(rid, household, born, relationship):
    return {"resident_id": rid, "household_id": household, "birth_date": born, "sex": "2",
            "relationship": relationship, "ward_name": "中央区", "ward_code": "12101", "town_code": "1",
            "town_name": "x", "postal_code": "2600000", "resident_since": born, "is_current": True}


@pytest.fixture
def city(monkeypatch):
    rows = [person("P1", "H1", date(1990, 4, 1), "世帯主"), person("C1", "H1", TODAY - timedelta(days=60), "子"),
            person("P2", "H2", date(1988, 4, 1), "世帯主"), person("C2", "H2", TODAY - timedelta(days=20), "子")]

    def connect():
        con = duckdb.connect()
        create_tables(con, City(rows))
        return con

    monkeypatch.setattr("foryou.residents.store.connect", connect)
    monkeypatch.setattr("foryou.residents.store.current_snapshot_name", lambda: "test-city")
    monkeypatch.setattr("foryou.programs.catalog.get_program", lambda code: PROGRAM)


def test_the_daily_run_sends_the_automatic_notice_to_guardians_of_newly_qualifying_children_once(
        delivery_settings, city, editor, approver):
    parent = registrant(line_user_id=line_user(1), resident_id="P1")
    registrant(line_user_id=line_user(2), resident_id="P2")  # their child is not two months old yet
    notice = services.create(PROGRAM, WORDING, editor, automatic=True)  # approved with the wording
    services.approve(notice.latest, approver)

    orders = automation.run_triggers(TODAY)
    assert len(orders) == 1
    order = SendOrder.objects.get()
    assert (order.kind, order.status, order.targeted, order.recipients) == ("trigger", "sending", 1, 1)
    assert order.chunks.get().numbers == [parent.number]
    assert automation.run_triggers(TODAY) == []  # a second run on the same day tells nobody again


def test_notices_that_are_not_automatic_or_not_approved_do_not_send(delivery_settings, city, editor):
    services.create(PROGRAM, WORDING, editor, automatic=True)  # but never approved
    assert automation.run_triggers(TODAY) == []
    assert not SendOrder.objects.exists()
