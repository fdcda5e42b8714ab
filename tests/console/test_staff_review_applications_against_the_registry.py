import io
from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission

from foryou.accounts.access import REGISTRAR
from foryou.accounts.testing import login, make_staff
from foryou.audit.models import AuditEvent
from foryou.enrollment.models import Application, Registration
from foryou.residents.services import run_import
from tests.residents.conftest import AS_OF
from tests.residents.exports import UME, valid_export, write_export

pytestmark = pytest.mark.django_db


@pytest.fixture
def city(tmp_path, data_dir):
    run_import(write_export(tmp_path / "e", valid_export()), AS_OF, stream=io.StringIO())


@pytest.fixture
def registrar(client):
    return login(client, make_staff("registrar", REGISTRAR))


def application(**extra) -> Application:
    # 髙橋 うめ applies typing the common form of her name and kana in hiragana.
    return Application.objects.create(**({"source": "line", "name": "高橋 うめ", "name_kana": "タカハシ ウメ",
                                          "birth_date": date(1935, 4, 1), "postal_code": "2608722",
                                          "address": "千葉市中央区千葉港1番1号", "channel": "line"} | extra))


def test_the_registered_variant_name_is_the_top_candidate_and_the_look_is_audited(client, city, registrar):
    app = application()
    page = client.get(f"/applications/{app.pk}/").content.decode()
    assert "髙橋　うめ" in page
    event = AuditEvent.objects.get(action="enrollment.candidates_viewed")
    assert event.actor == registrar and UME in event.detail["candidates"]


def test_accepting_issues_a_number_for_the_chosen_person(client, city, registrar):
    app = application()
    response = client.post(f"/applications/{app.pk}/review", {"decision": "accept", "resident_id": UME})
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.resident_id == UME and registration.status == "issued"
    app.refresh_from_db()
    assert app.status == "accepted" and app.reviewed_by == registrar


def test_rejecting_needs_a_reason_code_and_a_confirmation(client, city, registrar):
    app = application()
    client.post(f"/applications/{app.pk}/review", {"decision": "reject"})
    app.refresh_from_db()
    assert app.status == "pending"
    client.post(f"/applications/{app.pk}/review", {"decision": "reject", "reason": "not_found", "confirmed": "yes"})
    app.refresh_from_db()
    assert (app.status, app.reject_reason) == ("rejected", "not_found")


def test_staff_without_the_registrar_permission_cannot_accept(client, city):
    user = get_user_model().objects.create_user("viewer", password="x" * 14)
    client.force_login(user)
    app = application()
    assert client.post(f"/applications/{app.pk}/review", {"decision": "accept", "resident_id": UME}).status_code == 403
    assert not Registration.objects.exists()


def test_counter_staff_enter_an_application_that_joins_the_queue(client, city):
    user = get_user_model().objects.create_user("counter", password="x" * 14)
    user.user_permissions.add(Permission.objects.get(codename="add_application"))
    client.force_login(user)
    response = client.post("/applications/new", {
        "name": "髙橋　うめ", "name_kana": "たかはし うめ", "birth_date": "昭和10年4月1日", "postal_code": "260-8722",
        "address": "千葉市中央区千葉港1番1号", "channel": "line", "phone": "043-245-5111", "email": ""})
    app = Application.objects.get()
    assert response.status_code == 302 and app.source == "counter" and app.name_kana == "タカハシ ウメ"
    assert AuditEvent.objects.filter(action="enrollment.counter_application").exists()
