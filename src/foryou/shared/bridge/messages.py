"""The message set between the zones (version 1). Every message has an id (applying it twice changes
nothing), a kind and a body of plain JSON. No message carries a name, address, birth date or tax datum
in the clear: applications cross only as sealed ciphertext.

console → gateway (pushed):  number.issued, number.voided, registration.stopped, send.order,
                             send.recipients, application.rejected, test_device.code, test_device.removed
gateway → console (pulled):  application.sealed, registration.activated, consent.changed,
                             registration.ended, registration.paused, activation.locked, delivery.progress,
                             retention.purged, test_device.linked, registration.preferences

Each kind has a body type below (a frozen dataclass): producers build one and send `to_dict()`,
consumers get one from `check()` (or `parse_body()`) and read attributes. The zones upgrade at different
times, so a reader of this version must understand a writer of the previous and the next one:

- unknown keys (in the envelope, a message or a body) are ignored;
- a field added later is optional, with a default that means what its absence meant before;
- a required field that is missing is refused with BadMessage naming the kind and the fields.

Only a change that breaks this (removing or retyping a required field) needs a new VERSION. Bodies keep
the JSON keys and types of version 1 as it was first shipped: `to_dict()` writes exactly those.
"""

import json
import uuid

from foryou.shared.bridge.bodies import *  # noqa: F403 — messages.XBody, as every caller names them
from foryou.shared.bridge.bodies import BODIES, Body
from foryou.shared.bridge.kinds import *  # noqa: F403 — messages.SEND_ORDER, messages.REQUIRED, …
from foryou.shared.bridge.kinds import VERSION, BadMessage, UnknownKind


def parse_body(kind: str, body) -> Body:
    """The typed body of a message of this kind (a body that is already typed is returned as it is)."""
    cls = BODIES.get(kind)
    if cls is None:
        raise BadMessage(f"unknown message kind {kind!r}")
    return body if isinstance(body, cls) else cls.from_dict(body)


def check(message: dict, allowed: set[str]) -> tuple[uuid.UUID, str, Body]:
    """The id, kind and typed body of a well-formed message of an allowed kind; BadMessage otherwise."""
    if not isinstance(message, dict):
        raise BadMessage("a message must be an object")
    kind, body = message.get("kind"), message.get("body")
    if kind not in BODIES:
        raise UnknownKind(f"unknown message kind {kind!r}")
    if kind not in allowed:
        raise BadMessage(f"a {kind} message does not travel this way")
    try:
        message_id = uuid.UUID(str(message.get("id")))
    except ValueError:
        raise BadMessage("message id must be a UUID")
    return message_id, kind, parse_body(kind, body)


def envelope(**fields) -> bytes:
    return json.dumps({"v": VERSION, **fields}, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()


def envelope_of_stored(stored: list[tuple[str, str, str]]) -> bytes:
    """The envelope of pushed messages {"messages": [{"body", "id", "kind"}], "v"}, from (id, kind, body)
    where each body is JSON text as the database keeps it: spliced in, not decoded and encoded again (a
    send's chunks carry a million numbers). The gateway parses it like any envelope."""
    items = ",".join(f'{{"body":{body},"id":{json.dumps(message_id)},"kind":{json.dumps(kind)}}}'
                     for message_id, kind, body in stored)
    return f'{{"messages":[{items}],"v":{json.dumps(VERSION)}}}'.encode()


def open_envelope(raw: bytes) -> dict:
    try:
        data = json.loads(raw)
    except ValueError:
        raise BadMessage("body is not JSON")
    if not isinstance(data, dict) or data.get("v") != VERSION:
        raise BadMessage(f"unsupported bridge version {data.get('v') if isinstance(data, dict) else None!r}")
    return data
