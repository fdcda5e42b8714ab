"""The console's side of the bridge: push what is pending, pull what happened in the gateway, apply
it, acknowledge it. The console starts every connection (the gateway never calls inward).

    foryou bridge sync      # also run periodically by the worker
"""

import logging
import urllib.error
import urllib.request
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import TextField
from django.db.models.functions import Cast
from django.utils import timezone

from foryou.shared.bridge import messages
from foryou.bridge import quarantine
from foryou.shared.bridge.keys import bridge_key
from foryou.bridge.models import PendingPush, PullCursor
from foryou.shared.bridge.signing import SIGNATURE_HEADER, TIMESTAMP_HEADER, sign, verify

log = logging.getLogger(__name__)
BATCH = 200
PUSH_BYTES = 2_000_000  # per request, under the gateway's DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB)


class BridgeError(Exception):
    pass


class HttpTransport:
    """POSTs to the gateway over HTTP(S)."""

    def __init__(self, base_url: str | None = None, timeout: float = 30):
        self.base_url = (base_url or settings.GATEWAY_URL).rstrip("/")
        self.timeout = timeout

    def post(self, path: str, body: bytes, headers: dict) -> tuple[int, bytes, dict]:
        request = urllib.request.Request(self.base_url + path, data=body, method="POST",
                                         headers=headers | {"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return response.status, response.read(), dict(response.headers)
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read(), dict(exc.headers)
        except (urllib.error.URLError, OSError) as exc:
            raise BridgeError(f"the gateway at {self.base_url} cannot be reached: {exc}. Check FORYOU_GATEWAY_URL "
                              "and that the gateway is running.") from None


@dataclass
class SyncResult:
    pushed: int = 0
    pulled: int = 0
    applied: int = 0
    collected: int = 0


def _call(transport, path: str, body: bytes | None = None, **fields) -> dict:
    body = messages.envelope(**fields) if body is None else body
    status, raw, headers = transport.post(path, body, sign(body, bridge_key()))
    if status != 200:
        raise BridgeError(f"gateway answered {status} to {path}: {raw[:200]!r}")
    lower = {k.lower(): v for k, v in headers.items()}
    verify(raw, lower.get(SIGNATURE_HEADER.lower()), lower.get(TIMESTAMP_HEADER.lower()), bridge_key())
    return messages.open_envelope(raw)


def push(transport) -> int:
    """The pending messages, oldest first, up to PUSH_BYTES a request. Their bodies are read as the JSON
    text the database keeps and sent as they are (a send's chunks: a million numbers never decoded here)."""
    pending, size = [], 0
    rows = PendingPush.objects.filter(pushed_at__isnull=True).annotate(text=Cast("body", TextField()))
    for pk, message_id, kind, text in rows.values_list("id", "message_id", "kind", "text")[:BATCH]:
        size += len(text.encode())
        if pending and size > PUSH_BYTES:
            break  # a send order's recipient chunks (about 100 KB each) go a few dozen at a time
        pending.append((pk, str(message_id), kind, text))
    if not pending:
        return 0
    _call(transport, "/bridge/v1/push", messages.envelope_of_stored([p[1:] for p in pending]))
    PendingPush.objects.filter(id__in=[p[0] for p in pending]).update(pushed_at=timezone.now())
    return len(pending)


def pull(transport) -> tuple[int, int]:
    """Apply the gateway's events in order, each in its own transaction with the cursor's move. An
    event that fails through its own fault is quarantined (foryou.bridge.quarantine) and the cursor
    moves on; a transient failure (the database unavailable) is raised with the cursor where it was."""
    cursor, _ = PullCursor.objects.get_or_create(pk=1)
    pulled = applied = 0
    while True:
        data = _call(transport, "/bridge/v1/pull", after=cursor.last_seq, limit=BATCH)
        events = data.get("events", [])
        if not events:
            break
        for event in events:
            seq = _seq(event)
            try:
                with transaction.atomic():
                    applied += quarantine.apply_one(event)
                    _advance(cursor, seq)
            except messages.UnknownKind as exc:
                # A newer gateway: skip it (the cursor moves on) instead of stopping every sync.
                log.warning("bridge: skipped gateway event %s: %s (upgrade the console)", seq, exc)
                _advance(cursor, seq)
            except quarantine.EVENT_FAULTS as exc:
                with transaction.atomic():
                    quarantine.set_aside(seq, event, exc)
                    _advance(cursor, seq)
        pulled += len(events)
        _call(transport, "/bridge/v1/ack", through=cursor.last_seq)
    return pulled, applied


def _seq(event) -> int:
    """The gateway's sequence number of an event (its own row id, not the event's content): without
    one nothing can be acknowledged, so the whole answer is refused."""
    try:
        return int(event["seq"])
    except (TypeError, KeyError, ValueError):
        raise BridgeError("the gateway sent an event without a sequence number") from None


def _advance(cursor: PullCursor, seq: int) -> None:
    cursor.last_seq = seq
    cursor.pulled_at = timezone.now()
    cursor.save()


def sync(transport=None) -> SyncResult:
    from foryou.enrollment.services import expire_unactivated

    transport = transport or HttpTransport()
    result = SyncResult()
    expire_unactivated()  # voids expired numbers; the voiding is pushed below
    quarantine.drop_expired()
    while (n := push(transport)):
        result.pushed += n
    result.pulled, result.applied = pull(transport)
    from foryou.casework.receiving import collect_files

    result.collected = collect_files(transport)  # program applications' documents, then deleted there
    if result.pushed or result.pulled:
        log.info("bridge sync: pushed %s, pulled %s, applied %s", result.pushed, result.pulled, result.applied)
    return result
