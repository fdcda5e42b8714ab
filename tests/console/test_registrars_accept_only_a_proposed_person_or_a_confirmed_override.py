"""Issue 13, point 5: the accept POST took any 宛名番号 (a registrar could register anyone, e.g. to
receive someone else's notices); now only a person the console proposed (a candidate recomputed on
the POST, or found by the registrar's own audited search on that application), or an override with a
reason that a second registrar confirms. The applications list and page are audited."""

from datetime import date

import pytest
from django.test import Client

from foryou.accounts.access import REGISTRAR
from foryou.accounts.testing import login, make_staff
from foryou.audit.models import AuditEvent
from foryou.enrollment.models import AcceptOverride, Application, Registration
from tests.console.registry import HIDDEN, import_city
from tests.residents.exports import TARO, UME

pytestmark = pytest.mark.django_db


@pytest.fixture
def city(tmp_path, data_dir):
    import_city(tmp_path / "e")


@pytest.fixture
def registrar(client):
    return login(client, make_staff("registrar", REGISTRAR))


@pytest.fixture
def second():
    client = Client()
    client.user = login(client, make_staff("second", REGISTRAR))
    return client


def taro_applies() -> Application:
    return Application.objects.create(source="web", name="千葉 太郎", name_kana="チバ タロウ",
                                      birth_date=date(1985, 4, 12), postal_code="2608722",
                                      address="千葉市中央区千葉港1-1", channel="line")


def accept(client, app, resident_id):
    return client.post(f"/applications/{app.pk}/review", {"decision": "accept", "resident_id": resident_id},
                       follow=True)


def test_a_resident_id_that_was_never_proposed_is_refused(client, city, registrar):
    app = taro_applies()
    assert f'value="{TARO}"' in client.get(f"/applications/{app.pk}/").content.decode()
    page = accept(client, app, UME).content.decode()  # the form edited: someone else's 宛名番号
    assert not Registration.objects.exists() and "message error" in page
    app.refresh_from_db()
    assert app.status == "pending"
    accept(client, app, TARO)  # the candidate shown, recomputed on the POST
    assert Registration.objects.get().resident_id == TARO


def test_only_the_accepting_registrars_own_search_on_this_application_counts(client, city, registrar, second):
    app, other = taro_applies(), taro_applies()
    second.get(f"/applications/{app.pk}/", {"search": "manual", "resident_id": UME})  # another registrar's search
    client.get(f"/applications/{other.pk}/", {"search": "manual", "resident_id": UME})  # another application
    accept(client, app, UME)
    assert not Registration.objects.exists()
    client.get(f"/applications/{app.pk}/", {"search": "manual", "resident_id": UME})
    accept(client, app, UME)
    assert Registration.objects.get().resident_id == UME


def test_an_override_waits_for_a_second_registrar_and_both_are_audited(client, city, registrar, second):
    app = taro_applies()
    client.post(f"/applications/{app.pk}/override", {"resident_id": UME.lstrip("0"), "reason": "窓口で本人確認済み"})
    override = AcceptOverride.objects.get()
    assert override.resident_id == UME and not Registration.objects.exists()
    # The one who asked cannot confirm it, even by posting the confirmation directly.
    client.post(f"/applications/{app.pk}/override/{override.pk}/confirm", {"confirmed": "yes"})
    assert not Registration.objects.exists()
    page = second.get(f"/applications/{app.pk}/").content.decode()
    assert "窓口で本人確認済み" in page and 'id="confirm-override"' in page
    asked = second.post(f"/applications/{app.pk}/override/{override.pk}/confirm").content.decode()
    assert 'name="confirmed" value="yes"' in asked and "髙橋　うめ" in asked and not Registration.objects.exists()
    second.post(f"/applications/{app.pk}/override/{override.pk}/confirm", {"confirmed": "yes"})
    registration = Registration.objects.get()
    assert registration.resident_id == UME and registration.application == app
    requested = AuditEvent.objects.get(action="enrollment.override_requested")
    confirmed = AuditEvent.objects.get(action="enrollment.override_confirmed")
    assert requested.actor == registrar and requested.detail["reason"] == "窓口で本人確認済み"
    assert confirmed.actor == second.user and confirmed.detail["requested_by"] == "registrar"


def test_an_override_needs_a_reason_and_never_reaches_a_protected_person(client, city, registrar, second):
    app = taro_applies()
    client.post(f"/applications/{app.pk}/override", {"resident_id": UME, "reason": "  "})
    client.post(f"/applications/{app.pk}/override", {"resident_id": HIDDEN, "reason": "本人の申し出"})
    assert not AcceptOverride.objects.exists()


def test_the_applications_list_and_page_are_audited(client, city, registrar):
    app = taro_applies()
    client.get("/applications/")
    listed = AuditEvent.objects.get(action="enrollment.applications_listed")
    assert listed.actor == registrar and listed.detail == {"status": "pending", "shown": [app.pk]}
    Application.objects.filter(pk=app.pk).update(status="rejected", reject_reason="other")
    client.get(f"/applications/{app.pk}/")  # a reviewed application shows no candidates, but is still read
    viewed = AuditEvent.objects.get(action="enrollment.application_viewed")
    assert viewed.actor == registrar and viewed.target == f"application:{app.pk}"
