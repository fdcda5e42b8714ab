"""The documented limits LINE enforces that its OpenAPI schema does not state: text lengths, recipients,
action URIs, image URLs, carousel and bubble sizes. Runs after the schema and is defensive about types,
because a body that failed the schema may still be walked here to report every error at once.

Lengths are counted in UTF-16 code units, as LINE counts characters ("Character counting in a text"):
an emoji outside the BMP counts as two."""

from __future__ import annotations

import json
import re

from foryou.dev.lineemu import schema
from foryou.dev.lineemu.schema import ValidationFailure

_SPACE = re.compile(r"\s")
USER_ID = re.compile(r"^U[0-9a-f]{32}$")
PUSH_TARGET = re.compile(r"^[UCR][0-9a-f]{32}$")  # user, group chat or multi-person chat
ACTION_URI_SCHEMES = ("http", "https", "tel", "line")
MAX_TEXT = 5000
MAX_ALT_TEXT = 1500
MAX_TEMPLATE_ALT_TEXT = 400
MAX_ACTION_URI = 1000
MAX_IMAGE_URL = 2000
MAX_CAROUSEL_BUBBLES = 12
# LINE documents "30 KB" per bubble and "50 KB" per carousel without saying which kilobyte; the
# decimal reading (30,000 bytes of compact UTF-8 JSON) is the stricter one, so a message that passes
# here passes on LINE under either reading.
MAX_BUBBLE_BYTES = 30_000
MAX_CAROUSEL_BYTES = 50_000

REQUEST_SCHEMAS = {
    "push": "PushMessageRequest",
    "multicast": "MulticastRequest",
    "broadcast": "BroadcastRequest",
    "reply": "ReplyMessageRequest",
    "validate": "ValidateMessageRequest",
}


_PLACEHOLDER_ID = "U" + "0" * 32
_cache: dict[bytes, ValidationFailure | None] = {}
_CACHE_SIZE = 4096


_ANY_ID = re.compile(rb"[UCR][0-9a-f]{32}")
# An action's "uri" whose value has no JSON escapes (a raw NUL never occurs in JSON text, so the mask
# cannot collide with a real body).
_ACTION_URI = re.compile(rb'"uri"\s*:\s*"([^"\\]{0,1000})"')
# A plain http(s) link: it passes every check LINE makes of an action URI (the schema's `format: uri`,
# check_uri's scheme, host and whitespace rules) whatever its characters, so only its length matters.
_PLAIN_LINK = re.compile(rb"https?://[A-Za-z0-9.-]+(?::[0-9]{1,5})?(?:[/?#][A-Za-z0-9._~!$&'()*+,;=:@%/?#-]*)?")


def _mask_link(match: re.Match) -> bytes:
    value = match[1]
    return b'"uri":"\0%d"' % len(value) if _PLAIN_LINK.fullmatch(value) else match[0]


def validation_key(kind: str, raw: bytes) -> bytes:
    """What a request's verdict depends on: the raw body with every ID masked, and every plain http(s)
    action link masked down to its length (which counts towards the text and bubble size limits)."""
    # Links first: an ID inside a link must not shorten the length its mask keeps.
    return kind.encode() + _ANY_ID.sub(b"U", _ACTION_URI.sub(_mask_link, raw))


def validate_request(kind: str, body, raw: bytes | None = None) -> ValidationFailure | None:
    """Validate a request body. The verdict on everything but the recipients is cached per distinct
    content: a campaign pushes the same notice to thousands of residents, and only `to` differs — or,
    with tracked links, `to` and each button's signed link (decision 0100). The key is the raw body with
    those masked (cheaper than serialising the parsed body again)."""
    if not isinstance(body, dict):
        return ValidationFailure("The request body could not be parsed as JSON (line: -, column: -)")
    to = body.get("to")
    general = dict(body)
    if isinstance(to, str):
        general["to"] = _PLACEHOLDER_ID
    elif isinstance(to, list):
        general["to"] = [_PLACEHOLDER_ID] * len(to)
    if raw is not None:
        key = validation_key(kind, raw)
    else:
        try:
            key = (kind + json.dumps(general, ensure_ascii=False, separators=(",", ":"))).encode()
        except (TypeError, ValueError):
            return _validate(kind, general)
    try:
        failure = _cache[key]
    except KeyError:
        if len(_cache) >= _CACHE_SIZE:
            _cache.clear()
        failure = _cache[key] = _validate(kind, general)
    if failure and not failure.details:
        return failure
    recipients = check_recipients(kind, to)
    if recipients is None or not recipients.details:
        return recipients or failure
    details = recipients.details + (failure.details if failure else [])
    return ValidationFailure(schema.errors_message(len(details)), details)


