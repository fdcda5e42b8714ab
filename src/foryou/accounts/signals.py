"""Logins, failed logins and lockouts are recorded in the audit log."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from foryou.accounts import lockout
from foryou.accounts.backends import LOCKED_ATTRIBUTE
from foryou.accounts.models import LoginFailure
from foryou.audit import services as audit


@receiver(user_login_failed, dispatch_uid="foryou.accounts.login_failed")
def login_failed(sender, credentials, request=None, **kwargs):
    username = credentials.get("username") or ""
    if not username:
        return
    if request is not None and getattr(request, LOCKED_ATTRIBUTE, None) is not None:
        return  # refused while locked: the attempt neither counts nor extends the lockout
    until = lockout.record_failure(username, lockout.client_ip(request), LoginFailure.Kind.PASSWORD)
    if until is not None and request is not None:
        setattr(request, LOCKED_ATTRIBUTE, until)


@receiver(user_logged_in, dispatch_uid="foryou.accounts.logged_in")
def logged_in(sender, request, user, **kwargs):
    lockout.clear_failures(user.get_username(), LoginFailure.Kind.PASSWORD)
    audit.record("accounts.login", actor=user, target=f"user:{user.get_username()}",
                 detail={"ip": lockout.client_ip(request)})


@receiver(user_logged_out, dispatch_uid="foryou.accounts.logged_out")
def logged_out(sender, request, user, **kwargs):
    if user is not None:
        audit.record("accounts.logout", actor=user, target=f"user:{user.get_username()}",
                     detail={"ip": lockout.client_ip(request)})
