"""What the account says in the chat (English source strings, Japanese through the catalog) and how
it says it: the reply API with the event's reply token; when the token has expired (the task ran late),
a push whose retry key is derived from the webhookEventId, so even that fallback is sent at most once.

Every reply that sends the resident somewhere carries a button that goes there (a buttons or confirm
template), and names the rich menu's areas with the words of foryou.gateway.line.words."""

from __future__ import annotations

import logging
import re
import uuid
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from linebot.v3.messaging import ApiClient, Configuration, MessagingApi, ReplyMessageRequest
from linebot.v3.messaging.exceptions import ApiException

from foryou.gateway.line import config, words
from foryou.shared import languages
from foryou.gateway.line.channel import LineChannel
from foryou.gateway.delivery.channel import Send

log = logging.getLogger(__name__)
FALLBACK_NAMESPACE = uuid.UUID("5d1c6f4e-2b8a-4f0e-9c3d-7a1e0b2f6c49")
MAX_ALT_TEXT = 400  # template messages
MAX_LABEL = 20  # action labels
MAX_QUICK_REPLIES = 13
# A template's own text: LINE refuses longer (a translation may be longer than the Japanese); reply()
# sends the whole text as a message of its own first, and the template with its first sentence.
MAX_TEMPLATE_TEXT = {"buttons": 160, "confirm": 240}


# Message objects (plain JSON as in LINE's API; the SDK's models check them before sending) -------

def text_message(text: str) -> dict:
    return {"type": "text", "text": text}


def uri_action(label, uri: str) -> dict:
    return {"type": "uri", "label": str(label)[:MAX_LABEL], "uri": uri}


def message_action(label, text=None) -> dict:
    """Tapping it sends `text` (the label by default) as the resident's own message."""
    return {"type": "message", "label": str(label)[:MAX_LABEL], "text": str(text if text is not None else label)}


def postback_action(label, data: str) -> dict:
    return {"type": "postback", "label": str(label)[:MAX_LABEL], "data": data, "displayText": str(label)}


def buttons(text: str, *actions: dict) -> dict:
    return {"type": "template", "altText": _alt_text(text, actions),
            "template": {"type": "buttons", "text": text, "actions": list(actions)}}


def confirm(text: str, yes: dict, no: dict) -> dict:
    return {"type": "template", "altText": _alt_text(text, (yes, no)),
            "template": {"type": "confirm", "text": text, "actions": [yes, no]}}


def _alt_text(text: str, actions) -> str:
    """What clients that cannot show templates (and notifications) show: the text and every link."""
    links = [f"{a['label']}: {a['uri']}" for a in actions if a["type"] == "uri"]
    return "\n".join([text, *links])[:MAX_ALT_TEXT]


def in_language(url: str) -> str:
    """A page link from a reply opens the page in the language of the reply (a LIFF URL passes its query
    on to the page); Japanese, the pages' default, needs nothing."""
    code = translation.get_language() or settings.LANGUAGE_CODE
    if code == settings.LANGUAGE_CODE or not languages.is_offered(code):
        return url
    parts = urlsplit(url)
    query = urlencode([*parse_qsl(parts.query), ("lang", code)])
    return urlunsplit(parts._replace(query=query))


def _apply_button() -> dict:
    return uri_action(words.APPLY, in_language(config.apply_url()))


def _consent_button(label=words.OPEN_CONSENT_PAGE) -> dict:
    return uri_action(label, in_language(config.consent_url()))


def _settings_button(label=words.OPEN_SETTINGS_PAGE) -> dict:
    return uri_action(label, config.settings_url())


# What the account says -----------------------------------------------------------------------------

