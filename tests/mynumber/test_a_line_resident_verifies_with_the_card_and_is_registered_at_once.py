"""The story across both zones: a LINE friend taps 「マイナンバーカードで本人確認」, reads a card, and is
registered within a bridge round trip: no postcard, no number typed. The gateway's database holds none of
the card's four facts at any point."""

import pytest
from django.core import serializers

from foryou.bridge.client import sync
from foryou.dev.cardidp.cards import card_of
from foryou.enrollment.models import Application, Registration
from foryou.gateway.card_models import CardVerification
from foryou.gateway.models import LineApplicant, Subscriber
from foryou.gateway.mynumber import telling
from foryou.shared.identity import Outcome

from tests.mynumber.conftest import local, read_card, resident, texts

pytestmark = pytest.mark.django_db(databases=["default", "gateway"])


def verify_in_line(client, line, user, card) -> str:
    """Tap the button on the LIFF apply page, read the card, come back: the page the resident sees."""
    apply_page = client.get("/apply/?via=line").content.decode()
    assert 'action="/mynumber/start"' in apply_page
    started = client.post("/mynumber/start", {"via": "line", "id_token": line.issue_id_token(user.user_id)})
    assert started.status_code == 302, started.content.decode()
    return client.get(local(read_card(started["Location"], card))).content.decode()


def round_trip(transport) -> None:
    """The card crosses to the console (pulled), the decision back to the gateway (pushed next time)."""
    sync(transport)
    sync(transport)


def gateway_dump() -> str:
    from django.apps import apps

    models = apps.get_app_config("gateway").get_models()
    return "".join(serializers.serialize("json", m.objects.using("gateway").all()) for m in models)


def test_a_resident_is_registered_at_once_and_told_in_line(client, transport, chat, idp, city,
                                                           django_capture_on_commit_callbacks):
    person = resident()
    card = card_of(person)
    user = chat.create_user()

    page = verify_in_line(client, chat, user, card)
    dump = gateway_dump()
    for fact in (card.name, card.name.split()[0], card.address, person["town_name"], card.birthdate):
        assert fact not in dump  # sealed at once: nothing of the card in the gateway's tables
    assert "identity.sealed" in dump

    with django_capture_on_commit_callbacks(execute=True, using="gateway"):
        round_trip(transport)
    registration = Registration.objects.get(resident_id=person["resident_id"])
    assert (registration.status, registration.channel, registration.postcard_batch) == ("active", "line", None)
    assert Application.objects.get().source == "mynumber"
    subscriber = Subscriber.objects.get(line_user_id=user.user_id)
    assert subscriber.status == "active" and subscriber.number == registration.number
    assert texts(chat, user.user_id)[0] == "\n".join(telling.outcome_lines(Outcome.ACTIVATED))
    assert not CardVerification.objects.exists() and not LineApplicant.objects.exists()
    sync(transport)  # registration.activated comes back: nothing changes in the console
    registration.refresh_from_db()
    assert registration.status == "active"
    assert card.name not in gateway_dump()


def test_a_form_applicant_waiting_for_the_postcard_who_verifies_by_card_needs_no_postcard(
        client, transport, chat, idp, city, django_capture_on_commit_callbacks):
    from foryou.enrollment import services as enrollment

    person = resident()
    waiting = enrollment.issue_number(person["resident_id"])
    user = chat.create_user()
    verify_in_line(client, chat, user, card_of(person))
    with django_capture_on_commit_callbacks(execute=True, using="gateway"):
        round_trip(transport)
    waiting.refresh_from_db()
    assert (waiting.status, waiting.ending) == ("void", "reissued")  # the postcard's number no longer works
    assert Registration.objects.active().get(resident_id=person["resident_id"]).channel == "line"


def test_a_registrant_who_unfollowed_registers_again_by_card_and_a_registered_one_is_told_so(
        client, transport, chat, idp, city, django_capture_on_commit_callbacks):
    from foryou.gateway import services as gateway

    person = resident()
    user = chat.create_user()
    verify_in_line(client, chat, user, card_of(person))
    with django_capture_on_commit_callbacks(execute=True, using="gateway"):
        round_trip(transport)
    gateway.end(Subscriber.objects.get(line_user_id=user.user_id), "unfollowed")  # blocked, then friends again
    sync(transport)
    assert Registration.objects.get(resident_id=person["resident_id"]).status == "inactive"

    verify_in_line(client, chat, user, card_of(person))
    with django_capture_on_commit_callbacks(execute=True, using="gateway"):
        round_trip(transport)
    assert Registration.objects.active().filter(resident_id=person["resident_id"]).count() == 1

    other = chat.create_user()  # the same card from another LINE account
    verify_in_line(client, chat, other, card_of(person))
    with django_capture_on_commit_callbacks(execute=True, using="gateway"):
        round_trip(transport)
    assert texts(chat, other.user_id) == ["\n".join(telling.outcome_lines(Outcome.ALREADY_REGISTERED))]
    assert not Subscriber.objects.filter(line_user_id=other.user_id).exists()


def test_a_protected_resident_goes_to_the_registrar_and_hears_only_that_the_city_checks(
        client, transport, chat, idp, city, django_capture_on_commit_callbacks):
    person = resident("protected", protected_households=True)
    user = chat.create_user()
    verify_in_line(client, chat, user, card_of(person))
    with django_capture_on_commit_callbacks(execute=True, using="gateway"):
        round_trip(transport)
    application = Application.objects.get()
    assert (application.status, application.source, application.resident_id) == ("pending", "mynumber", "")
    assert not Registration.objects.exists()
    assert texts(chat, user.user_id) == ["\n".join(telling.outcome_lines(Outcome.QUEUED))]
    assert LineApplicant.objects.filter(ref=application.gateway_ref).exists()  # the decision is told in LINE


def test_a_card_from_outside_the_city_is_refused_by_email(client, transport, idp, city, mailoutbox,
                                                          django_capture_on_commit_callbacks):
    from foryou.dev.cardidp import TestCard

    started = client.post("/mynumber/start", {"via": "web", "email": "taro@example.jp"})
    client.get(local(read_card(started["Location"], TestCard("市外 太郎", "東京都千代田区霞が関1丁目1番1号",
                                                             "1980-05-05", "男"))))
    with django_capture_on_commit_callbacks(execute=True, using="gateway"):
        round_trip(transport)
    assert not Application.objects.exists() and not Registration.objects.exists()
    [mail] = mailoutbox
    assert mail.to == ["taro@example.jp"] and telling.outcome_lines(Outcome.NOT_RESIDENT)[0] in mail.body
