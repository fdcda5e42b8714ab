"""Helpers for tests: staff holding a role, logged in (with their second factor when the role needs one)."""

from django.contrib.auth import get_user_model

from foryou.accounts import access, services

PASSWORD = "a-long-password-123"


def make_staff(username: str, role: str | None = None, department: str | None = None, **extra):
    user = get_user_model().objects.create_user(username, password=PASSWORD, is_staff=True, **extra)
    if role:
        services.grant(user, role, department, create_department=True)
    return user


def login(client, user):
    """Log the user in on a test client; staff who need two-factor authentication are verified too."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client.force_login(user)
    if access.needs_two_factor(user):
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
            user=user, name="test", confirmed=True)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return user


def enter_enrolment_code(client, user):
    """What a staff member does first at the enrolment page: enter the code an administrator issued."""
    from django.urls import reverse

    from foryou.accounts import enrolment

    code, _expires_at = enrolment.issue(user)
    return client.post(reverse("two_factor_setup"), {"enrolment_code": code})
