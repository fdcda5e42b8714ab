from datetime import date

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.utils import translation
from django.utils.translation import gettext

from foryou.accounts.access import REGISTRAR
from foryou.accounts.testing import login, make_staff
from foryou.audit.models import AuditEvent
from foryou.bridge.client import sync
from foryou.bridge.models import PendingPush
from foryou.enrollment.models import Application
from foryou.gateway import services as gateway
from foryou.shared.bridge import messages

pytestmark = pytest.mark.django_db(databases=["default", "gateway"])

SEALED = {"source": "web", "name": "千葉 次郎", "name_kana": "チバ ジロウ", "birth_date": "1990-01-02",
          "postal_code": "2608722", "address": "千葉市中央区千葉港1-1", "phone": "", "email": "jiro@example.jp",
          "channel": "email"}


@pytest.fixture
def registrar(client, data_dir):
    return login(client, make_staff("registrar", REGISTRAR))


def counter_application(**extra) -> Application:
    return Application.objects.create(**({"source": "counter", "name": "千葉 次郎", "name_kana": "チバ ジロウ",
                                          "birth_date": date(1990, 1, 2), "postal_code": "2608722",
                                          "address": "千葉市中央区千葉港1-1", "phone": "043-000-0000",
                                          "channel": "line"} | extra))


def test_a_reject_without_confirmation_only_shows_what_it_will_do(client, registrar):
    app = counter_application()
    response = client.post(f"/applications/{app.pk}/review", {"decision": "reject", "reason": "not_found"})
    page = response.content.decode()
    assert response.status_code == 200
    assert 'name="confirmed" value="yes"' in page and 'name="reason" value="not_found"' in page
    with translation.override("ja"):
        ja = client.post(f"/applications/{app.pk}/review", {"decision": "reject", "reason": "not_found"},
                         HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    app.refresh_from_db()
    assert app.status == "pending" and not AuditEvent.objects.filter(action="enrollment.reject").exists()
    with translation.override("ja"):
        assert gettext("The applicant cannot be told automatically (no email address): contact them by phone.") in ja


def test_a_confirmed_reject_of_a_gateway_application_is_told_to_the_applicant_by_email(
        client, registrar, transport, django_capture_on_commit_callbacks):
    gateway.submit_application(SEALED)
    sync(transport)
    app = Application.objects.get()
    confirm = client.post(f"/applications/{app.pk}/review", {"decision": "reject", "reason": "not_found"})
    assert not PendingPush.objects.filter(kind=messages.APPLICATION_REJECTED).exists()
    with translation.override("ja"):
        assert "confirmed" in confirm.content.decode()
    client.post(f"/applications/{app.pk}/review", {"decision": "reject", "reason": "not_found", "confirmed": "yes"})
    app.refresh_from_db()
    assert app.status == "rejected"
    push = PendingPush.objects.get(kind=messages.APPLICATION_REJECTED)
    assert push.body == {"ref": app.gateway_ref, "reason": "not_found", "channel": "email", "email": "jiro@example.jp",
                         "language": "ja"}
    with django_capture_on_commit_callbacks(execute=True, using="gateway"):
        assert sync(transport).pushed == 1
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["jiro@example.jp"]
    with translation.override("ja"):
        assert gettext("The city could not accept your application to %(service)s.") % {
            "service": django_settings.SERVICE_NAME} in mail.outbox[0].body
    assert AuditEvent.objects.get(action="enrollment.reject").detail["applicant_told"] is True


def test_a_counter_application_is_rejected_without_a_bridge_message(client, registrar):
    app = counter_application()
    client.post(f"/applications/{app.pk}/review", {"decision": "reject", "reason": "other", "confirmed": "yes"})
    app.refresh_from_db()
    assert app.status == "rejected" and not PendingPush.objects.filter(kind=messages.APPLICATION_REJECTED).exists()


def test_contacting_the_applicant_is_noted_in_the_audit_log_and_shown(client, registrar):
    app = counter_application()
    page = client.get(f"/applications/{app.pk}/").content.decode()
    assert 'href="tel:043-000-0000"' in page
    client.post(f"/applications/{app.pk}/contacted", {"note": "生年月日を確認、12月4日ではなく4月12日"})
    event = AuditEvent.objects.get(action="enrollment.applicant_contacted")
    assert event.actor == registrar and event.target == f"application:{app.pk}"
    assert "4月12日" in client.get(f"/applications/{app.pk}/").content.decode()


def test_an_empty_contact_note_is_not_recorded(client, registrar):
    app = counter_application()
    client.post(f"/applications/{app.pk}/contacted", {"note": "  "})
    assert not AuditEvent.objects.filter(action="enrollment.applicant_contacted").exists()


def test_an_applicant_without_an_email_address_is_not_written_to(
        client, registrar, transport, django_capture_on_commit_callbacks):
    gateway.submit_application(SEALED | {"email": "", "phone": "043-000-0000", "channel": "line"})
    sync(transport)
    app = Application.objects.get()
    confirm = client.post(f"/applications/{app.pk}/review", {"decision": "reject", "reason": "mismatch"})
    assert 'name="confirmed"' in confirm.content.decode()
    client.post(f"/applications/{app.pk}/review", {"decision": "reject", "reason": "mismatch", "confirmed": "yes"})
    with django_capture_on_commit_callbacks(execute=True, using="gateway"):
        assert sync(transport).pushed == 1
    assert mail.outbox == []
    assert AuditEvent.objects.get(action="enrollment.reject").detail["applicant_told"] is False
