"""A notice as LINE shows it: a Flex bubble (coloured header with the service name, the program name as
title, the body, a contact box with a tel: button, up to four link buttons) and a plain-text rendering
for the text-message fallback and email. Everything is checked at compose time against LINE's limits
(lineemu/limits.py states the same ones, used in tests to prove LINE would accept what we render):

    text ≤ 5,000 and altText ≤ 1,500 characters, counted in UTF-16 code units as LINE counts them;
    a bubble ≤ 30,000 bytes of compact UTF-8 JSON; action URIs ≤ 1,000 characters, http/https/tel;
    action labels ≤ 20 characters (LINE's documented label limit; counted per user-perceived character,
    as LINE counts action labels); at most 5 messages per request.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

MAX_TEXT = 5000
MAX_ALT_TEXT = 1500
MAX_BUBBLE_BYTES = 30_000
MAX_URI = 1000
MAX_LABEL = 20
MAX_LINKS = 4
MAX_MESSAGES = 5
URI_SCHEMES = ("http", "https", "tel")
HEADER_COLOR = "#1B6AA5"
MUTED = "#666666"
ELLIPSIS = "…"


@dataclass(frozen=True)
class NoticeContent:
    service_name: str
    program_name: str
    title: str
    body: str
    contact_department: str = ""
    contact_phone: str = ""
    contact_hours: str = ""
    links: list[tuple[str, str]] = field(default_factory=list)  # (label, url)
    # The program's form (制度の申請), when residents may apply online: the 「申請する」 button, first in the
    # footer. Set by the gateway per channel (LINE: the program's LIFF page; email: the recipient's own link).
    apply_url: str = ""
    # The language the notice is written in (foryou.shared.languages): the fixed labels around it (「お問い合わせ」,
    # 「申請する」) are rendered in it. "": the active language (Japanese in both zones by default).
    language: str = ""


def _written_in(notice: NoticeContent):
    from contextlib import nullcontext

    from django.utils import translation

    return translation.override(notice.language) if notice.language else nullcontext()


@dataclass(frozen=True)
class Problem:
    path: str  # the NoticeContent field (links[2].url) or the LINE property (altText, bubble)
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class ComposeError(ValueError):
    """Every problem found, each naming the field it is about."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("; ".join(str(p) for p in self.problems))


@dataclass(frozen=True)
class Composed:
    flex: dict  # a Flex message object (type, altText, contents)
    text: str  # the plain-text rendering

    @property
    def text_message(self) -> dict:
        return {"type": "text", "text": self.text}


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def label_len(text: str) -> int:
    """User-perceived characters, approximately (no grapheme library): combining marks, variation
    selectors, emoji modifiers and ZWJ-joined parts do not start a new character."""
    count, joined, regional = 0, False, 0
    for ch in text:
        code = ord(ch)
        if unicodedata.combining(ch) or 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF \
                or 0x1F3FB <= code <= 0x1F3FF or joined:
            joined = False
            continue
        if code == 0x200D:
            joined = True
            continue
        if 0x1F1E6 <= code <= 0x1F1FF:  # flags are pairs of regional indicators
            regional += 1
            if regional % 2 == 0:
                continue
        count += 1
    return count


def truncate_utf16(text: str, limit: int) -> str:
    """Text cut to `limit` UTF-16 code units, ending in "…" when cut (never splitting a surrogate pair)."""
    if utf16_len(text) <= limit:
        return text
    out, used = [], 0
    for ch in text:
        size = 2 if ord(ch) > 0xFFFF else 1
        if used + size > limit - 1:
            break
        out.append(ch)
        used += size
    return "".join(out).rstrip() + ELLIPSIS


def tel_uri(phone: str) -> str:
    return "tel:" + re.sub(r"[^\d+]", "", phone)


# Checks ----------------------------------------------------------------------------------------------

