"""What we keep of a LINE webhook event: only what handling needs, read from the event's JSON with plain
dict access (no SDK model), so an event in any shape LINE has ever sent is either handled or ignored.

Residents type names, addresses and birth dates into the chat: a text message is never stored. It is
reduced here, before anything is written, to the keyword it means (stop, resume, consent, number) or to
the normalised registration number it looks like, or to nothing (answered with the help). Postback data
is reduced to the keys our own buttons send. A digest has these keys, each only when present:

    user         the LINE user ID, only for one-to-one chats (groups and rooms are ignored)
    reply_token  the reply token
    message      {"type": message type, "keyword": …} or {"type": "text", "number": digits}
                 or {"type": "text", "test_code": six digits} (「テスト 123456」, foryou.gateway.test_devices)
    postback     {"action": …, "confirm": …, "value": …}
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from urllib.parse import parse_qs

from django.conf import settings
from django.utils import translation

from foryou.shared import numbers
from foryou.gateway import test_devices
from foryou.gateway.line import words

NUMBER_LENGTHS = range(12, 21)  # digit strings this long are taken as attempts at a registration number
POSTBACK_KEYS = ("action", "confirm", "value")
KEYWORDS = (("stop", words.STOP_WORDS, words.STOP), ("resume", words.RESUME_WORDS, words.RESUME),
            ("consent", words.CONSENT_WORDS, words.CONSENT), ("enter_number", words.NUMBER_WORDS, words.ENTER_NUMBER),
            ("settings", words.SETTINGS_WORDS, words.SETTINGS), ("language", words.LANGUAGE_WORDS, words.LANGUAGE))


def event_id(event: dict) -> str:
    """LINE's webhookEventId; an event without one gets a stable id from its content (the delivery
    context left out, so a redelivery has the same id)."""
    given = event.get("webhookEventId")
    if isinstance(given, str) and given:
        return given[:64]
    content = {key: value for key, value in event.items() if key != "deliveryContext"}
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=True, separators=(",", ":"), default=str)
    return "sha256:" + hashlib.sha256(canonical.encode()).hexdigest()[:57]


def kind(event: dict) -> str:
    value = event.get("type")
    return value[:32] if isinstance(value, str) else ""


def digest(event: dict) -> dict:
    """The part of one event that handling needs; never free text."""
    kept: dict = {}
    source = event.get("source")
    if isinstance(source, dict) and source.get("type") == "user" and _text(source.get("userId")):
        kept["user"] = source["userId"][:64]
    if _text(event.get("replyToken")):
        kept["reply_token"] = event["replyToken"][:256]
    message = event.get("message")
    if isinstance(message, dict):
        kept["message"] = _message(message)
    postback = event.get("postback")
    if isinstance(postback, dict):
        data = postback.get("data") if _text(postback.get("data")) else ""
        pairs = {key: values[-1] for key, values in parse_qs(data[:300]).items() if key in POSTBACK_KEYS}
        kept["postback"] = {key: value[:32] for key, value in pairs.items()}
    return kept


def _message(message: dict) -> dict:
    kind_ = message.get("type") if _text(message.get("type")) else ""
    kept = {"type": kind_[:32]}
    if kind_ != "text" or not _text(message.get("text")):
        return kept
    text = message["text"]
    keyword = _keyword(text)
    if keyword:
        kept["keyword"] = keyword
    elif (number := typed_number(text)) is not None:
        kept["number"] = number
    elif (code := test_devices.typed_code(text)) is not None:  # a staff member linking a test device
        kept["test_code"] = code
    return kept


def _keyword(text: str) -> str | None:
    """The keyword a text means: a keyword of words.py, or a label of the menu or of a button in any
    offered language (a resident tapping an English button sends its English label)."""
    if len(text) > 60:
        return None
    for code in dict.fromkeys([settings.LANGUAGE_CODE, *settings.RESIDENT_LANGUAGES]):
        with translation.override(code):
            keyword = next((name for name, keywords, label in KEYWORDS if words.means(text, keywords, label)), None)
        if keyword:
            return keyword
    return None


def typed_number(text: str) -> str | None:
    """The digits of a text that looks like an attempt at a registration number, else None."""
    digits = numbers.normalize(unicodedata.normalize("NFKC", text[:200]).strip())
    return digits if digits.isascii() and digits.isdigit() and len(digits) in NUMBER_LENGTHS else None


def _text(value) -> bool:
    return isinstance(value, str) and bool(value)
