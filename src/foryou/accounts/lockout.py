"""Lockout after failed logins: LOGIN_FAILURES_PER_USER failures for one user name, or
LOGIN_FAILURES_PER_IP from one address, within LOCKOUT_MINUTES lock that user name (or address) for
LOCKOUT_MINUTES. Wrong two-factor codes count as failures of the user name too. Every failure and
every lockout is audited."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Max
from django.utils import timezone

from foryou.accounts.models import LoginFailure, Lockout
from foryou.audit import services as audit
from foryou.audit.models import AuditEvent
from foryou.shared.client_address import client_ip  # noqa: F401 (lockout.client_ip: shared with the gateway)

KEEP_FAILURES = timedelta(days=1)


def fold(username: str) -> str:
    return (username or "").strip().casefold()[:150]


def _window() -> timedelta:
    return timedelta(minutes=settings.LOCKOUT_MINUTES)


def locked_until(username: str, ip: str | None) -> datetime | None:
    """When logging in as this user name from this address is possible again, or None if it is now."""
    now = timezone.now()
    keys = [(Lockout.Scope.USERNAME, fold(username))]
    if ip:
        keys.append((Lockout.Scope.IP, ip))
    until = None
    for scope, key in keys:
        latest = Lockout.objects.filter(scope=scope, key=key, until__gt=now).aggregate(u=Max("until"))["u"]
        if latest and (until is None or latest > until):
            until = latest
    return until


def _failures_since(scope: str, key: str, now: datetime) -> int:
    since = now - _window()
    ended = Lockout.objects.filter(scope=scope, key=key).aggregate(u=Max("until"))["u"]
    if ended and ended > since:
        since = ended  # failures before (or during) an earlier lockout are spent
    failures = LoginFailure.objects.filter(at__gt=since)
    return failures.filter(username=key).count() if scope == Lockout.Scope.USERNAME else failures.filter(ip=key).count()


def _audit(action: str, username: str, ip: str | None, user=None, **detail) -> None:
    detail = {"username": username, "ip": ip} | detail
    if user is not None:
        audit.record(action, actor=user, target=f"user:{user.get_username()}", detail=detail)
    else:  # nobody is known: the attempt names an account that does not exist
        AuditEvent.objects.create(actor=None, actor_label="anonymous", action=action,
                                  target=f"user:{username[:190]}", detail=detail)


def known_user(username: str):
    from django.contrib.auth import get_user_model

    User = get_user_model()
    return User.objects.filter(**{f"{User.USERNAME_FIELD}__iexact": (username or "").strip()}).first()


def record_failure(username: str, ip: str | None, kind: str = LoginFailure.Kind.PASSWORD) -> datetime | None:
    """Record a failure; returns the end of the lockout it starts, if it starts one."""
    now = timezone.now()
    key = fold(username)
    LoginFailure.objects.filter(at__lt=now - KEEP_FAILURES).delete()
    LoginFailure.objects.create(username=key, ip=ip, kind=kind, at=now)
    user = known_user(username)
    _audit("accounts.login_failed" if kind == LoginFailure.Kind.PASSWORD else "accounts.two_factor_failed",
           username, ip, user)
    until = None
    limits = [(Lockout.Scope.USERNAME, key, settings.LOGIN_FAILURES_PER_USER)]
    if ip:
        limits.append((Lockout.Scope.IP, ip, settings.LOGIN_FAILURES_PER_IP))
    for scope, scope_key, limit in limits:
        if _failures_since(scope, scope_key, now) >= limit:
            lockout = Lockout.objects.create(scope=scope, key=scope_key, since=now, until=now + _window())
            _audit("accounts.locked_out", username, ip, user, scope=scope, until=lockout.until.isoformat())
            until = lockout.until if until is None else max(until, lockout.until)
    return until


def clear_failures(username: str, kind: str | None = None) -> None:
    failures = LoginFailure.objects.filter(username=fold(username))
    if kind:
        failures = failures.filter(kind=kind)
    failures.delete()


def unlock(username: str) -> int:
    """End a user name's lockout now (a service administrator's decision); returns how many ended."""
    now = timezone.now()
    ended = Lockout.objects.filter(scope=Lockout.Scope.USERNAME, key=fold(username), until__gt=now).update(until=now)
    clear_failures(username)
    return ended