def check_uri(uri: str, path: str) -> list[Problem]:
    if not uri:
        return [Problem(path, _("is empty"))]
    if utf16_len(uri) > MAX_URI:
        return [Problem(path, _("is %(n)d characters long; LINE allows %(max)d") % {"n": utf16_len(uri), "max": MAX_URI})]
    scheme, sep, rest = uri.partition(":")
    if not sep or scheme.lower() not in URI_SCHEMES:
        return [Problem(path, _("must start with http://, https:// or tel:"))]
    if any(c.isspace() for c in uri) or (scheme.lower() != "tel" and not re.match(r"^//[^/?#\s]+", rest)) \
            or (scheme.lower() == "tel" and not re.fullmatch(r"\+?\d{3,}", rest)):
        return [Problem(path, _("is not a valid address"))]
    return []


def check_label(label: str, path: str) -> list[Problem]:
    if not label.strip():
        return [Problem(path, _("is empty"))]
    if label_len(label) > MAX_LABEL:
        return [Problem(path, _("is %(n)d characters long; a LINE button label allows %(max)d")
                        % {"n": label_len(label), "max": MAX_LABEL})]
    return []


def check_text(value: str, path: str, required: bool = True, limit: int = MAX_TEXT) -> list[Problem]:
    if required and not value.strip():
        return [Problem(path, _("is required"))]
    if utf16_len(value) > limit:
        return [Problem(path, _("is %(n)d characters long; LINE allows %(max)d") % {"n": utf16_len(value), "max": limit})]
    return []


def check_notice(notice: NoticeContent) -> list[Problem]:
    problems = check_text(notice.service_name, "service_name") + check_text(notice.program_name, "program_name")
    problems += check_text(notice.title, "title", required=False) + check_text(notice.body, "body")
    problems += check_text(notice.contact_department, "contact_department", required=False)
    problems += check_text(notice.contact_hours, "contact_hours", required=False)
    if notice.contact_phone:
        problems += (check_label(notice.contact_phone, "contact_phone")
                     or check_uri(tel_uri(notice.contact_phone), "contact_phone"))
    if len(notice.links) > MAX_LINKS:
        problems.append(Problem("links", _("has %(n)d links; a notice shows at most %(max)d")
                                % {"n": len(notice.links), "max": MAX_LINKS}))
    for i, (label, url) in enumerate(notice.links):
        problems += check_label(label, f"links[{i}].label") + check_uri(url, f"links[{i}].url")
    if notice.apply_url:
        problems += check_uri(notice.apply_url, "apply_url")
    return problems


def check_messages(messages: list[dict]) -> list[Problem]:
    """The limits of a request's messages: count, text, altText and bubble size."""
    problems = []
    if not 1 <= len(messages) <= MAX_MESSAGES:
        problems.append(Problem("messages", _("a request has 1 to %(max)d messages, not %(n)d")
                                % {"max": MAX_MESSAGES, "n": len(messages)}))
    for i, message in enumerate(messages):
        if message.get("type") == "text":
            problems += check_text(message.get("text", ""), f"messages[{i}].text")
        elif message.get("type") == "flex":
            problems += check_text(message.get("altText", ""), f"messages[{i}].altText", limit=MAX_ALT_TEXT)
            size = json_size(message.get("contents"))
            if size > MAX_BUBBLE_BYTES:
                problems.append(Problem(f"messages[{i}].contents", _("the bubble is %(n)d bytes; LINE allows %(max)d")
                                        % {"n": size, "max": MAX_BUBBLE_BYTES}))
    return problems


