"""今後の案内を希望しない: a resident who got an invitation postcard asks, with its number, not to be invited
again. The gateway checks the number as activation does (same lockout: guessing here counts there too),
voids it at once (it can no longer register anyone) and tells the console, which records the decline
against the resident (foryou.enrollment.invitations.declined_on_gateway). Only the number crosses."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from foryou.gateway import number_keys
from foryou.gateway.db import DB
from foryou.gateway.models import ActivationAttempt, Subscriber
from foryou.gateway.services import MESSAGES, _event, _locked
from foryou.shared import numbers
from foryou.shared.bridge import messages

DECLINE_MESSAGES = {
    "used": _("That number has already been used to register. To stop notices, open Settings from the menu, "
              "or contact the city."),
}


def message(code: str) -> str:
    return str(DECLINE_MESSAGES.get(code) or MESSAGES[code])


def _issued(number: str) -> tuple[str, Subscriber | None]:
    if not numbers.is_well_formed(number):
        return "malformed", None
    subscriber = Subscriber.objects.using(DB).select_for_update().by_number(number).first()
    if subscriber is None or subscriber.status == Subscriber.Status.VOID:
        return "wrong_number", None
    if not number_keys.matches(number, subscriber.number_hash):
        return "wrong_number", None
    if subscriber.status != Subscriber.Status.ISSUED:
        return "used", None
    return "ok", subscriber


def _attempt(typed_number: str, ip: str, *, confirm: bool) -> str:
    keys = [f"ip:{ip}"] if ip else []
    if keys and _locked(keys):
        return "locked"
    number = numbers.normalize(typed_number)
    with transaction.atomic(using=DB):
        code, subscriber = _issued(number)
        if code == "ok" and confirm:
            subscriber.status, subscriber.ending = Subscriber.Status.VOID, "declined"
            subscriber.save(update_fields=["status", "ending"])
            _event(messages.InvitationDeclinedBody(number=number, at=timezone.now().isoformat()))
            code = "declined"
        if keys:
            ActivationAttempt.objects.using(DB).bulk_create(
                [ActivationAttempt(key=k, succeeded=code in ("ok", "declined")) for k in keys])
    return code


def check(typed_number: str, ip: str = "") -> str:
    """'ok' if the number is an unused one the resident may decline with; else the code of what is wrong."""
    return _attempt(typed_number, ip, confirm=False)


def decline(typed_number: str, ip: str = "") -> str:
    """'declined' once the number is void and the console told; else the code of what is wrong."""
    return _attempt(typed_number, ip, confirm=True)
