"""foryou purge_gateway: delete or blank the personal data the gateway no longer needs (docs/privacy.md).

`foryou worker` queues the same purge once a day and at start-up; this command is for cron or to run it
now. It prints counts only, logs them, and reports them to the console over the bridge."""

from django.core.management.base import BaseCommand

from foryou.gateway import retention


class Command(BaseCommand):
    help = ("Delete finished deliveries, activation attempts, handled webhook events and finished tasks, and "
            "blank ended subscribers' LINE IDs and email addresses, past their retention period.")

    def handle(self, *args, **options):
        for key, value in retention.purge().items():
            self.stdout.write(f"{key}: {value}")
