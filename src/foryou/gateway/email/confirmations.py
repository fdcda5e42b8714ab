"""The link that confirms an email address (registering by email) carries nothing readable: only a
random token. The registration number and the address wait in EmailConfirmation, sealed (NaCl SecretBox)
under a key derived from that token, beside a hash of it that finds the row; so neither the link (mail
logs, proxies, browser history) nor the database alone (a leaked backup) gives the number or the address.
A link works for MAX_AGE; expired rows are deleted whenever a new link is made or one is opened."""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone
from nacl.exceptions import CryptoError
from nacl.secret import SecretBox

from foryou.gateway.db import DB
from foryou.gateway.models import EmailConfirmation

MAX_AGE = timedelta(hours=24)
TOKEN_BYTES = 32


@dataclass(frozen=True)
class Pending:
    number: str
    email: str


def _derive(token: bytes, purpose: bytes) -> bytes:
    return hashlib.blake2b(token, digest_size=32, person=b"foryou-confirm-" + purpose).digest()


def _lookup(token: bytes) -> str:
    return _derive(token, b"i").hex()


def _forget_expired() -> None:
    EmailConfirmation.objects.using(DB).filter(created_at__lt=timezone.now() - MAX_AGE).delete()


def create(number: str, email: str) -> str:
    """A new pending confirmation; returns the token for the link (43 URL-safe characters)."""
    token = secrets.token_bytes(TOKEN_BYTES)
    sealed = SecretBox(_derive(token, b"k")).encrypt(json.dumps({"n": number, "e": email}).encode())
    _forget_expired()
    EmailConfirmation.objects.using(DB).create(token_hash=_lookup(token), sealed=base64.b64encode(sealed).decode())
    return base64.urlsafe_b64encode(token).rstrip(b"=").decode()


def read(text: str) -> Pending | None:
    """The number and address of a link's token, or None if it is unknown, expired or altered."""
    try:
        token = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        return None
    if len(token) != TOKEN_BYTES:
        return None
    _forget_expired()
    row = EmailConfirmation.objects.using(DB).filter(token_hash=_lookup(token)).first()
    if row is None:
        return None
    try:
        data = json.loads(SecretBox(_derive(token, b"k")).decrypt(base64.b64decode(row.sealed)))
    except (CryptoError, ValueError):
        return None
    return Pending(number=data["n"], email=data["e"])
