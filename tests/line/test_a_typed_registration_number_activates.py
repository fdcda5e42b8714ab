"""The resident sends the number from the postcard in the chat (any of the ways people type it): the
registration becomes active, linked to their LINE user ID, and the reply says so."""

import pytest
from django.utils import translation

from foryou.shared.numbers import display
from foryou.gateway import services
from foryou.gateway.models import OutboundEvent, Subscriber
from foryou.gateway.line import replies, words
from tests.line.conftest import APPLY_URL, CONSENT_URL, issued, links_of, said, text_of

pytestmark = [pytest.mark.django_db(databases=["default", "gateway"], transaction=True),
              pytest.mark.urls("tests.line.urls")]


def replies_to(line, user_id):
    return [text_of(m) for m in said(line, user_id)]


def expected(code):
    with translation.override("ja"):
        return str(services.MESSAGES[code])


@pytest.mark.parametrize("typed", [
    lambda n: n,
    lambda n: display(n),
    lambda n: display(n).translate(str.maketrans("0123456789-", "０１２３４５６７８９－")),
    lambda n: " ".join(display(n).split("-")),
])
def test_the_number_as_typed_activates_and_the_reply_says_so(on_emulator, typed):
    line, subscriber = on_emulator, issued()
    user = line.create_user()
    line.say(user.user_id, typed(subscriber.number))
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.ACTIVE and subscriber.line_user_id == user.user_id
    activated, consent = said(line, user.user_id)
    assert text_of(activated) == expected("activated")
    assert links_of(consent) == [CONSENT_URL]  # what consent to the use of tax data makes possible
    assert OutboundEvent.objects.filter(kind="registration.activated").count() == 1


def test_a_mistyped_number_is_explained_and_changes_nothing(on_emulator):
    line, subscriber = on_emulator, issued()
    user = line.create_user()
    typo = subscriber.number[:-1] + str((int(subscriber.number[-1]) + 1) % 10)
    line.say(user.user_id, display(typo))
    line.say(user.user_id, subscriber.number[:15])  # one digit short
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.ISSUED
    assert replies_to(line, user.user_id) == [expected("malformed")] * 2


def test_other_text_gets_a_short_help_reply_with_buttons_to_every_page(on_emulator):
    line = on_emulator
    user = line.create_user()
    line.say(user.user_id, "こんにちは")
    text, buttons = said(line, user.user_id)
    with translation.override("ja"):
        assert text == replies.help_messages()[0]
        assert str(words.STOP) in text["text"] and "16" in text["text"]
    assert links_of(buttons) == [APPLY_URL, CONSENT_URL]


def test_an_expired_number_is_answered_with_a_button_to_apply_again(on_emulator):
    line, subscriber = on_emulator, issued(days=-1)
    user = line.create_user()
    line.say(user.user_id, subscriber.number)
    text, buttons = said(line, user.user_id)
    assert text_of(text) == expected("expired") and links_of(buttons) == [APPLY_URL]
