"""LINE cuts an action's label at 20 characters and refuses a buttons template whose text is over 160
(a confirm template's over 240): every label the account uses fits in every language, and a reply whose
translated text is longer is sent whole as a message, then the template with its first sentence."""

import pytest
from django.utils import translation

from foryou.gateway.line import replies, words
from foryou.shared import languages

LABELS = ["APPLY", "ENTER_NUMBER", "CONSENT", "SETTINGS", "HELP", "STOP", "RESUME", "CONFIRM_STOP", "CANCEL_STOP",
          "OPEN_CONSENT_PAGE", "OPEN_SETTINGS_PAGE"]


@pytest.mark.parametrize("code", languages.DEFAULT_CODES)
def test_every_button_label_fits_in_twenty_characters(code):
    with translation.override(code):
        too_long = {name: str(getattr(words, name)) for name in LABELS if len(str(getattr(words, name))) > 20}
    assert too_long == {}
    assert all(len(name) <= 20 for _code, name in languages.offered())  # the 言語 buttons


def test_a_template_text_over_the_limit_is_sent_whole_then_shortened():
    long_text = "Sentence one is short. " + "x" * 200
    [whole, template] = replies.fitted([replies.buttons(long_text, replies.message_action("OK"))])
    assert whole == {"type": "text", "text": long_text}
    assert template["template"]["text"] == "Sentence one is short." and template["template"]["actions"][0]["label"] == "OK"
    short = replies.buttons("Short.", replies.message_action("OK"))
    assert replies.fitted([short]) == [short]


@pytest.mark.parametrize("code", languages.DEFAULT_CODES)
def test_every_reply_is_within_lines_limits_once_fitted(code, settings):
    settings.LINE_LIFF_APPLY_URL = "https://liff.line.me/1-apply"
    settings.LINE_CONSENT_URL = "https://liff.line.me/1/consent/"
    with translation.override(code):
        said = [*replies.greeting(), *replies.help_messages(), *replies.number_instructions(), replies.apply_again(),
                *replies.consent_messages(), replies.consent_prompt(), replies.stop_question(), replies.stopped(),
                replies.already_stopped(), *replies.not_registered(), *replies.needs_registration(),
                *replies.settings_messages(), *replies.language_choice(code), *replies.language_changed("English")]
    for message in replies.fitted(said):
        if message["type"] == "template":
            kind = message["template"]["type"]
            assert len(message["template"]["text"]) <= replies.MAX_TEMPLATE_TEXT[kind], message
            assert all(len(a["label"]) <= 20 for a in message["template"]["actions"])
        else:
            assert len(message["text"]) <= 5000