def greeting() -> list[dict]:
    from foryou.gateway.mynumber import config as card

    if card.enabled():
        text = _(
            "Thank you for adding %(service)s.\n"
            "We tell registered residents which city programs they can use.\n\n"
            "The quickest way to register: tap \"%(apply)s\" in the menu below and choose \"%(card)s\". "
            "If the city finds you in the resident register, you are registered within minutes, with no postcard.\n\n"
            "Got a postcard from the city (an invitation, or the answer to your application)? Tap "
            "\"%(enter_number)s\" in the menu and send its 16-digit number in this chat "
            "(for example 1234-5678-9012-3456).\n\n"
            "No card? Send the application on the same page: a postcard with your number follows."
        ) % {"service": languages.service_name(), "apply": words.on_menu(words.APPLY), "card": _("Verify with My Number Card"),
             "enter_number": words.on_menu(words.ENTER_NUMBER)}
        return [text_message(text), buttons(_("Register with your My Number Card, or enter the number on your postcard."),
                                            _apply_button(), message_action(words.ENTER_NUMBER))]
    text = _(
        "Thank you for adding %(service)s.\n"
        "We tell registered residents which city programs they can use.\n\n"
        "To register:\n"
        "1. Tap \"%(apply)s\" in the menu below and send the application.\n"
        "2. After the city checks your application, a postcard with your 16-digit registration number "
        "is sent to your address.\n"
        "3. Tap \"%(enter_number)s\" in the menu and send that number in this chat "
        "(for example 1234-5678-9012-3456).\n\n"
        "If you already have the postcard, send the number now."
    ) % {"service": languages.service_name(), "apply": words.on_menu(words.APPLY),
         "enter_number": words.on_menu(words.ENTER_NUMBER)}
    return [text_message(text), _start_buttons()]


def _start_buttons() -> dict:
    return buttons(_("Apply first. When the postcard arrives, enter its number."),
                   _apply_button(), message_action(words.ENTER_NUMBER))


def help_messages() -> list[dict]:
    text = _(
        "This account sends notices about city programs you can use.\n"
        "- To register, tap \"%(apply)s\" in the menu. When the postcard arrives, tap \"%(enter_number)s\" "
        "and send the 16-digit number.\n"
        "- To agree to (or withdraw) the use of your tax information, tap \"%(consent)s\".\n"
        "- To stop the notices, send \"%(stop)s\". You stay registered: send \"%(resume)s\" to receive "
        "them again."
    ) % {"apply": words.on_menu(words.APPLY), "enter_number": words.on_menu(words.ENTER_NUMBER),
         "consent": words.on_menu(words.CONSENT), "stop": words.STOP, "resume": words.RESUME}
    text += "\n" + _("- To choose topics, how to receive notices, a break or your language, tap \"%(settings)s\" "
                     "or \"%(language)s\".") % {"settings": words.on_menu(words.SETTINGS), "language": words.LANGUAGE}
    return [text_message(text), buttons(_("What would you like to do?"), _apply_button(),
                                        message_action(words.ENTER_NUMBER), _consent_button(words.CONSENT))]


def number_instructions() -> list[dict]:
    text = _("Send the 16-digit registration number printed on your postcard in this chat "
             "(for example 1234-5678-9012-3456).")
    return [text_message(text), buttons(_("No postcard yet? Apply first: the city sends it after checking "
                                          "your application."), _apply_button())]


def apply_again() -> dict:
    return buttons(_("To get a new number, apply again."), _apply_button())


def consent_messages() -> list[dict]:
    return [buttons(_("Some programs depend on income. You can let the city use your tax information to "
                      "tell you about them, or withdraw that consent, on this page."), _consent_button())]


def consent_prompt() -> dict:
    """After activation: what consent to the use of tax data makes possible."""
    return buttons(_("With your consent the city can also tell you about programs that depend on income, "
                     "such as child support allowance (児童扶養手当) or fee reductions."), _consent_button())


def consent_changed_text(given: bool) -> str:
    if given:
        return _("Thank you. You agreed to the use of your tax information for notices.")
    return _("You withdrew your consent. Your tax information will not be used for notices.")


def stop_question() -> dict:
    return confirm(_("Stop receiving notices? You stay registered and can resume them at any time by "
                     "sending \"%(resume)s\".") % {"resume": words.RESUME},
                   postback_action(words.CONFIRM_STOP, "action=stop&confirm=yes"),
                   postback_action(words.CANCEL_STOP, "action=stop&confirm=no"))


def stopped() -> dict:
    return buttons(_("Notices have been stopped. You are still registered: to receive them again, send "
                     "\"%(resume)s\" or tap the button.") % {"resume": words.RESUME},
                   message_action(words.RESUME))


def already_stopped() -> dict:
    return buttons(_("Notices are stopped for this account. To receive them again, send \"%(resume)s\" or "
                     "tap the button.") % {"resume": words.RESUME}, message_action(words.RESUME))


def not_stopped_text() -> str:
    return _("Notices continue as before.")


def resumed_text() -> str:
    return _("Notices have been resumed. You will receive notices from %(service)s here again.") % {
        "service": languages.service_name()}


def not_paused_text() -> str:
    return _("You are receiving notices. To stop them, send \"%(stop)s\".") % {"stop": words.STOP}


