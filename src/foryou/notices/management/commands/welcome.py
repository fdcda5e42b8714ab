"""foryou welcome [--notice ID]: show or choose the welcome digest's template (a notice without a program,
approved like any notice; notices/welcome.py)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from foryou.notices.models import Notice, WelcomeDigest


class Command(BaseCommand):
    help = "Show or choose the notice used as the welcome digest's template."

    def add_arguments(self, parser):
        parser.add_argument("--notice", type=int, help="The notice (without a program) to use as the template.")

    def handle(self, *args, notice=None, **options):
        if notice is not None:
            chosen = Notice.objects.filter(pk=notice).first()
            if chosen is None or chosen.program_code:
                raise CommandError(_("Notice %(id)s is not a notice without a program; write one on the notices "
                                     "page first.") % {"id": notice})
            WelcomeDigest.objects.all().delete()
            WelcomeDigest.objects.create(notice=chosen)
        digest = WelcomeDigest.objects.select_related("notice").first()
        if digest is None:
            self.stdout.write(_("No welcome digest template: choose one with foryou welcome --notice ID."))
            return
        version = digest.notice.sendable
        self.stdout.write(_("Welcome digest template: notice %(id)s, %(state)s") % {
            "id": digest.notice.pk,
            "state": _("approved version %(n)s") % {"n": version.number} if version else _("not approved yet")})
