from django.core.exceptions import PermissionDenied

from foryou.accounts import lockout

LOCKED_ATTRIBUTE = "foryou_locked_until"


class LockoutBackend:
    """First in AUTHENTICATION_BACKENDS: while a user name or address is locked, nobody logs in with it
    (the password is not even checked). Django then reports a failed login; the lockout middleware
    answers with a page that says until when."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            return None
        until = lockout.locked_until(username, lockout.client_ip(request))
        if until is not None:
            if request is not None:
                setattr(request, LOCKED_ATTRIBUTE, until)
            raise PermissionDenied("locked out")
        return None