def check_recipients(kind: str, to) -> ValidationFailure | None:
    """The recipients' formats: the part of a request the cached verdict leaves out."""
    if kind == "push" and isinstance(to, str):
        if not to:
            return ValidationFailure(schema.errors_message(1), [detail("to", "May not be empty")])
        if not PUSH_TARGET.match(to):
            return schema.invalid_property("to")
    if kind == "multicast" and isinstance(to, list):
        for i, user_id in enumerate(to):
            if not isinstance(user_id, str) or not USER_ID.match(user_id):
                return schema.invalid_property(f"to[{i}]")
    return None


def _validate(kind: str, body: dict) -> ValidationFailure | None:
    """Schema first, then the limits; constraint errors from both are reported together as LINE does."""
    failure = schema.validate(REQUEST_SCHEMAS[kind], body)
    if failure and not failure.details:
        return failure  # structural: LINE stops at the first property it cannot read
    details = list(failure.details) if failure else []
    messages = body.get("messages")
    if isinstance(messages, list):
        for i, message in enumerate(messages):
            if isinstance(message, dict):
                details.extend(check_message(message, f"messages[{i}]"))
    details = _unique(details)
    return ValidationFailure(schema.errors_message(len(details)), details) if details else None


def _unique(details: list[dict]) -> list[dict]:
    seen, out = set(), []
    for item in details:
        if item["property"] not in seen:
            seen.add(item["property"])
            out.append(item)
    return out


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def detail(prop: str, message: str) -> dict:
    return {"message": message, "property": prop}


def check_text(value, prop: str, maximum: int, required: bool = True) -> list[dict]:
    if value is None:
        return [detail(prop, "must be specified")] if required else []
    if not isinstance(value, str):
        return []  # the schema reports wrong types
    if required and not value:
        return [detail(prop, "May not be empty")]
    if utf16_len(value) > maximum:
        return [detail(prop, f"Length must be between 0 and {maximum}")]
    return []


def check_message(message: dict, prop: str) -> list[dict]:
    kind = message.get("type")
    errors: list[dict] = []
    if kind in ("text", "textV2"):
        errors += check_text(message.get("text"), f"{prop}.text", MAX_TEXT)
    elif kind == "flex":
        errors += check_text(message.get("altText"), f"{prop}.altText", MAX_ALT_TEXT)
        errors += check_flex_container(message.get("contents"), f"{prop}.contents")
    elif kind in ("template", "imagemap"):
        errors += check_text(message.get("altText"), f"{prop}.altText", MAX_TEMPLATE_ALT_TEXT)
        errors += walk_actions(message.get("template"), f"{prop}.template")
        for i, action in enumerate(_list(message.get("actions"))):
            if isinstance(action, dict) and action.get("type") == "uri":
                errors += check_uri(action.get("linkUri"), f"{prop}.actions[{i}].linkUri")
    elif kind in ("image", "video", "audio"):
        for key in ("originalContentUrl", "previewImageUrl"):
            if key in message:
                errors += check_image_url(message[key], f"{prop}.{key}")
    quick_reply = message.get("quickReply")
    if isinstance(quick_reply, dict):
        for i, item in enumerate(_list(quick_reply.get("items"))):
            if isinstance(item, dict):
                errors += check_action(item.get("action"), f"{prop}.quickReply.items[{i}].action", required=True)
    return errors


def check_flex_container(container, prop: str) -> list[dict]:
    if not isinstance(container, dict):
        return []
    if container.get("type") == "bubble":
        return check_bubble(container, prop)
    if container.get("type") == "carousel":
        bubbles = container.get("contents")
        if not isinstance(bubbles, list):
            return []
        errors = []
        if not 1 <= len(bubbles) <= MAX_CAROUSEL_BUBBLES:
            errors.append(detail(f"{prop}.contents", f"Size must be between 1 and {MAX_CAROUSEL_BUBBLES}"))
        elif json_size(container) > MAX_CAROUSEL_BYTES:
            errors.append(detail(prop, f"Size must be at most {MAX_CAROUSEL_BYTES} bytes"))
        for i, bubble in enumerate(bubbles):
            if isinstance(bubble, dict):
                errors += check_bubble(bubble, f"{prop}.contents[{i}]")
        return errors
    return []


