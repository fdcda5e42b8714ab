"""A program whose outcome is an application made in foryou (制度の申請) records, at each import, the day
each registrant's application arrived — registrants only, never a protected person or household, nothing
dated after the import."""

from datetime import date, datetime
from itertools import count
from zoneinfo import ZoneInfo

import pytest

from foryou.casework.models import ProgramApplication
from foryou.outcomes import services
from foryou.outcomes.definitions import parse_outcome
from foryou.outcomes.models import TakeUp
from tests.outcomes.conftest import register
from tests.residents.exports import HANAKO, TARO, UME, valid_export, write_export

AS_OF = date(2026, 11, 27)
TOKYO = ZoneInfo("Asia/Tokyo")
_receipts = count(1)


@pytest.fixture
def applications_are_the_outcome(monkeypatch):
    outcome = parse_outcome({"source": "applications"})
    monkeypatch.setattr(services, "programs_with_outcomes", lambda: [("jido-fuyo-teate", outcome)])


def applied(resident_id: str, day: date, hour: int = 10) -> None:
    n = next(_receipts)
    ProgramApplication.objects.create(
        receipt=f"R{n:08d}", gateway_ref=f"ref-{n}", program_code="jido-fuyo-teate", department="こども家庭支援課",
        form_digest="x", number=f"{n:016d}", resident_id=resident_id,
        received_at=datetime(day.year, day.month, day.day, hour, tzinfo=TOKYO))


def test_an_application_is_take_up_on_the_day_it_arrived(tmp_path, do_import, applications_are_the_outcome):
    register(TARO, UME)
    applied(TARO, date(2026, 11, 20), hour=23)  # 23:00 in Tokyo is still the 20th
    applied(HANAKO, date(2026, 11, 21))  # no registrant: not kept
    applied(UME, date(2026, 11, 28))  # after the import's date: the next import records it
    do_import(write_export(tmp_path / "export", valid_export()), AS_OF)
    assert list(TakeUp.objects.values_list("resident_id", "took_up_on", "source")) == [
        (TARO, date(2026, 11, 20), "applications")]


def test_nothing_is_kept_of_a_protected_household(tmp_path, do_import, applications_are_the_outcome):
    files = valid_export()
    files["persons.csv"][1]["支援措置"] = "1"  # Hanako protects Taro's household
    register(TARO, UME)
    applied(TARO, date(2026, 11, 20))
    applied(UME, date(2026, 11, 21))
    do_import(write_export(tmp_path / "export", files), AS_OF)
    assert list(TakeUp.objects.values_list("resident_id", flat=True)) == [UME]
