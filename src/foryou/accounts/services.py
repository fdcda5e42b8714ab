"""Writes for staff accounts: add staff, grant and revoke roles, reset two-factor, unlock, and the
demo's accounts. Every change is audited; errors say what is wrong and what to do."""

import json
import secrets
from base64 import b32encode
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from foryou.accounts import access, lockout
from foryou.accounts.models import DEPARTMENT_ROLES, Department, Membership, Role
from foryou.accounts.roles import GROUP_NAMES
from foryou.audit import services as audit


class StaffError(ValueError):
    """A request about staff that cannot be done; the message says why and what to do instead."""


def _role(role: str) -> str:
    if role not in Role.values:
        raise StaffError(_("Unknown role %(role)s. Roles are: %(roles)s.")
                         % {"role": role, "roles": ", ".join(Role.values)})
    return role


def program_departments() -> set[str]:
    """The departments named by the programs in PROGRAMS_DIR (the programs' own spelling)."""
    from foryou.programs.definition import ProgramError, load_programs

    try:
        return {program.department for program in load_programs(Path(settings.PROGRAMS_DIR))}
    except (OSError, ProgramError):
        return set()


def sync_departments() -> list[Department]:
    """Make sure every department a program names exists; returns all departments."""
    for name in program_departments():
        Department.objects.get_or_create(name=name)
    return list(Department.objects.all())


def department(name: str, *, create: bool = False) -> Department:
    name = (name or "").strip()
    found = Department.objects.filter(name=name).first()
    if found is None and (create or name in program_departments()):
        found, _created = Department.objects.get_or_create(name=name)
    if found is None:
        known = ", ".join(d.name for d in sync_departments()) or "-"
        raise StaffError(_("Unknown department %(name)s. Departments are named as in programs/*.yml: "
                           "%(known)s. To add a department no program names yet, use --new-department.")
                         % {"name": name, "known": known})
    return found


def _department_for(role: str, department_name: str | None, create: bool) -> Department | None:
    if role in DEPARTMENT_ROLES:
        if not department_name:
            raise StaffError(_("The role %(role)s is held in a department: name one (--department).")
                             % {"role": role})
        return department(department_name, create=create)
    if department_name:
        raise StaffError(_("The role %(role)s is service-wide: give no department.") % {"role": role})
    return None


def _actor_label(by) -> dict:
    return {"actor": by} if by is not None else {}


def _sync_group(user, role: str) -> None:
    group, _created = Group.objects.get_or_create(name=GROUP_NAMES[role])
    if Membership.objects.filter(user=user, role=role).exists():
        user.groups.add(group)
    else:
        user.groups.remove(group)


def grant(user, role: str, department: str | None = None, *, by=None, create_department: bool = False) -> Membership:
    role = _role(role)
    with transaction.atomic():
        dept = _department_for(role, department, create_department)
        membership, created = Membership.objects.get_or_create(user=user, role=role, department=dept)
        _sync_group(user, role)
        if created:
            audit.record("accounts.grant", **_actor_label(by), target=f"user:{user.get_username()}",
                         detail={"role": role, "department": dept.name if dept else None})
    access.forget(user)
    return membership


def revoke(user, role: str, department: str | None = None, *, by=None) -> None:
    role = _role(role)
    with transaction.atomic():
        if role in DEPARTMENT_ROLES and not department:
            raise StaffError(_("Name the department whose %(role)s role to take away (--department).")
                             % {"role": role})
        memberships = Membership.objects.filter(user=user, role=role)
        memberships = (memberships.filter(department__name=department) if department
                       else memberships.filter(department__isnull=True))
        if not memberships.exists():
            raise StaffError(_("%(user)s does not hold the role %(role)s%(where)s.")
                             % {"user": user.get_username(), "role": role,
                                "where": f" ({department})" if department else ""})
        others = (Membership.objects.filter(role=Role.ADMIN, user__is_active=True).exclude(user=user).exists()
                  or get_user_model().objects.filter(is_superuser=True, is_active=True).exclude(pk=user.pk).exists())
        if role == Role.ADMIN and not others:
            raise StaffError(_("%(user)s is the last service administrator: grant the role to someone else "
                               "first.") % {"user": user.get_username()})
        memberships.delete()
        _sync_group(user, role)
        audit.record("accounts.revoke", **_actor_label(by), target=f"user:{user.get_username()}",
                     detail={"role": role, "department": department})
    access.forget(user)


