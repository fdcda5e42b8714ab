"""Links to a registrant's settings page (/settings/<token>/): signed, expiring after MAX_AGE, naming the
subscriber by its id and carrying a keyed tag of the address it reaches (the email address, or the LINE
user), never the address itself — so a link stops working once the registration's address changes.

Email registrants get one in every email (the footer); in LINE the LIFF page /settings/ checks the ID
token and sends the resident on to a fresh link."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils.crypto import salted_hmac

from foryou.gateway.db import DB
from foryou.gateway.models import Subscriber

SALT = "foryou.gateway.settings"
MAX_AGE = timedelta(days=60)
URL_NAME = "gateway_settings_link"


def _tag(subscriber: Subscriber) -> str:
    reach = subscriber.email.strip().lower() or subscriber.line_user_id or ""
    return salted_hmac(SALT, reach).hexdigest()[:16]


def token_for(subscriber: Subscriber) -> str:
    return signing.dumps({"s": subscriber.pk, "a": _tag(subscriber)}, salt=SALT)


def path_for(subscriber: Subscriber) -> str:
    return reverse(URL_NAME, urlconf="foryou.gateway.urls", args=[token_for(subscriber)])


def url_for(subscriber: Subscriber) -> str:
    """Absolute, for emails (the gateway's own URLconf: right wherever the sender runs)."""
    return settings.GATEWAY_PUBLIC_URL.rstrip("/") + path_for(subscriber)


def read(token: str) -> Subscriber | None:
    """The active subscriber a genuine, unexpired token names; None otherwise."""
    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:  # forged, altered or expired (SignatureExpired is a BadSignature)
        return None
    if not isinstance(data, dict):
        return None
    subscriber = Subscriber.objects.using(DB).active().filter(pk=data.get("s")).first()
    if subscriber is None or data.get("a") != _tag(subscriber):
        return None
    return subscriber
