"""Rate limits of the resident pages that cost something: the email confirmation link (mail to any
address typed in) and sending an application (a sealed message the city's staff must handle).

Each request is counted under every key that applies to it — the client's address (FORYOU_CLIENT_IP_HEADER
behind a proxy), the email address, the verified LINE user — in ResidentRequest, as a keyed hash (never
the address itself). Past a key's limit within FORYOU_RESIDENT_RATE_WINDOW_MINUTES the request is refused
with a page that says when to come back; refused requests are not counted. Applications are also refused
while FORYOU_PENDING_APPLICATIONS_MAX sealed applications wait for the console to collect them."""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from foryou.gateway.db import DB
from foryou.gateway.models import OutboundEvent, ResidentRequest
from foryou.shared.bridge import messages
from foryou.shared.client_address import client_ip

CONFIRMATION_MAIL, APPLICATION = "confirmation_mail", "application"
SALT = "foryou.gateway.throttle"


@dataclass(frozen=True)
class Refusal:
    title: str
    text: str
    status: int = 429


def _key(kind: str, value: str) -> str:
    return f"{kind}:{salted_hmac(SALT, f'{kind}:{value}', algorithm='sha256').hexdigest()}"


def _window() -> timedelta:
    return timedelta(minutes=settings.RESIDENT_RATE_WINDOW_MINUTES)


def _allowed(action: str, limits: list[tuple[str, str, int]]) -> bool:
    """Count this request under each (kind, value, limit) unless one of them is already at its limit."""
    now = timezone.now()
    since = now - _window()
    requests = ResidentRequest.objects.using(DB)
    requests.filter(at__lt=since).delete()  # expired counts are of no use
    keys = [(_key(kind, value), limit) for kind, value, limit in limits if value]
    if any(requests.filter(action=action, key=key, at__gte=since).count() >= limit for key, limit in keys):
        return False
    requests.bulk_create([ResidentRequest(action=action, key=key, at=now) for key, _limit in keys])
    return True


def _too_many() -> Refusal:
    return Refusal(_("Please try again later"),
                   _("Too many requests came from here or for this address. Wait %(minutes)s minutes and try "
                     "again, or contact the city (below).") % {"minutes": settings.RESIDENT_RATE_WINDOW_MINUTES})


def confirmation_mail(request, address: str) -> Refusal | None:
    """Before mailing a confirmation link to `address`: None if it may be sent (and it is counted)."""
    if _allowed(CONFIRMATION_MAIL, [("email", address.strip().lower(), settings.CONFIRMATION_MAILS_PER_ADDRESS),
                                    ("ip", client_ip(request) or "", settings.CONFIRMATION_MAILS_PER_IP)]):
        return None
    return _too_many()


def queue_full() -> bool:
    pending = OutboundEvent.objects.using(DB).filter(kind=messages.APPLICATION_SEALED)
    return pending.count() >= settings.PENDING_APPLICATIONS_MAX


def application(request, *, line_user_id: str = "", address: str = "") -> Refusal | None:
    """Before sealing an application: None if it may be received (and it is counted)."""
    if queue_full():
        return Refusal(_("Applications cannot be received just now"),
                       _("Many applications are waiting to be checked. Please send yours again in a few hours. "
                         "Nothing you entered has been kept."), status=503)
    if _allowed(APPLICATION, [("line", line_user_id, settings.APPLICATIONS_PER_LINE_USER),
                              ("email", address.strip().lower(), settings.APPLICATIONS_PER_ADDRESS),
                              ("ip", client_ip(request) or "", settings.APPLICATIONS_PER_IP)]):
        return None
    return _too_many()


CASEWORK = "casework"
# A registrant sends a program application, or a correction, a few times at most in a window; more is a
# script or a loop, and each one is a set of sealed documents held in the internet zone.
CASEWORK_PER_REGISTRANT = 10


def casework_submission(subscriber_id: int) -> Refusal | None:
    """Before sealing a program application (foryou.gateway.casework): None if it may be received."""
    if _allowed(CASEWORK, [("registrant", str(subscriber_id), CASEWORK_PER_REGISTRANT)]):
        return None
    return _too_many()