def add_staff(username: str, password: str, *, role: str, department: str | None = None, display_name: str = "",
              by=None, create_department: bool = False):
    """A new staff account holding one role. The password must pass AUTH_PASSWORD_VALIDATORS."""
    User = get_user_model()
    username = (username or "").strip()
    if not username:
        raise StaffError(_("Give a user name."))
    if User.objects.filter(username__iexact=username).exists():
        raise StaffError(_("The user name %(user)s is taken. Choose another, or grant a role to the existing "
                           "account.") % {"user": username})
    _role(role)
    with transaction.atomic():
        user = User(username=username, first_name=display_name.strip()[:150], is_staff=True)
        try:
            password_validation.validate_password(password, user)
        except ValidationError as exc:
            raise StaffError(_("The password is not strong enough: %(why)s")
                             % {"why": " ".join(exc.messages)}) from None
        user.set_password(password)
        user.save()
        audit.record("accounts.add_staff", **_actor_label(by), target=f"user:{username}",
                     detail={"display_name": user.first_name})
        grant(user, role, department, by=by, create_department=create_department)
    return user


def reset_two_factor(user, *, by=None) -> int:
    """Remove the user's authenticator: they enrol again at their next login. Returns devices removed."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    removed, _detail = TOTPDevice.objects.filter(user=user).delete()
    audit.record("accounts.two_factor_reset", **_actor_label(by), target=f"user:{user.get_username()}",
                 detail={"devices": removed})
    return removed


def unlock(user, *, by=None) -> int:
    ended = lockout.unlock(user.get_username())
    audit.record("accounts.unlock", **_actor_label(by), target=f"user:{user.get_username()}",
                 detail={"lockouts": ended})
    return ended


def has_two_factor(user) -> bool:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def totp_secret(device) -> str:
    """The key as authenticator apps take it when typed (base32, in groups of four)."""
    key = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i:i + 4] for i in range(0, len(key), 4))


# The demo's accounts: one per role, an editor and an approver in two departments.
DEMO_STAFF = [
    ("admin", Role.ADMIN, None),
    ("editor-kenko", Role.EDITOR, "健康支援課"),
    ("approver-kenko", Role.APPROVER, "健康支援課"),
    ("editor-kodomo", Role.EDITOR, "こども家庭支援課"),
    ("approver-kodomo", Role.APPROVER, "こども家庭支援課"),
    ("registrar", Role.REGISTRAR, None),
    ("auditor", Role.AUDITOR, None),
]


def ensure_demo_staff() -> list[tuple[str, str, str]]:
    """The demo's staff, one account per role: [(user name, password, what it is)]. Passwords are kept in
    DATA_DIR/demo-staff.json so every start prints the same ones. Administrators and approvers get a
    confirmed authenticator whose key is printed (add it to an authenticator app, or run
    `foryou staff totp-code USER` in debug mode for the current code)."""
    path = Path(settings.DATA_DIR) / "demo-staff.json"
    try:
        saved = json.loads(path.read_text())
    except (FileNotFoundError, ValueError):
        saved = {}
    User = get_user_model()
    result = []
    with transaction.atomic():
        for username, role, dept in DEMO_STAFF:
            user = User.objects.filter(username=username).first()
            password = saved.get(username)
            if user is None or not password:
                password = "-".join(secrets.token_hex(3) for _ in range(3))
                if user is None:
                    user = add_staff(username, password, role=role, department=dept, create_department=True,
                                     display_name=_("Demo %(role)s") % {"role": Role(role).label})
                else:
                    user.set_password(password)
                    user.save(update_fields=["password"])
                saved[username] = password
            if role not in access.roles(user) or (dept and not access.can_view_department(user, dept)):
                grant(user, role, dept, create_department=True)
            description = str(Role(role).label) + (f" ({dept})" if dept else "")
            if access.needs_two_factor(user):
                description += " / " + _("two-factor key: %(key)s") % {"key": ensure_demo_authenticator(user)}
            result.append((username, password, description))
    path.write_text(json.dumps(saved, ensure_ascii=False, indent=1) + "\n")
    path.chmod(0o600)
    return result


def ensure_demo_authenticator(user) -> str:
    """A demo account that needs two-factor (administrators, approvers, the demo's superuser) gets a
    confirmed authenticator once; returns its key to print. Demo only: real staff enrol themselves."""
    from foryou.accounts.models import StaffAuthenticator

    device = StaffAuthenticator.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = StaffAuthenticator.objects.create(user=user, name="demo", confirmed=True)
        audit.record("accounts.two_factor_enrolled", target=f"user:{user.get_username()}", detail={"demo": True})
    return totp_secret(device)