def json_size(value) -> int:
    return len(json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


# Rendering ------------------------------------------------------------------------------------------

def compose(notice: NoticeContent) -> Composed:
    """Check the notice, render both forms, check them against LINE's limits; raise ComposeError."""
    problems = check_notice(notice)
    if problems:
        raise ComposeError(problems)
    composed = Composed(flex_message(notice), plain_text(notice))  # each in the notice's own language
    problems = check_text(composed.flex["altText"], "altText", limit=MAX_ALT_TEXT)
    size = json_size(composed.flex["contents"])
    if size > MAX_BUBBLE_BYTES:
        problems.append(Problem("bubble", _("is %(n)d bytes; LINE allows %(max)d; shorten body")
                                % {"n": size, "max": MAX_BUBBLE_BYTES}))
    problems += [Problem("text", _("the plain-text rendering is %(n)d characters long; LINE allows %(max)d; "
                                   "shorten body") % {"n": utf16_len(composed.text), "max": MAX_TEXT})
                 for _p in check_text(composed.text, "text")]
    if problems:
        raise ComposeError(problems)
    return composed


def alt_text(notice: NoticeContent) -> str:
    """What notifications and the chat list show: always starts with the program name."""
    parts = [notice.program_name.strip(), notice.title.strip(), " ".join(notice.body.split())]
    return truncate_utf16("\n".join(p for p in parts if p), MAX_ALT_TEXT)


def _text(text: str, **style) -> dict:
    return {"type": "text", "text": text, "wrap": True, **style}


def _contact(notice: NoticeContent) -> dict | None:
    contents = [_text(line, size="sm") for line in (notice.contact_department,) if line.strip()]
    if notice.contact_hours.strip():
        contents.append(_text(notice.contact_hours, size="xs", color=MUTED))
    if notice.contact_phone.strip():
        contents.append({"type": "button", "style": "secondary", "height": "sm", "margin": "sm",
                         "action": {"type": "uri", "label": notice.contact_phone.strip(),
                                    "uri": tel_uri(notice.contact_phone)}})
    if not contents:
        return None
    heading = _text(_("Contact"), size="xs", color=MUTED, weight="bold")
    return {"type": "box", "layout": "vertical", "spacing": "xs", "paddingAll": "md", "cornerRadius": "md",
            "backgroundColor": "#F3F5F7", "contents": [heading, *contents]}


def bubble(notice: NoticeContent) -> dict:
    body = [_text(notice.program_name, weight="bold", size="xl")]
    if notice.title.strip():
        body.append(_text(notice.title, weight="bold", size="md"))
    body += [{"type": "separator", "margin": "md"}, _text(notice.body, size="sm", margin="md")]
    contact = _contact(notice)
    if contact:
        body.append({**contact, "margin": "lg"})
    result = {
        "type": "bubble",
        "header": {"type": "box", "layout": "vertical", "backgroundColor": HEADER_COLOR, "paddingAll": "md",
                   "contents": [_text(notice.service_name, size="xs", color="#FFFFFF", weight="bold")]},
        "body": {"type": "box", "layout": "vertical", "spacing": "sm", "contents": body},
    }
    buttons = [(label.strip(), url) for label, url in notice.links[:MAX_LINKS]]
    if notice.apply_url:
        buttons.insert(0, (apply_label(), notice.apply_url))
    if buttons:
        result["footer"] = {"type": "box", "layout": "vertical", "spacing": "sm", "contents": [
            {"type": "button", "style": "primary" if i == 0 else "link", "height": "sm",
             "action": {"type": "uri", "label": label, "uri": url}}
            for i, (label, url) in enumerate(buttons)]}
    return result


def apply_label() -> str:
    return _("Apply now")


def flex_message(notice: NoticeContent) -> dict:
    with _written_in(notice):
        return {"type": "flex", "altText": alt_text(notice), "contents": bubble(notice)}


def plain_text(notice: NoticeContent) -> str:
    with _written_in(notice):
        return _plain_text(notice)


def _plain_text(notice: NoticeContent) -> str:
    lines = [f"【{notice.service_name}】", notice.program_name]
    if notice.title.strip():
        lines.append(notice.title)
    lines += ["", notice.body]
    contact = [x for x in (notice.contact_department, notice.contact_phone and
                           _("Phone: %(phone)s") % {"phone": notice.contact_phone}, notice.contact_hours) if x]
    if contact:
        lines += ["", "■ " + _("Contact"), *contact]
    if notice.apply_url:
        lines += ["", "■ " + apply_label(), notice.apply_url]
    if notice.links:
        lines += ["", "■ " + _("Links"), *(f"{label}: {url}" for label, url in notice.links)]
    return "\n".join(lines)
