"""Issue 13, point 14: one malformed gateway event (the poison message) used to raise in the console's
pull, leave the cursor where it was, and block every later event, applications included, for good.
Now it is quarantined (sequence, kind, error without the event's values; the event kept for a retry)
and the cursor moves on; a transient failure (the database unavailable) is not quarantined."""

from datetime import timedelta

import pytest
from django.db import OperationalError
from django.test import Client
from django.utils import timezone
from nacl.public import PrivateKey

from foryou.accounts.access import ADMIN, REGISTRAR
from foryou.accounts.testing import login, make_staff
from foryou.audit.models import AuditEvent
from foryou.bridge import quarantine
from foryou.bridge.client import sync
from foryou.bridge.models import PullCursor, QuarantinedEvent
from foryou.enrollment.models import Application
from foryou.gateway import services as gateway
from foryou.gateway.models import OutboundEvent
from foryou.shared.bridge import messages

pytestmark = pytest.mark.django_db(databases=["default", "gateway"])

APPLICATION = {"source": "web", "name": "千葉 花子", "name_kana": "チバ ハナコ", "birth_date": "1987-03-01",
               "postal_code": "2608722", "address": "千葉市中央区千葉港1-1", "phone": "", "email": "",
               "channel": "email"}
BAD_DATE = "2026-13-45T25:00:00"


def poison(**body) -> OutboundEvent:
    return OutboundEvent.objects.create(kind=messages.REGISTRATION_ACTIVATED, body={
        "number": "1234567890123452", "channel": "line", "has_email": False, "at": BAD_DATE} | body)


@pytest.fixture
def admin_client():
    client = Client()
    login(client, make_staff("admin", ADMIN))
    return client


def test_a_poison_event_no_longer_blocks_the_application_after_it(transport, data_dir):
    first = poison()
    gateway.submit_application(APPLICATION)
    result = sync(transport)  # raised ValueError before, for ever, and the application never came
    assert Application.objects.get().name == "千葉 花子" and result.applied == 1
    kept = QuarantinedEvent.objects.get()
    assert (kept.seq, kept.kind) == (first.pk, messages.REGISTRATION_ACTIVATED)
    assert kept.error.startswith("ValueError") and BAD_DATE not in kept.error  # no value from the event
    assert kept.event["body"]["at"] == BAD_DATE  # kept for a retry
    assert PullCursor.objects.get().last_seq > first.pk and not OutboundEvent.objects.exists()
    assert sync(transport).pulled == 0


def test_a_body_missing_required_fields_is_quarantined_naming_them(transport, data_dir):
    OutboundEvent.objects.create(kind=messages.CONSENT_CHANGED, body={"number": "1234567890123452"})
    sync(transport)
    assert "consent.changed is missing at, given, terms" in QuarantinedEvent.objects.get().error


def test_an_application_with_a_broken_birth_date_is_quarantined_without_the_date_in_the_error(transport, data_dir,
                                                                                            caplog):
    gateway.submit_application(APPLICATION | {"birth_date": "1987-02-30"})
    sync(transport)
    kept = QuarantinedEvent.objects.get()
    assert kept.kind == messages.APPLICATION_SEALED and "ValueError" in kept.error
    assert "1987-02-30" not in kept.error and "1987-02-30" not in caplog.text and "千葉" not in caplog.text
    assert "千葉" not in str(kept.event)  # the ciphertext only, never the decrypted application


