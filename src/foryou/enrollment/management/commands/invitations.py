"""foryou invitations: invitation letters from the command line.

    foryou invitations propose --program kenko-shinsa --user editor-kenko
    foryou invitations approve 3 --user approver-kenko
    foryou invitations decline 0000012343 --user registrar
    foryou invitations list

Printing goes through postcard batches as for applications (foryou postcards / the postcards page)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from foryou.enrollment import invitations
from foryou.enrollment.models import InvitationBatch


class Command(BaseCommand):
    help = "Propose, approve and follow invitation letters."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["propose", "approve", "decline", "list"])
        parser.add_argument("target", nargs="?", help="approve: the batch number; decline: the resident id")
        parser.add_argument("--program", help="propose: the program whose target persons are invited")
        parser.add_argument("--user", help="the staff member acting (audited)")

    def _user(self, name):
        user = get_user_model().objects.filter(username=name or "").first()
        if user is None:
            raise CommandError(_("Name the staff member acting with --user (an existing user name)."))
        return user

    def handle(self, *args, action, target=None, program=None, user=None, **options):
        try:
            if action == "propose":
                if not program:
                    raise CommandError(_("Name the program with --program (its code, e.g. kenko-shinsa)."))
                batch = invitations.propose(program, self._user(user))
                self.stdout.write(_("Invitation batch %(id)s: %(n)s residents, waiting for approval.")
                                  % {"id": batch.pk, "n": len(batch.resident_ids)})
            elif action == "approve":
                batch = InvitationBatch.objects.filter(pk=int(target or 0)).first()
                if batch is None:
                    raise CommandError(_("No invitation batch %(id)s.") % {"id": target})
                issued = invitations.approve(batch, self._user(user))
                self.stdout.write(_("%(n)s numbers issued; print the postcards from the postcards page.") % {"n": issued})
            elif action == "decline":
                invitations.decline(target or "", self._user(user))
            for batch in InvitationBatch.objects.all()[:20] if action == "list" else ():
                c = invitations.conversion(batch)
                self.stdout.write(f"#{batch.pk} {batch.program_code} {batch.get_status_display()} "
                                  f"{c['activated']}/{c['issued']}")
        except invitations.InvitationRefused as exc:
            raise CommandError(str(exc)) from None
