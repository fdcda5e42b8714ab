"""Consent links for email registrants: a signed, expiring token that opens the consent page (税情報の利用)
for one registration, since an email registrant has no LINE ID token to identify them.

The token names the subscriber by its id and carries a keyed tag of the email address it was sent to (never
the address itself), so a link stops working if the registration's address changes. A link older than
MAX_AGE still names its subscriber, so the page can offer to mail a fresh one to the address on file.

    url = url_for(subscriber)          # absolute, for emails
    link = read(token)                 # Link(subscriber, expired) or None when forged or altered
    if may_mail_new_link(subscriber):  # counts the request (at most NEW_LINKS_PER_DAY)
        ...
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac

from foryou.gateway.db import DB
from foryou.gateway.models import ActivationAttempt, Subscriber

SALT = "foryou.gateway.email-consent"
MAX_AGE = timedelta(days=60)  # a notice read weeks later still opens the page; older links ask for a new one
URL_NAME = "gateway_consent_email"
NEW_LINKS_PER_DAY = 3  # fresh links mailed on request from an expired one: a leaked old link cannot flood a mailbox


@dataclass(frozen=True)
class Link:
    subscriber: Subscriber
    expired: bool


def _address_tag(email: str) -> str:
    return salted_hmac(SALT, email.strip().lower()).hexdigest()[:16]


def token_for(subscriber: Subscriber) -> str:
    return signing.dumps({"s": subscriber.pk, "a": _address_tag(subscriber.email)}, salt=SALT)


def url_for(subscriber: Subscriber) -> str:
    # The gateway's own URLconf: right in every zone (the sender may run where the console is mounted too).
    path = reverse(URL_NAME, urlconf="foryou.gateway.urls", args=[token_for(subscriber)])
    return settings.GATEWAY_PUBLIC_URL.rstrip("/") + path


def read(token: str) -> Link | None:
    """The subscriber a genuine token names (expired or not); None for a forged, altered or stale token."""
    expired = False
    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.SignatureExpired:
        expired = True
        data = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict):
        return None
    subscriber = Subscriber.objects.using(DB).filter(pk=data.get("s")).first()
    if subscriber is None or not subscriber.email or data.get("a") != _address_tag(subscriber.email):
        return None
    return Link(subscriber, expired)


def may_mail_new_link(subscriber: Subscriber) -> bool:
    """Whether another fresh link may be mailed today; if so, the request is counted (in the table of
    rate-limited attempts, under a key naming the registration's row only)."""
    key = f"consent-link:{subscriber.pk}"
    attempts = ActivationAttempt.objects.using(DB)
    if attempts.filter(key=key, at__gte=timezone.now() - timedelta(days=1)).count() >= NEW_LINKS_PER_DAY:
        return False
    attempts.create(key=key, succeeded=True)
    return True
