"""foryou postcards [print|mailed BATCH|returned NUMBER]: print runs of registration postcards."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from foryou.enrollment.models import PostcardBatch, Registration
from foryou.shared.numbers import normalize
from foryou.enrollment.postcard_batches import BATCH_LIMIT, make_batch, mark_mailed, mark_returned
from foryou.residents import store


class Command(BaseCommand):
    help = "Print the postcards of registrations waiting for one as a single PDF, or record mailing and returns."

    def add_arguments(self, parser):
        parser.add_argument("action", nargs="?", default="print", choices=["print", "mailed", "returned"])
        parser.add_argument("target", nargs="?", help="Batch number (mailed) or registration number (returned).")
        parser.add_argument("--limit", type=int, default=BATCH_LIMIT,
                            help=f"At most this many postcards in one PDF (default {BATCH_LIMIT:,}).")

    def handle(self, *args, action, target, limit, **options):
        if action == "print":
            try:
                result = make_batch(limit=limit)
            except store.NoSnapshot as exc:
                raise CommandError(str(exc))
            if result.held_back:
                self.stderr.write(_("%(n)s registrations were not printed (支援措置, no longer resident or not in the "
                                    "registry): handle them in the console.") % {"n": len(result.held_back)})
            if result.batch is None:
                self.stdout.write(_("No postcards to print."))
            else:
                self.stdout.write(_("Batch %(id)s: %(n)s postcards → %(pdf)s") % {
                    "id": result.batch.pk, "n": result.batch.cards, "pdf": result.batch.pdf})
            return
        if not target:
            raise CommandError(_("Give the batch number (mailed) or the registration number (returned)."))
        if action == "mailed":
            batch = PostcardBatch.objects.filter(pk=target).first() if target.isdigit() else None
            if batch is None:
                raise CommandError(_("No postcard batch %(id)s.") % {"id": target})
            mark_mailed(batch)
            self.stdout.write(_("Batch %(id)s marked as mailed.") % {"id": batch.pk})
            return
        registration = Registration.objects.filter(number=normalize(target)).first()
        if registration is None:
            raise CommandError(_("No registration number %(n)s.") % {"n": target})
        mark_returned(registration)
        self.stdout.write(_("Marked as returned undeliverable; the number was voided."))
