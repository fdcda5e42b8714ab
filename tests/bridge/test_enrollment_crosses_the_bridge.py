"""The enrollment story across the zones, through the signed bridge: application (sealed) → console
→ accepted → number pushed → activated in the gateway → consent → console sees an active registrant."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model

from foryou.bridge.client import sync
from foryou.enrollment import services as enrollment
from foryou.enrollment.models import Application, Registration
from foryou.gateway import services as gateway
from foryou.gateway.models import OutboundEvent, Subscriber

pytestmark = pytest.mark.django_db(databases=["default", "gateway"])

APPLICATION = {"source": "line", "name": "𠮷田　太郎", "name_kana": "ヨシダ タロウ", "birth_date": "1985-04-12",
               "postal_code": "2608722", "address": "千葉市中央区千葉港1-1", "phone": "", "email": "",
               "channel": "line"}
LINE_USER = "U" + "a" * 32


def test_an_application_reaches_the_console_and_the_registrant_becomes_active(transport, data_dir):
    staff = get_user_model().objects.create_user("registrar")
    gateway.submit_application(APPLICATION)
    assert sync(transport).applied == 1
    application = Application.objects.get()
    assert application.name == "𠮷田　太郎" and application.birth_date == date(1985, 4, 12)
    assert OutboundEvent.objects.count() == 0  # the ciphertext left the internet zone once collected

    registration = enrollment.accept(application, "0000012343", staff)
    assert sync(transport).pushed == 1
    assert Subscriber.objects.get() == Subscriber.objects.by_number(registration.number).get()

    outcome = gateway.activate(registration.number, line_user_id=LINE_USER, ip="198.51.100.7")
    assert outcome.ok, outcome.message
    gateway.set_consent(Subscriber.objects.get(), True)
    sync(transport)

    registration.refresh_from_db()
    assert registration.status == Registration.Status.ACTIVE and registration.channel == "line"
    assert registration.tax_consent is True
    assert registration.consent_events.get().given is True


def test_the_gateway_holds_no_personal_data_after_the_whole_story(transport, data_dir):
    test_an_application_reaches_the_console_and_the_registrant_becomes_active(transport, data_dir)
    from django.apps import apps
    from django.db import connections

    dumped = []
    with connections["gateway"].cursor() as cursor:
        for model in apps.get_app_config("gateway").get_models():
            cursor.execute(f"SELECT * FROM {model._meta.db_table}")
            dumped += [str(v) for row in cursor.fetchall() for v in row]
    text = " ".join(dumped)
    for secret in ("𠮷田", "ヨシダ", "1985-04-12", "19850412", "千葉港", "2608722", "0000012343"):
        assert secret not in text


def test_nothing_personal_reaches_the_logs(transport, data_dir, caplog, client):
    import logging

    caplog.set_level(logging.DEBUG)
    client.post("/apply/", {"name": "𠮷田　太郎", "name_kana": "ヨシダ タロウ", "birth_date": "1985-04-12",
                            "postal_code": "2608722", "address": "千葉市中央区千葉港1-1", "channel": "line",
                            "phone": "043-111-2222", "email": "", "agree": "on", "step": "send"})
    sync(transport)
    registration = enrollment.accept(Application.objects.get(), "0000012343", get_user_model().objects.create_user("r"))
    sync(transport)
    assert gateway.activate(registration.number, line_user_id=LINE_USER).ok
    gateway.set_consent(Subscriber.objects.get(), True)
    sync(transport)
    logged = " ".join(r.getMessage() for r in caplog.records)
    for secret in ("𠮷田", "ヨシダ", "1985-04-12", "千葉港", "043-111-2222"):
        assert secret not in logged
