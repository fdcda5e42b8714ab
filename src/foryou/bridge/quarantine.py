"""Gateway events the console cannot apply through their own fault are quarantined, not retried for
ever: one malformed event must not block every event after it (applications included).

- The event's own fault: a malformed message (BadMessage other than an unknown kind, which is skipped),
  a sealed application that cannot be opened, or a value the console refuses while applying it
  (KeyError, ValueError, TypeError …, a value too long or breaking a constraint). It is stored with its
  sequence number, kind and a short error, and the cursor moves on.
- Anything else, above all the console's database being unavailable, is transient: it is raised, the
  cursor stays, and the next sync tries the same event again.

The error text names the exception and where it was raised, never the values involved (a ValueError's
message can quote a birth date from a decrypted application). The event is kept as it came (the body
of application.sealed is ciphertext) so an administrator can retry it from the console; it is dropped
when a retry succeeds, and after KEEP_DAYS otherwise."""

import logging
import traceback
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError, transaction
from django.utils import timezone

from foryou.audit import services as audit
from foryou.bridge.apply import apply_event
from foryou.bridge.models import AppliedMessage, QuarantinedEvent
from foryou.shared.bridge import messages
from foryou.shared.bridge.sealing import CannotOpen

log = logging.getLogger(__name__)

KEEP_DAYS = getattr(settings, "BRIDGE_QUARANTINE_KEEP_DAYS", 30)

# The event's own fault. Not here, so raised and retried by the next sync: OperationalError and
# InterfaceError (the database is unavailable), and anything unforeseen.
EVENT_FAULTS = (messages.BadMessage, CannotOpen, LookupError, ValueError, TypeError, AttributeError,
                DataError, IntegrityError, ValidationError)
# Errors whose message this code writes itself, without values from the event.
OWN_WORDS = (messages.BadMessage, CannotOpen)


def describe(exc: BaseException) -> str:
    """What went wrong, for staff and logs: the exception's type and the code that raised it, and only
    for the bridge's own errors their message. Never the values of the event."""
    if isinstance(exc, OWN_WORDS):
        text = f"{type(exc).__name__}: {exc}"
    else:
        frames = traceback.extract_tb(exc.__traceback__)
        where = f" in {frames[-1].name} ({frames[-1].filename.rsplit('/', 1)[-1]}:{frames[-1].lineno})" if frames else ""
        text = f"{type(exc).__name__}{where}"
    return text[:300]


def apply_one(event: dict) -> bool:
    """Check and apply one pulled event, once per message id (in the caller's transaction). Returns
    whether it was applied now; raises UnknownKind, an event fault or a transient error."""
    message_id, kind, body = messages.check(event, messages.PULLED)
    _, new = AppliedMessage.objects.get_or_create(message_id=message_id, defaults={"kind": kind})
    if new:
        apply_event(kind, body)
    return new


def _kind(event) -> str:
    kind = event.get("kind") if isinstance(event, dict) else None
    return (kind if isinstance(kind, str) else "?")[:64]


def set_aside(seq: int, event, exc: BaseException) -> QuarantinedEvent:
    """Quarantine the event at `seq` (in the caller's transaction, with the cursor's move)."""
    error = describe(exc)
    log.warning("bridge: quarantined gateway event %s (%s): %s", seq, _kind(event), error)
    quarantined, _ = QuarantinedEvent.objects.update_or_create(
        seq=seq, defaults={"kind": _kind(event), "error": error, "event": event if isinstance(event, dict) else None})
    return quarantined


def retry(quarantined: QuarantinedEvent, actor) -> bool:
    """Apply a quarantined event again (an administrator asked). Success deletes it, event and all;
    another fault keeps it with the new error. Both are audited; a transient error is raised."""
    target = f"bridge_event:{quarantined.seq}"
    if quarantined.event is None:
        return False
    try:
        with transaction.atomic():
            apply_one(quarantined.event)
            audit.record("bridge.event_retried", actor=actor, target=target,
                         detail={"seq": quarantined.seq, "kind": quarantined.kind, "applied": True})
            quarantined.delete()
        return True
    except EVENT_FAULTS as exc:
        error = describe(exc)
    with transaction.atomic():
        QuarantinedEvent.objects.filter(pk=quarantined.pk).update(
            error=error, attempts=quarantined.attempts + 1, last_tried_at=timezone.now())
        audit.record("bridge.event_retried", actor=actor, target=target,
                     detail={"seq": quarantined.seq, "kind": quarantined.kind, "applied": False, "error": error})
    log.warning("bridge: retry of quarantined gateway event %s failed: %s", quarantined.seq, error)
    return False


def drop_expired(now=None) -> int:
    """Events kept longer than KEEP_DAYS are dropped (their record stays, without the event)."""
    moment = (now or timezone.now()) - timedelta(days=KEEP_DAYS)
    return QuarantinedEvent.objects.kept_since_before(moment).update(event=None)

