"""A new friend is told first that the My Number Card registers them at once, and that the number on a
postcard from the city (an invitation, or the answer to an application) is enough: not only the
application by postcard. Without the card service, the greeting keeps the postcard steps."""

from django.test import override_settings
from django.utils import translation

from foryou.gateway.line import replies, words


@override_settings(MYNUMBER_ISSUER="https://idp.example.jp", LINE_LIFF_APPLY_URL="https://liff.line.me/0000-apply")
def test_with_the_card_service_the_greeting_names_the_card_the_invitation_and_the_number():
    with translation.override("en"):
        text, buttons = replies.greeting()
    assert "Verify with My Number Card" in text["text"] and "no postcard" in text["text"]
    assert "an invitation" in text["text"] and str(words.ENTER_NUMBER) in text["text"]
    assert "My Number Card" in buttons["template"]["text"]
    assert [a["type"] for a in buttons["template"]["actions"]] == ["uri", "message"]


@override_settings(MYNUMBER_ISSUER="", LINE_LIFF_APPLY_URL="https://liff.line.me/0000-apply")
def test_without_the_card_service_the_greeting_keeps_the_postcard_steps():
    with translation.override("en"):
        text, _ = replies.greeting()
    assert "My Number" not in text["text"] and "send the application" in text["text"]
