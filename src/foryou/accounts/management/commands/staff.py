"""foryou staff add|list|grant|revoke|reset-2fa|enrolment-code|unlock|totp-code — staff accounts from the
terminal."""

import getpass
import sys

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from foryou.accounts import access, enrolment, lockout, services
from foryou.accounts.models import Membership, Role


class Command(BaseCommand):
    help = "Staff accounts: add, list, grant and revoke roles, reset two-factor authentication, unlock."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        roles = ", ".join(Role.values)

        add = actions.add_parser("add", help="Add a staff account with one role.")
        add.add_argument("username")
        add.add_argument("--role", required=True, help=f"One of: {roles}.")
        add.add_argument("--department", help="Department (所管課) of an editor or approver, as programs/*.yml name it.")
        add.add_argument("--name", default="", help="The person's name, as shown to other staff.")
        add.add_argument("--password-stdin", action="store_true", help="Read the password from standard input.")
        add.add_argument("--new-department", action="store_true", help="Create the department if no program names it.")

        actions.add_parser("list", help="List staff with their roles, departments and two-factor status.")

        for name, text in (("grant", "Give a staff member a role."), ("revoke", "Take a role away.")):
            sub = actions.add_parser(name, help=text)
            sub.add_argument("username")
            sub.add_argument("--role", required=True, help=f"One of: {roles}.")
            sub.add_argument("--department", help="Department (所管課) for editor and approver roles.")
            if name == "grant":
                sub.add_argument("--new-department", action="store_true",
                                 help="Create the department if no program names it.")

        reset = actions.add_parser("reset-2fa", help="Remove a staff member's authenticator; they set up a new one "
                                                     "at the next login.")
        reset.add_argument("username")
        enrol = actions.add_parser("enrolment-code", help="Issue a one-time code (valid FORYOU_ENROLMENT_CODE_HOURS) "
                                                         "the staff member enters before setting up two-factor.")
        enrol.add_argument("username")
        unlock = actions.add_parser("unlock", help="End a lockout after failed logins now.")
        unlock.add_argument("username")
        code = actions.add_parser("totp-code", help="Debug mode only: the current two-factor code of an account "
                                                    "(for the demo's accounts).")
        code.add_argument("username")

    def handle(self, *args, action, **options):
        from foryou.audit import services as audit

        try:
            with audit.from_command():  # the OS user and host go with every entry
                getattr(self, "_" + action.replace("-", "_"))(**options)
        except services.StaffError as exc:
            raise CommandError(str(exc)) from None

    def _user(self, username: str):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(_("There is no staff account %(user)s. See `foryou staff list`, or add it with "
                                 "`foryou staff add %(user)s --role ROLE`.") % {"user": username})
        return user

    def _password(self, from_stdin: bool) -> str:
        if from_stdin:
            return sys.stdin.readline().rstrip("\n")
        if not sys.stdin.isatty():
            raise CommandError(_("No terminal to ask for the password: pass it on standard input with "
                                 "--password-stdin."))
        first = getpass.getpass(_("Password: "))
        if first != getpass.getpass(_("Password (again): ")):
            raise CommandError(_("The two passwords differ. Run the command again."))
        return first

    def _add(self, username, role, department, name, password_stdin, new_department, **_options):
        password = self._password(password_stdin)
        user = services.add_staff(username, password, role=role, department=department, display_name=name,
                                  create_department=new_department)
        self.stdout.write(_("Added %(user)s as %(role)s.") % {"user": user.username, "role": self._describe(user)})
        if access.needs_two_factor(user):
            self.stdout.write(_("This role needs two-factor authentication: %(user)s sets up an authenticator app "
                                "at the first login.") % {"user": user.username})

    def _describe(self, user) -> str:
        parts = [str(m.get_role_display()) + (f"({m.department.name})" if m.department else "")
                 for m in Membership.objects.of(user)]
        if user.is_superuser:
            parts.insert(0, f"{Role.ADMIN.label} ({_('superuser')})")
        return ", ".join(parts) or "-"

    def _list(self, **_options):
        from django_otp.plugins.otp_totp.models import TOTPDevice

        enrolled = set(TOTPDevice.objects.filter(confirmed=True).values_list("user_id", flat=True))
        users = get_user_model().objects.order_by("username")
        if not users.exists():
            self.stdout.write(_("No staff yet. Add the first administrator with "
                                "`foryou staff add NAME --role admin`."))
        for user in users:
            two_factor = (_("2FA set up") if user.pk in enrolled
                          else _("2FA not set up") if access.needs_two_factor(user) else "")
            until = lockout.locked_until(user.username, None)
            state = (_("inactive") if not user.is_active
                     else _("locked until %(time)s") % {"time": f"{timezone.localtime(until):%H:%M}"} if until else "")
            self.stdout.write("\t".join([user.username, user.first_name or "-", self._describe(user), two_factor, state]).rstrip())

    def _grant(self, username, role, department, new_department=False, **_options):
        user = self._user(username)
        services.grant(user, role, department, create_department=new_department)
        self.stdout.write(_("%(user)s now holds: %(roles)s.") % {"user": username, "roles": self._describe(user)})

    def _revoke(self, username, role, department, **_options):
        user = self._user(username)
        services.revoke(user, role, department)
        self.stdout.write(_("%(user)s now holds: %(roles)s.") % {"user": username, "roles": self._describe(user)})

    def _reset_2fa(self, username, **_options):
        user = self._user(username)
        removed = services.reset_two_factor(user)
        self.stdout.write(_("Removed %(n)s authenticator(s) of %(user)s; they set up a new one at the next login, "
                            "with an enrolment code (foryou staff enrolment-code %(user)s).")
                          % {"n": removed, "user": username})

    def _enrolment_code(self, username, **_options):
        user = self._user(username)
        if not access.needs_two_factor(user) or services.has_two_factor(user):
            raise CommandError(_("%(user)s needs no enrolment code: no authenticator to set up.") % {"user": username})
        code, expires_at = enrolment.issue(user)
        self.stdout.write(_("Enrolment code for %(user)s (once, until %(time)s): %(code)s")
                          % {"user": username, "time": timezone.localtime(expires_at).strftime("%Y-%m-%d %H:%M"),
                             "code": code})

    def _unlock(self, username, **_options):
        user = self._user(username)
        ended = services.unlock(user)
        self.stdout.write(_("%(user)s can log in again (%(n)s lockout(s) ended).") % {"user": username, "n": ended})

    def _totp_code(self, username, **_options):
        if not getattr(settings, "DEMO", False):
            raise CommandError(_("totp-code works in the demo only (foryou demo): in production, codes come "
                                 "from the staff member's own authenticator app."))
        from django_otp.oath import TOTP
        from django_otp.plugins.otp_totp.models import TOTPDevice

        device = TOTPDevice.objects.filter(user=self._user(username), confirmed=True).first()
        if device is None:
            raise CommandError(_("%(user)s has no authenticator set up.") % {"user": username})
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        self.stdout.write(f"{totp.token():0{device.digits}d}")
