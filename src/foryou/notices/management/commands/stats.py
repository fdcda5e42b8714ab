"""foryou stats [--json]: service-wide delivery statistics and each send's reach."""

import json

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from foryou.notices.stats import service_stats


class Command(BaseCommand):
    help = "Print registrants, notices sent, people reached and each send's results."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="Print JSON.")

    def handle(self, *args, json: bool, **options):
        stats = service_stats()
        if json:
            from foryou.enrollment.funnel import funnel

            stats["registration_funnel"] = funnel()
            self.stdout.write(__import__("json").dumps(stats, ensure_ascii=False, indent=2))
            return
        r = stats["registrants"]
        self.stdout.write(_("Registrants: %(active)s active (LINE %(line)s, email %(email)s)") % r)
        self.stdout.write(_("%(notices)s notices in %(sends)s sends reached %(people)s people") % {
            "notices": f"{stats['notices_sent']:,}", "sends": f"{stats['sends']:,}",
            "people": f"{stats['people_reached']:,}"})
        for o in stats["orders"][:20]:
            self.stdout.write(f"  {o['scheduled_for'][:16]}  {o['title'][:30]}  {o['reached']:,}/{o['recipients']:,}"
                              f"  {o['percent']}%")
