from datetime import date

import pytest

from foryou.accounts.access import REGISTRAR
from foryou.accounts.testing import login, make_staff
from foryou.audit.models import AuditEvent
from foryou.enrollment.models import Application, Registration
from tests.console.registry import ASUMI, HIDDEN, import_city
from tests.residents.exports import TARO

pytestmark = pytest.mark.django_db


@pytest.fixture
def city(tmp_path, data_dir):
    import_city(tmp_path / "e")


@pytest.fixture
def registrar(client):
    return login(client, make_staff("registrar", REGISTRAR))


def swapped_birth_date_application() -> Application:
    # 千葉 太郎 (born 1985-04-12) typed his birth date with month and day swapped: no candidate fits.
    return Application.objects.create(source="web", name="千葉 太郎", name_kana="チバ タロウ",
                                      birth_date=date(1985, 12, 4), postal_code="2608722",
                                      address="千葉市中央区千葉港1番1号", phone="043-000-0000", channel="email",
                                      email="taro@example.jp")


def search(client, app, **query):
    return client.get(f"/applications/{app.pk}/", {"search": "manual", **query}).content.decode()


def test_a_birth_date_with_month_and_day_swapped_is_found_and_marked(client, city, registrar):
    app = swapped_birth_date_application()
    page = client.get(f"/applications/{app.pk}/").content.decode()
    assert f'value="{TARO}"' not in page  # no candidate
    page = search(client, app, name="ちば", birth_date="1985-12-04")
    assert f'value="{TARO}" id="m1"' in page and "千葉　太郎" in page
    assert "中央区千葉港" in page and "1番1号" not in page.split('id="manual-title"')[1]  # town, not 番地


def test_each_manual_search_is_audited_with_who_was_shown(client, city, registrar):
    app = swapped_birth_date_application()
    search(client, app, name="チバ タロウ", birth_date="昭和60年12月4日")
    event = AuditEvent.objects.get(action="enrollment.registry_searched")
    assert event.actor == registrar and event.target == f"application:{app.pk}"
    assert event.detail["shown"] == [TARO] and event.detail["birth_date"] == "1985-12-04"


def test_a_resident_id_is_found_with_or_without_its_leading_zeros(client, city, registrar):
    app = swapped_birth_date_application()
    assert f'value="{TARO}" id="m1"' in search(client, app, resident_id=TARO.lstrip("0"))
    assert f'value="{TARO}" id="m1"' in search(client, app, resident_id="０" + TARO)


def test_a_protected_namesake_is_never_listed_but_staff_are_told_one_was_left_out(client, city, registrar):
    app = swapped_birth_date_application()
    page = search(client, app, name="千葉", birth_date="1985-12-04")
    assert HIDDEN not in page and "千葉　太朗" not in page
    assert AuditEvent.objects.get(action="enrollment.registry_searched").detail["protected_left_out"] is True
    assert f'value="{HIDDEN}" id="m' not in search(client, app, resident_id=HIDDEN)


def test_a_name_alone_is_not_enough_to_search(client, city, registrar):
    app = swapped_birth_date_application()
    page = search(client, app, name="千葉", birth_date="")
    assert f'value="{TARO}"' not in page
    assert not AuditEvent.objects.filter(action="enrollment.registry_searched").exists()


def test_the_person_found_can_be_accepted_but_a_protected_one_cannot(client, city, registrar):
    app = swapped_birth_date_application()
    search(client, app, name="千葉", birth_date="1985-12-04")
    client.post(f"/applications/{app.pk}/review", {"decision": "accept", "resident_id": HIDDEN})
    assert not Registration.objects.exists()
    client.post(f"/applications/{app.pk}/review", {"decision": "accept", "resident_id": TARO.lstrip("0")})
    assert Registration.objects.get().resident_id == TARO


def test_a_town_repeated_in_the_registry_is_written_once(client, city, registrar):
    registration = Registration.objects.create(number="1234567890123452", resident_id=ASUMI,
                                               expires_at=date(2030, 1, 1).isoformat() + "T00:00:00+09:00")
    page = client.get(f"/registrants/{registration.pk}/").content.decode()
    assert "緑区あすみが丘1丁目2番3号" in page and "あすみが丘あすみが丘" not in page


def test_the_registrants_search_reads_a_resident_id_without_its_leading_zeros(client, city, registrar):
    Registration.objects.create(number="1234567890123452", resident_id=TARO,
                                expires_at=date(2030, 1, 1).isoformat() + "T00:00:00+09:00")
    for typed in (TARO, TARO.lstrip("0"), "00" + TARO):
        page = client.get("/registrants/", {"q": typed}).content.decode()
        assert "千葉　太郎" in page, typed


def test_a_town_typed_twice_by_the_applicant_still_finds_the_candidate(client, city, registrar):
    # The application page filled in 緑区あすみが丘 from the postal code and the applicant typed the town again.
    app = Application.objects.create(source="web", name="土気 花", name_kana="トケ ハナ", birth_date=date(1970, 7, 7),
                                     postal_code="2670066", address="千葉市緑区あすみが丘あすみが丘1-2-3",
                                     channel="line")
    page = client.get(f"/applications/{app.pk}/").content.decode()
    assert f'value="{ASUMI}" id="c1"' in page
    assert "あすみが丘あすみが丘" not in page
