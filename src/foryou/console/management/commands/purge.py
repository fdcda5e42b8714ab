"""foryou purge (console): delete the personal data the console no longer needs (docs/privacy.md).

`foryou scheduler` runs the same purge once a day and at start-up; this command is for cron or to run it
now. It prints and audits counts only."""

from django.core.management.base import BaseCommand

from foryou.audit import services as audit
from foryou.console import retention


class Command(BaseCommand):
    help = ("Delete decided applications, mailed postcard PDFs, pushed bridge messages and audit entries past "
            "their retention period.")

    def handle(self, *args, **options):
        with audit.from_command():
            counts = retention.purge()
        for key, value in counts.items():
            self.stdout.write(f"{key}: {value}")
