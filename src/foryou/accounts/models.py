"""Staff accounts: departments (所管課), each staff member's roles, their authenticators, and the failed
logins that lock an account or an address for a while."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_otp.models import MAX_THROTTLE_DELAY_SECONDS, Device, VerifyNotAllowed
from django_otp.plugins.otp_totp.models import TOTPDevice


class Department(models.Model):
    """A department that owns programs (所管課). Its name is the one programs/*.yml use."""

    name = models.CharField(_("department"), max_length=100, unique=True)
    code = models.CharField(_("department code"), max_length=20, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("department")

    def __str__(self):
        return self.name


class Role(models.TextChoices):
    ADMIN = "admin", _("Service administrator")
    EDITOR = "editor", _("Department editor")
    APPROVER = "approver", _("Department approver")
    REGISTRAR = "registrar", _("Registrar")
    AUDITOR = "auditor", _("Auditor")


DEPARTMENT_ROLES = {Role.EDITOR, Role.APPROVER}


class MembershipQuerySet(models.QuerySet):
    def of(self, user):
        return self.filter(user=user).select_related("department")


class Membership(models.Model):
    """One role of one staff member: editors and approvers in a department, the others service-wide."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    department = models.ForeignKey(Department, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="memberships", verbose_name=_("department"))
    granted_at = models.DateTimeField(_("granted"), default=timezone.now)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["user__username", "role", "department__name"]
        verbose_name = _("role of a staff member")
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "department"], name="one_membership_per_department",
                                    condition=Q(department__isnull=False)),
            models.UniqueConstraint(fields=["user", "role"], name="one_service_wide_membership",
                                    condition=Q(department__isnull=True)),
            models.CheckConstraint(
                condition=(Q(role__in=["editor", "approver"], department__isnull=False)
                           | Q(role__in=["admin", "registrar", "auditor"], department__isnull=True)),
                name="department_roles_have_a_department"),
        ]

    def __str__(self):
        return f"{self.user.get_username()} {self.role} {self.department or ''}".strip()


class LoginFailure(models.Model):
    """A wrong password, or a wrong two-factor code, for a user name from an address."""

    class Kind(models.TextChoices):
        PASSWORD = "password", _("password")
        CODE = "code", _("two-factor code")

    username = models.CharField(max_length=150, db_index=True)  # folded (casefold) as typed
    ip = models.GenericIPAddressField(null=True, blank=True, db_index=True)
    kind = models.CharField(max_length=8, choices=Kind.choices, default=Kind.PASSWORD)
    at = models.DateTimeField(default=timezone.now, db_index=True)


class Lockout(models.Model):
    """Logging in is refused for a user name, or from an address, until a time."""

    class Scope(models.TextChoices):
        USERNAME = "username", _("user name")
        IP = "ip", _("address")

    scope = models.CharField(max_length=8, choices=Scope.choices)
    key = models.CharField(max_length=150)
    since = models.DateTimeField(default=timezone.now)
    until = models.DateTimeField(db_index=True)

    class Meta:
        indexes = [models.Index(fields=["scope", "key", "until"])]


class StaffSettings(models.Model):
    """A staff member's own settings. (Test sends no longer go to a registration number the staff member
    types: they go to their own linked test devices, TestDevice.)"""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_settings")
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)

    class Meta:
        verbose_name = _("staff settings")


class TestDeviceQuerySet(models.QuerySet):
    def of(self, user):
        return self.filter(owner_id=user.pk, removed_at__isnull=True)

    def linked_of(self, user):
        return self.of(user).filter(linked_at__isnull=False)


class TestDevice(models.Model):
    """A staff member's own phone (LINE) or work mailbox, linked for test sends of notices. The console
    knows the device by a random reference only: the LINE user ID stays in the gateway, which matched the
    one-time code typed in the chat; an email device's address is the staff member's work address, which
    they typed here. Removed devices are kept (removed_at) for the audit log's sake, without the address."""

    __test__ = False  # not a pytest test class, whatever its name

    class Channel(models.TextChoices):
        LINE = "line", "LINE"
        EMAIL = "email", _("email")

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="test_devices")
    device_ref = models.CharField(max_length=36, unique=True)
    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices)
    email = models.EmailField(_("work email address"), blank=True)
    code_hash = models.CharField(max_length=64, blank=True)  # LINE: SHA-256 of the one-time code shown
    expires_at = models.DateTimeField(_("link before"))
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    linked_at = models.DateTimeField(_("linked"), null=True, blank=True)
    removed_at = models.DateTimeField(_("removed"), null=True, blank=True)

    objects = TestDeviceQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("test device")


class StaffAuthenticator(TOTPDevice):
    """A staff member's authenticator app (TOTP; django-otp's table). It forgives one mistyped code: the
    back-off of OTP_TOTP_THROTTLE_FACTOR × 1, 2, 4 … seconds starts at the second wrong code in a row,
    so the right code typed at once after a typo is accepted. Every wrong code still counts towards the
    lockout (foryou.accounts.lockout), which stops guessing long before the back-off would."""

    class Meta:
        proxy = True
        verbose_name = _("authenticator app")

    def verify_is_allowed(self):
        failures, last = self.throttling_failure_count, self.throttling_failure_timestamp
        if self.throttling_enabled and failures > 1 and last is not None:
            wait = min(self.get_throttle_factor() * 2 ** (failures - 2), MAX_THROTTLE_DELAY_SECONDS)
            until = last + timedelta(seconds=wait)
            if timezone.now() < until:
                return False, {"reason": VerifyNotAllowed.N_FAILED_ATTEMPTS, "failure_count": failures,
                               "locked_until": until}
        return Device.verify_is_allowed(self)


class EnrolmentCode(models.Model):
    """A one-time code an administrator issues (`foryou staff enrolment-code USER`, or the staff page) so
    that a staff member can set up their authenticator: the password alone does not show the secret.
    Kept as a keyed hash only; single use; it expires (ENROLMENT_CODE_HOURS). Issuing a new code
    replaces any unused one."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolment_codes")
    code_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("two-factor enrolment code")