def not_registered() -> list[dict]:
    return [text_message(_("This LINE account is not registered, so there are no notices to stop or "
                           "resume.")), _start_buttons()]


def needs_registration() -> list[dict]:
    return [text_message(_("Register first: send the 16-digit number from your postcard.")), _start_buttons()]


def settings_messages() -> list[dict]:
    """設定: what the settings page offers, with a button to it."""
    return [buttons(_("On the settings page you can choose the topics you want, how notices reach you, a "
                      "break from notices, and your language."), _settings_button())]


def language_choice(current: str) -> list[dict]:
    """言語: a quick-reply button per offered language (each in its own language), and the settings page."""
    items = [{"type": "action", "action": postback_action(name, f"action=language&value={code}")}
             for code, name in languages.offered()][:MAX_QUICK_REPLIES]
    message = buttons(_("Choose the language for messages from this account. Current language: %(name)s")
                      % {"name": languages.NAMES.get(current, languages.NAMES[languages.JAPANESE])},
                      _settings_button())
    return [{**message, "quickReply": {"items": items}}]


def language_changed(name: str) -> list[dict]:
    return [buttons(_("Messages from this account will now be in %(name)s. Notices are sent in this language "
                      "where the city has translated them; otherwise in Japanese.") % {"name": name},
                    _settings_button())]


def application_accepted(service: str, by: str) -> list[dict]:
    """The city accepted an application sent from the LINE app: the postcard is on its way (the steps of
    the greeting, in its words)."""
    return [text_message(_(
        "The city has checked your application to %(service)s and accepted it.\n"
        "A postcard with your 16-digit registration number is sent to your address; it should arrive by "
        "%(date)s.\n"
        "When it arrives, tap \"%(enter_number)s\" in the menu and send that number in this chat "
        "(for example 1234-5678-9012-3456)."
    ) % {"service": service, "date": by, "enter_number": words.on_menu(words.ENTER_NUMBER)})]


def application_rejected(lines: list[str]) -> list[dict]:
    """The city rejected an application sent from the LINE app: why, and whom to call (the email's words)."""
    return [text_message("\n".join(lines).strip())]


# Sending ----------------------------------------------------------------------------------------

def fitted(messages: list[dict]) -> list[dict]:
    """The messages with each template whose text is over LINE's limit split in two: the text as a message,
    then the template with its first sentence (cut to fit). Nothing is lost and LINE accepts every one."""
    out = []
    for message in messages:
        template = message.get("template") if message.get("type") == "template" else None
        limit = MAX_TEMPLATE_TEXT.get(template.get("type")) if template else None
        if limit and len(template.get("text", "")) > limit:
            text = template["text"]
            first = re.split(r"(?<=[.?!。？！])\s*", text, maxsplit=1)[0]
            short = first if len(first) <= limit else first[:limit - 1] + "…"
            out += [text_message(text), {**message, "template": {**template, "text": short}}]
        else:
            out.append(message)
    return out


def reply(event_id: str, user_id: str | None, reply_token: str | None, messages: list[str | dict]) -> bool:
    """Answer in the chat (texts or message objects, at most five); True when LINE accepted it."""
    messages = fitted([text_message(m) if isinstance(m, str) else m for m in messages])
    if reply_token:
        request = ReplyMessageRequest.from_dict({"replyToken": reply_token, "messages": messages})
        tokens = config.access_tokens()
        for token in tokens[:2]:  # the current token, then the next one once (rotation)
            try:
                _reply_once(token, request)
                return True
            except ApiException as error:
                if error.status == 401 and token != tokens[-1]:
                    continue
                if error.status == 400 and "reply token" in str(error.body or "").lower():
                    break  # expired or used: fall back to a push
                log.error("LINE reply for event %s failed: %s %s", event_id, error.status, error.body)
                return False
    if not user_id:
        return False
    send = Send(str(uuid.uuid5(FALLBACK_NAMESPACE, event_id)), (user_id,), tuple(messages))
    [result] = LineChannel.from_settings().send(send)
    if not result.ok:
        log.error("LINE push fallback for event %s: %s %s", event_id, result.code, result.detail)
    return result.ok


def _reply_once(token: str, request: ReplyMessageRequest) -> None:
    with ApiClient(Configuration(host=config.api_base(), access_token=token)) as client:
        MessagingApi(client).reply_message(request, _request_timeout=config.request_timeout())
