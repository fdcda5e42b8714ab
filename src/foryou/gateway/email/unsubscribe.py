"""Unsubscribe links: a signed token naming the registration, so that the link alone (no login) can stop
the notices, and only for that registration. Tokens do not expire: a notice read a year later must
still be able to stop the next one."""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.urls import reverse

from foryou.gateway.models import Subscriber
from foryou.gateway.db import DB

SALT = "foryou.gateway.email-unsubscribe"
URL_NAME = "gateway_email_unsubscribe"


def token_for(subscriber: Subscriber) -> str:
    return signing.Signer(salt=SALT).sign(str(subscriber.pk))


def url_for(subscriber: Subscriber) -> str:
    # The gateway's own URLconf: right in every zone (the sender may run where the console is mounted too).
    path = reverse(URL_NAME, urlconf="foryou.gateway.urls", args=[token_for(subscriber)])
    return settings.GATEWAY_PUBLIC_URL.rstrip("/") + path


def subscriber_for(token: str) -> Subscriber | None:
    try:
        pk = int(signing.Signer(salt=SALT).unsign(token))
    except (signing.BadSignature, ValueError):
        return None
    return Subscriber.objects.using(DB).filter(pk=pk).first()
