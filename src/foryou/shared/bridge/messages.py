"""The message set between the zones (version 1). Every message has an id (applying it twice changes
nothing), a kind and a body of plain JSON. No message carries a name, address, birth date or tax datum
in the clear: applications cross only as sealed ciphertext.

console → gateway (pushed):  number.issued, number.voided, registration.stopped, send.order,
                             send.recipients
gateway → console (pulled):  application.sealed, registration.activated, consent.changed,
                             registration.ended, activation.locked, delivery.progress
"""

import json
import uuid

VERSION = 1

NUMBER_ISSUED = "number.issued"  # {number, expires_at}
NUMBER_VOIDED = "number.voided"  # {number, reason}
REGISTRATION_STOPPED = "registration.stopped"  # {number, ending}: moved out, died, stopped by staff
APPLICATION_SEALED = "application.sealed"  # {ref, ciphertext (base64), received_at}
REGISTRATION_ACTIVATED = "registration.activated"  # {number, channel, has_email, at}
CONSENT_CHANGED = "consent.changed"  # {number, given, terms, at}
REGISTRATION_ENDED = "registration.ended"  # {number, ending, at}
ACTIVATION_LOCKED = "activation.locked"  # {by: line|email|ip, failures, at}: no identifier crosses
# A send order: the notice's public text and how many recipients follow in numbered chunks.
SEND_ORDER = "send.order"  # {order_id, notice_ref, kind, content, urgent, tracked, total, chunks}
SEND_RECIPIENTS = "send.recipients"  # {order_id, index, numbers}
# Counts by status and reason (a snapshot: the newest `at` wins), and whether every delivery is final.
DELIVERY_PROGRESS = "delivery.progress"  # {order_id, counts, reasons, not_deliverable, clicks, finished, at}

PUSHED = {NUMBER_ISSUED, NUMBER_VOIDED, REGISTRATION_STOPPED, SEND_ORDER, SEND_RECIPIENTS}
PULLED = {APPLICATION_SEALED, REGISTRATION_ACTIVATED, CONSENT_CHANGED, REGISTRATION_ENDED, ACTIVATION_LOCKED,
          DELIVERY_PROGRESS}

REQUIRED = {
    NUMBER_ISSUED: {"number", "expires_at"},
    NUMBER_VOIDED: {"number", "reason"},
    REGISTRATION_STOPPED: {"number", "ending"},
    APPLICATION_SEALED: {"ref", "ciphertext", "received_at"},
    REGISTRATION_ACTIVATED: {"number", "channel", "at"},
    CONSENT_CHANGED: {"number", "given", "terms", "at"},
    REGISTRATION_ENDED: {"number", "ending", "at"},
    ACTIVATION_LOCKED: {"by", "failures", "at"},
    SEND_ORDER: {"order_id", "notice_ref", "kind", "content", "urgent", "tracked", "total", "chunks"},
    SEND_RECIPIENTS: {"order_id", "index", "numbers"},
    DELIVERY_PROGRESS: {"order_id", "counts", "reasons", "finished", "at"},
}


class BadMessage(ValueError):
    pass


def check(message: dict, allowed: set[str]) -> tuple[uuid.UUID, str, dict]:
    """The id, kind and body of a well-formed message of an allowed kind; BadMessage otherwise."""
    if not isinstance(message, dict):
        raise BadMessage("a message must be an object")
    kind, body = message.get("kind"), message.get("body")
    if kind not in allowed:
        raise BadMessage(f"unknown message kind {kind!r}")
    try:
        message_id = uuid.UUID(str(message.get("id")))
    except ValueError:
        raise BadMessage("message id must be a UUID")
    if not isinstance(body, dict) or not REQUIRED[kind] <= set(body):
        raise BadMessage(f"{kind} needs {', '.join(sorted(REQUIRED[kind]))}")
    return message_id, kind, body


def envelope(**fields) -> bytes:
    return json.dumps({"v": VERSION, **fields}, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()


def open_envelope(raw: bytes) -> dict:
    try:
        data = json.loads(raw)
    except ValueError:
        raise BadMessage("body is not JSON")
    if not isinstance(data, dict) or data.get("v") != VERSION:
        raise BadMessage(f"unsupported bridge version {data.get('v') if isinstance(data, dict) else None!r}")
    return data
