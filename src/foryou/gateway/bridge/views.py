"""The gateway's side of the bridge: three signed endpoints the console calls (it starts every
connection). Requests are verified on their raw bytes before parsing."""

import logging

from django.db import transaction
from django.http import HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from foryou.shared.bridge import messages
from foryou.shared.bridge.keys import bridge_key
from foryou.shared.bridge.signing import SIGNATURE_HEADER, TIMESTAMP_HEADER, BadSignature, sign, verify
from foryou.gateway.bridge import apply as bridge_apply
from foryou.gateway.models import OutboundEvent, ReceivedMessage
from foryou.gateway.db import DB

PULL_LIMIT = 500
log = logging.getLogger(__name__)


def _signed(data: dict) -> HttpResponse:
    body = messages.envelope(**data)
    response = HttpResponse(body, content_type="application/json")
    for name, value in sign(body, bridge_key()).items():
        response[name] = value
    return response


def _verified(request) -> dict:
    verify(request.body, request.headers.get(SIGNATURE_HEADER), request.headers.get(TIMESTAMP_HEADER), bridge_key())
    return messages.open_envelope(request.body)


def _refuse(status: int, reason: str) -> JsonResponse:
    return JsonResponse({"error": reason}, status=status)


@csrf_exempt  # machine-to-machine: authenticated by the HMAC signature instead
@require_POST
def push(request):
    """Messages from the console, each applied once (by id) in its own transaction."""
    try:
        data = _verified(request)
        items, ignored = _checked(data.get("messages", []))
    except BadSignature as exc:
        return _refuse(401, str(exc))
    except messages.BadMessage as exc:
        return _refuse(400, str(exc))
    applied, skipped = [], []
    for message_id, kind, body in items:
        with transaction.atomic(using=DB):
            _, new = ReceivedMessage.objects.get_or_create(message_id=message_id, defaults={"kind": kind})
            if new:
                bridge_apply.apply(kind, body)
        (applied if new else skipped).append(str(message_id))
    return _signed({"applied": applied, "skipped": skipped, "ignored": ignored})


def _checked(items: list) -> tuple[list, list[str]]:
    """Well-formed messages to apply, and the ids of kinds this release does not know (from a newer
    console): those are acknowledged and ignored rather than refusing the whole push."""
    checked, ignored = [], []
    for item in items:
        try:
            checked.append(messages.check(item, messages.PUSHED))
        except messages.UnknownKind as exc:
            log.warning("bridge: ignored a console message: %s (upgrade the gateway)", exc)
            ignored.append(str(item.get("id")))
    return checked, ignored


@csrf_exempt
@require_POST
def pull(request):
    """Events after the console's cursor, oldest first."""
    try:
        data = _verified(request)
    except BadSignature as exc:
        return _refuse(401, str(exc))
    except messages.BadMessage as exc:
        return _refuse(400, str(exc))
    after = data.get("after", 0)
    limit = min(int(data.get("limit", PULL_LIMIT)), PULL_LIMIT)
    events = OutboundEvent.objects.filter(id__gt=after).order_by("id")[:limit]
    return _signed({"events": [{"seq": e.id, "id": str(e.message_id), "kind": e.kind, "body": e.body} for e in events]})


@csrf_exempt
@require_POST
def ack(request):
    """The console has applied everything up to `through`: those events (and any ciphertext in them)
    are deleted from the internet zone."""
    try:
        data = _verified(request)
        through = int(data["through"])
    except BadSignature as exc:
        return _refuse(401, str(exc))
    except (messages.BadMessage, KeyError, ValueError) as exc:
        return _refuse(400, f"bad ack: {exc}")
    deleted, _ = OutboundEvent.objects.filter(id__lte=through).delete()
    return _signed({"deleted": deleted})


@csrf_exempt
@require_POST
def files(request):
    """One sealed file of a program application, as stored (ciphertext: the console holds its key). The
    console asks (a signed request) for each file named in a casework.submitted event it pulled."""
    from foryou.gateway.casework import services as casework

    try:
        data = _verified(request)
        file_id = str(data["id"])
    except BadSignature as exc:
        return _refuse(401, str(exc))
    except (messages.BadMessage, KeyError) as exc:
        return _refuse(400, f"bad file request: {exc}")
    try:
        ciphertext = casework.read_file(file_id)
    except ValueError:  # not a UUID
        ciphertext = None
    if ciphertext is None:
        return _refuse(404, "no such file (collected already, or never stored)")
    # Not HMAC-signed like other answers: the body is a secretstream under a key that exists only inside the
    # sealed answers the console opens, so it authenticates itself (altered or swapped, it does not open),
    # and hashing 2 MB twice per document was a fifth of collecting it (decision 0052).
    return HttpResponse(ciphertext, content_type="application/octet-stream")


@csrf_exempt
@require_POST
def files_collected(request):
    """The console has stored these files: they are deleted from the internet zone."""
    from foryou.gateway.casework import services as casework

    try:
        data = _verified(request)
        ids = [str(i) for i in data["ids"]]
    except BadSignature as exc:
        return _refuse(401, str(exc))
    except (messages.BadMessage, KeyError, TypeError) as exc:
        return _refuse(400, f"bad request: {exc}")
    return _signed({"deleted": casework.forget_files(ids)})
