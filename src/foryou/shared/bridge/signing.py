"""Signed bridge requests and responses: HMAC-SHA256 over the timestamp and the raw body bytes.

Verified before anything is parsed; a message older (or newer) than MAX_SKEW seconds is refused, so a
captured request cannot be replayed later; message ids make a replay within the window harmless."""

import base64
import hashlib
import hmac
import time

MAX_SKEW = 300
SIGNATURE_HEADER = "X-Foryou-Signature"
TIMESTAMP_HEADER = "X-Foryou-Timestamp"


class BadSignature(Exception):
    pass


def sign(body: bytes, key: bytes, timestamp: int | None = None) -> dict[str, str]:
    ts = str(int(time.time()) if timestamp is None else timestamp)
    digest = hmac.new(key, ts.encode() + b"." + body, hashlib.sha256).digest()
    return {SIGNATURE_HEADER: base64.b64encode(digest).decode(), TIMESTAMP_HEADER: ts}


def verify(body: bytes, signature: str | None, timestamp: str | None, key: bytes, now: float | None = None) -> None:
    if not signature or not timestamp or not timestamp.isdigit():
        raise BadSignature("missing signature or timestamp")
    if abs((time.time() if now is None else now) - int(timestamp)) > MAX_SKEW:
        raise BadSignature("timestamp outside the allowed window")
    expected = hmac.new(key, timestamp.encode() + b"." + body, hashlib.sha256).digest()
    try:
        given = base64.b64decode(signature, validate=True)
    except ValueError:
        raise BadSignature("signature is not base64")
    if not hmac.compare_digest(expected, given):
        raise BadSignature("signature does not match")
