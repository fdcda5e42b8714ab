"""The LINE webhook: verify the signature over the raw bytes, record each event by webhookEventId (or,
for an event without one, an id from its content), hand the new ones to a task and answer at once.
Only a digest of each event is recorded (foryou.gateway.line.events): never the text residents type. Safe to receive twice: a redelivered event is recorded once
and handled once (the task claims each event before handling it).

Answers: 401 bad or missing signature (nothing recorded); 413 body above LINE_WEBHOOK_MAX_BYTES;
400 not a webhook body (not JSON, or no `events` list); 200 otherwise, including an empty `events` list (the console's Verify button)
and event types we do not handle (recorded, then ignored). Events with mode "standby" (another channel
owns the chat) are neither recorded nor handled.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging

from django.db import IntegrityError, transaction
from django.http import HttpResponse, HttpResponseBadRequest
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from foryou.gateway import tasks
from foryou.gateway.line import config, events as line_events
from foryou.gateway.models import WebhookEvent
from foryou.gateway.db import DB

log = logging.getLogger(__name__)


def signature_is_valid(secret: str, body: bytes, header: str | None) -> bool:
    """x-line-signature = base64(HMAC-SHA256(channel secret, raw body)), compared in constant time."""
    if not header:
        return False
    expected = base64.b64encode(hmac.new(secret.encode("utf-8"), body, hashlib.sha256).digest())
    try:
        given = header.strip().encode("ascii")
    except UnicodeEncodeError:
        return False
    return hmac.compare_digest(expected, given)


@csrf_exempt
@require_POST
def webhook(request):
    secret = config.channel_secret()
    limit = config.webhook_max_bytes()
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    if declared > limit:
        return HttpResponse("Request body too large", status=413, content_type="text/plain")
    body = request.body
    if len(body) > limit:
        return HttpResponse("Request body too large", status=413, content_type="text/plain")
    if not signature_is_valid(secret, body, request.headers.get("x-line-signature")):
        log.warning("LINE webhook with a bad or missing signature from %s", request.META.get("REMOTE_ADDR"))
        return HttpResponse("Invalid signature", status=401, content_type="text/plain")
    try:
        text = body.decode("utf-8")
        raw = json.loads(text)
        raw_events = raw["events"]
        if not isinstance(raw_events, list):
            raise TypeError("events is not a list")
    except (UnicodeDecodeError, ValueError, KeyError, TypeError) as error:
        log.warning("LINE webhook body is not a webhook payload (%s)", type(error).__name__)
        return HttpResponseBadRequest("Not a LINE webhook body", content_type="text/plain")
    to_handle = record([event for event in raw_events if isinstance(event, dict)])
    if to_handle:
        tasks.handle_line_events.enqueue(to_handle)
    return HttpResponse("OK", content_type="text/plain")


def record(events: list[dict]) -> list[str]:
    """Store the digest of new events; return the ids, in delivery order, of those not yet handled."""
    wanted: dict[str, dict] = {}
    for event in events:
        if event.get("mode") == "standby":
            continue
        wanted.setdefault(line_events.event_id(event), event)
    if not wanted:
        return []
    with transaction.atomic(using=DB):
        known = dict(WebhookEvent.objects.using(DB).filter(event_id__in=list(wanted))
                     .values_list("event_id", "handled_at"))
        new = [WebhookEvent(event_id=event_id, kind=line_events.kind(event), body=line_events.digest(event))
               for event_id, event in wanted.items() if event_id not in known]
        try:
            with transaction.atomic(using=DB):
                WebhookEvent.objects.using(DB).bulk_create(new)
        except IntegrityError:  # a concurrent delivery of the same event: keep whatever got in first
            WebhookEvent.objects.using(DB).bulk_create(new, ignore_conflicts=True)
    redelivered = [event_id for event_id, handled_at in known.items() if handled_at is None]
    if known:
        log.info("LINE webhook: %d event(s) already received", len(known))
    return [event_id for event_id in wanted if event_id not in known or event_id in redelivered]
