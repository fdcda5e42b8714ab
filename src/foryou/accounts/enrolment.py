"""One-time enrolment codes for two-factor authentication. A staff member whose role needs a second
factor and who has no authenticator yet sees the authenticator's secret only after entering a code an
administrator issued (`foryou staff enrolment-code USER`, or the staff page): a stolen password alone
cannot enrol the thief's phone. A code is random (60 bits), kept as a keyed hash, used once, and
expires after ENROLMENT_CODE_HOURS; issuing a new one replaces any unused code of the same person.
Wrong codes count towards the login lockout (foryou.accounts.lockout) like wrong passwords."""

from __future__ import annotations

import secrets
import unicodedata
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from foryou.accounts.models import EnrolmentCode
from foryou.audit import services as audit

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I: read aloud or typed from paper
LENGTH = 12
SESSION_KEY = "foryou_enrolment_code_for"  # the user whose code this session entered


def _hash(code: str) -> str:
    return salted_hmac("foryou.accounts.enrolment", normalize(code), algorithm="sha256").hexdigest()


def normalize(typed: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKC", typed or "").upper() if ch.isalnum())


def issue(user, *, by=None) -> tuple[str, datetime]:
    """A new code for `user` (replacing an unused one); returns it, shown once, and when it expires."""
    raw = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    code = "-".join(raw[i:i + 4] for i in range(0, LENGTH, 4))
    expires_at = timezone.now() + timedelta(hours=settings.ENROLMENT_CODE_HOURS)
    with transaction.atomic():
        EnrolmentCode.objects.filter(user=user, used_at__isnull=True).delete()
        EnrolmentCode.objects.create(user=user, code_hash=_hash(code), expires_at=expires_at)
        audit.record("accounts.enrolment_code_issued", actor=by, target=f"user:{user.get_username()}",
                     detail={"expires_at": expires_at.isoformat()})
    return code, expires_at


def redeem(user, typed: str) -> bool:
    """True, once, for the user's current code typed before it expires."""
    if not normalize(typed):
        return False
    wanted = _hash(typed)
    for pending in EnrolmentCode.objects.filter(user=user, used_at__isnull=True, expires_at__gt=timezone.now()):
        if constant_time_compare(pending.code_hash, wanted):
            used = EnrolmentCode.objects.filter(pk=pending.pk, used_at__isnull=True).update(used_at=timezone.now())
            if used:
                audit.record("accounts.enrolment_code_used", actor=user, target=f"user:{user.get_username()}")
            return bool(used)
    return False


def entered(request) -> bool:
    """Whether this session entered the logged-in user's enrolment code."""
    return request.session.get(SESSION_KEY) == request.user.pk


def remember(request) -> None:
    request.session[SESSION_KEY] = request.user.pk


def forget(request) -> None:
    request.session.pop(SESSION_KEY, None)