def test_an_application_that_cannot_be_opened_is_kept_and_applied_once_the_key_is_right(
        transport, data_dir, monkeypatch, admin_client):
    from foryou.shared.bridge import sealing

    wrong = PrivateKey.generate()
    monkeypatch.setattr(sealing, "console_private_key", lambda: wrong)  # e.g. a key restored from the wrong backup
    gateway.submit_application(APPLICATION)
    sync(transport)  # the application was logged and lost before
    kept = QuarantinedEvent.objects.get()
    assert kept.error.startswith("CannotOpen") and not Application.objects.exists()
    monkeypatch.undo()

    confirm = admin_client.post(f"/quarantined-events/{kept.pk}/retry")
    assert 'name="confirmed" value="yes"' in confirm.content.decode() and not Application.objects.exists()
    admin_client.post(f"/quarantined-events/{kept.pk}/retry", {"confirmed": "yes"})
    assert Application.objects.get().name == "千葉 花子"
    assert not QuarantinedEvent.objects.exists()  # ciphertext deleted on success
    event = AuditEvent.objects.get(action="bridge.event_retried")
    assert event.detail == {"seq": kept.seq, "kind": messages.APPLICATION_SEALED, "applied": True}


def test_a_retry_that_fails_again_keeps_the_event_with_the_new_error(transport, data_dir, admin_client):
    poison()
    sync(transport)
    kept = QuarantinedEvent.objects.get()
    admin_client.post(f"/quarantined-events/{kept.pk}/retry", {"confirmed": "yes"})
    kept.refresh_from_db()
    assert kept.attempts == 2 and kept.event is not None
    assert AuditEvent.objects.get(action="bridge.event_retried").detail["applied"] is False


def test_the_database_being_unavailable_is_not_the_events_fault(transport, data_dir, monkeypatch):
    from foryou.bridge import apply

    gateway.submit_application(APPLICATION)

    def unavailable(kind, body):
        raise OperationalError("could not connect to server")

    monkeypatch.setattr(quarantine, "apply_event", unavailable)
    with pytest.raises(OperationalError):
        sync(transport)
    assert not QuarantinedEvent.objects.exists() and PullCursor.objects.get().last_seq == 0
    assert OutboundEvent.objects.count() == 1  # not acknowledged: the next sync tries it again
    monkeypatch.setattr(quarantine, "apply_event", apply.apply_event)
    assert sync(transport).applied == 1 and Application.objects.exists()


def test_a_kept_event_is_dropped_after_the_retention_period(transport, data_dir):
    poison()
    sync(transport)
    assert quarantine.drop_expired(timezone.now() + timedelta(days=quarantine.KEEP_DAYS - 1)) == 0
    assert quarantine.drop_expired(timezone.now() + timedelta(days=quarantine.KEEP_DAYS + 1)) == 1
    kept = QuarantinedEvent.objects.get()
    assert kept.event is None and kept.kind == messages.REGISTRATION_ACTIVATED  # the record stays


def test_administrators_see_the_quarantine_and_a_count_in_the_menu(transport, data_dir, admin_client):
    assert 'id="nav-quarantined"' not in admin_client.get("/").content.decode()
    poison()
    sync(transport)
    menu = admin_client.get("/").content.decode()
    assert 'id="nav-quarantined"' in menu and "/quarantined-events/" in menu
    page = admin_client.get("/quarantined-events/")
    text = page.content.decode()
    assert messages.REGISTRATION_ACTIVATED in text and "ValueError" in text and BAD_DATE not in text
    assert "script-src" in page.headers["Content-Security-Policy"] or "default-src" in page.headers[
        "Content-Security-Policy"]


def test_other_roles_and_administrators_without_their_second_factor_are_refused(transport, data_dir, client):
    poison()
    sync(transport)
    kept = QuarantinedEvent.objects.get()
    login(client, make_staff("registrar", REGISTRAR))
    assert client.get("/quarantined-events/").status_code == 403
    assert client.post(f"/quarantined-events/{kept.pk}/retry", {"confirmed": "yes"}).status_code == 403
    assert 'id="nav-quarantined"' not in client.get("/").content.decode()
    half = Client()
    half.force_login(make_staff("admin2", ADMIN))  # password only, no second factor yet
    assert half.get("/quarantined-events/").status_code == 302
    assert QuarantinedEvent.objects.get().attempts == 1