def json_size(value) -> int:
    return len(json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


def check_bubble(bubble: dict, prop: str) -> list[dict]:
    errors = []
    if json_size(bubble) > MAX_BUBBLE_BYTES:
        errors.append(detail(prop, f"Size must be at most {MAX_BUBBLE_BYTES} bytes"))
    if "action" in bubble:
        errors += check_action(bubble["action"], f"{prop}.action")
    for block in ("header", "hero", "body", "footer"):
        if isinstance(bubble.get(block), dict):
            errors += check_component(bubble[block], f"{prop}.{block}")
    return errors


def check_component(component: dict, prop: str) -> list[dict]:
    kind = component.get("type")
    errors = []
    if "action" in component:
        errors += check_action(component["action"], f"{prop}.action", required=kind == "button")
    if kind == "box":
        for i, child in enumerate(_list(component.get("contents"))):
            if isinstance(child, dict):
                errors += check_component(child, f"{prop}.contents[{i}]")
    elif kind == "text" and not component.get("contents"):
        errors += check_text(component.get("text"), f"{prop}.text", MAX_TEXT)
    elif kind in ("image", "icon"):
        errors += check_image_url(component.get("url"), f"{prop}.url")
    elif kind == "video":
        errors += check_image_url(component.get("previewUrl"), f"{prop}.previewUrl")
        if isinstance(component.get("altContent"), dict):
            errors += check_component(component["altContent"], f"{prop}.altContent")
    return errors


def walk_actions(template, prop: str) -> list[dict]:
    """Template messages: every action and defaultAction, in the template and its columns."""
    if not isinstance(template, dict):
        return []
    errors = []
    if "defaultAction" in template:
        errors += check_action(template["defaultAction"], f"{prop}.defaultAction")
    if "action" in template:
        errors += check_action(template["action"], f"{prop}.action")
    for i, action in enumerate(_list(template.get("actions"))):
        errors += check_action(action, f"{prop}.actions[{i}]", required=True)
    for i, column in enumerate(_list(template.get("columns"))):
        errors += walk_actions(column, f"{prop}.columns[{i}]")
    return errors


def check_action(action, prop: str, required: bool = False) -> list[dict]:
    if action is None:
        return [detail(prop, "must be specified")] if required else []
    if not isinstance(action, dict):
        return []
    kind = action.get("type")
    if kind == "uri":
        errors = check_uri(action.get("uri"), f"{prop}.uri")
        alt = action.get("altUri")
        if isinstance(alt, dict) and alt.get("desktop") is not None:
            errors += check_uri(alt["desktop"], f"{prop}.altUri.desktop")
        return errors
    if kind == "message":
        return check_text(action.get("text"), f"{prop}.text", 300)
    if kind in ("postback", "datetimepicker") and action.get("data") is None:
        return [detail(f"{prop}.data", "must be specified")]
    if kind == "datetimepicker" and action.get("mode") is None:
        return [detail(f"{prop}.mode", "must be specified")]
    return []


def check_uri(uri, prop: str) -> list[dict]:
    if uri is None:
        return [detail(prop, "must be specified")]
    if not isinstance(uri, str):
        return []
    if utf16_len(uri) > MAX_ACTION_URI:
        return [detail(prop, f"Length must be between 0 and {MAX_ACTION_URI}")]
    scheme, sep, rest = uri.partition(":")
    if not sep or scheme.lower() not in ACTION_URI_SCHEMES or not rest or _SPACE.search(uri):
        return [detail(prop, "Invalid action URI")]
    if scheme.lower() in ("http", "https") and not re.match(r"^//[^/?#\s]+", rest):
        return [detail(prop, "Invalid action URI")]
    return []


def check_image_url(url, prop: str) -> list[dict]:
    if url is None or not isinstance(url, str):
        return []
    if len(url) > MAX_IMAGE_URL:
        return [detail(prop, f"Length must be between 0 and {MAX_IMAGE_URL}")]
    if not url.lower().startswith("https://"):
        return [detail(prop, "Invalid URL: must be an HTTPS URL")]
    return []


def _list(value) -> list:
    return value if isinstance(value, list) else []
