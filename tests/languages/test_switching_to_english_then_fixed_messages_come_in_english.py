"""A registrant taps 言語 Language in the chat, chooses English from the buttons (each language named in
itself): the choice is kept and told to the console, and from then on the account's fixed messages —
help, stopping and resuming, consent — are in English, as are the emails of an email registrant."""

import pytest
from django.core import mail
from django.utils import translation
from django.utils.translation import gettext

from foryou.gateway import services
from foryou.gateway.email import letters
from foryou.gateway.line import replies, words
from foryou.gateway.models import OutboundEvent
from tests.line.conftest import APPLY_URL, CONSENT_URL, active, links_of, said, text_of

pytestmark = [pytest.mark.django_db(databases=["default", "gateway"], transaction=True),
              pytest.mark.urls("tests.line.urls")]


def english(msgid: str) -> str:
    with translation.override("en"):
        return gettext(msgid)


def test_choosing_english_in_the_chat_makes_every_fixed_reply_english(on_emulator):
    line = on_emulator
    user = line.create_user(language="ja")
    subscriber = active(user.user_id)
    line.say(user.user_id, words.LANGUAGE)  # the rich menu's 言語 Language
    [choice] = said(line, user.user_id)
    buttons = {item["action"]["label"]: item["action"]["data"] for item in choice["quickReply"]["items"]}
    assert list(buttons) == ["日本語", "やさしい日本語", "English", "中文(简体)", "한국어", "Tiếng Việt", "Português"]
    line.postback(user.user_id, buttons["English"], "English")
    subscriber.refresh_from_db()
    assert subscriber.language == "en"
    assert OutboundEvent.objects.filter(kind="registration.preferences").last().body["language"] == "en"
    assert text_of(said(line, user.user_id)[-1]).startswith("Messages from this account will now be in English.")

    line.say(user.user_id, "help me")  # anything not understood: the help
    assert text_of(said(line, user.user_id)[-2]).startswith("This account sends notices about city programs you can use.")
    assert '"Apply (利用申請)"' in text_of(said(line, user.user_id)[-2])  # the menu is drawn in Japanese
    assert links_of(said(line, user.user_id)[-1]) == [f"{APPLY_URL}?lang=en", f"{CONSENT_URL}?lang=en"]  # pages too
    line.say(user.user_id, "Stop notices")  # the English label is understood like 配信停止
    with translation.override("en"):
        assert text_of(said(line, user.user_id)[-1]) == text_of(replies.stop_question())
    line.postback(user.user_id, "action=stop&confirm=yes", "Yes, stop")
    assert text_of(said(line, user.user_id)[-1]).startswith("Notices have been stopped.")
    line.say(user.user_id, "配信再開")
    assert text_of(said(line, user.user_id)[-1]).startswith("Notices have been resumed.")
    line.postback(user.user_id, "action=consent&value=yes", "I agree")
    assert text_of(said(line, user.user_id)[-1]) == english("Thank you. You agreed to the use of your tax information for notices.")
    subscriber.refresh_from_db()
    assert subscriber.consent_terms.endswith("/en")  # the English wording is a version of its own


def test_an_email_registrant_reading_english_gets_english_emails(settings, data_dir):
    from datetime import timedelta

    from django.utils import timezone

    from foryou.gateway.models import Subscriber
    from foryou.shared.numbers import new_number

    settings.GATEWAY_PUBLIC_URL = "https://gw.example.jp"
    subscriber = Subscriber.objects.create(number=new_number(), expires_at=timezone.now() + timedelta(days=90),
                                           status=Subscriber.Status.ACTIVE, email="ann@example.jp",
                                           email_confirmed_at=timezone.now(), language="en")
    assert letters.registration_complete(subscriber)
    services.set_consent(subscriber, True)
    assert letters.consent_changed(subscriber)
    complete, consent = mail.outbox
    assert "Your registration is complete" in complete.subject
    assert "/settings/" in complete.body  # the settings page, in every email
    assert "terms version 2026-1/en" in consent.body and "Thank you." in consent.body
