"""foryou bridge sync [--every SECONDS]: exchange messages with the gateway (the console calls out)."""

import time

from django.core.management.base import BaseCommand, CommandError

from foryou.bridge.client import BridgeError, HttpTransport, sync


class Command(BaseCommand):
    help = "Push pending messages to the gateway and pull what happened there (once, or every N seconds)."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["sync"])
        parser.add_argument("--gateway", help="Gateway base URL (default FORYOU_GATEWAY_URL).")
        parser.add_argument("--every", type=float, default=0, help="Repeat every N seconds until stopped.")

    def handle(self, *args, gateway=None, every=0.0, **options):
        transport = HttpTransport(gateway)
        while True:
            try:
                result = sync(transport)
            except BridgeError as exc:
                if not every:
                    raise CommandError(str(exc))
                self.stderr.write(str(exc))
            else:
                self.stdout.write(f"bridge: pushed {result.pushed}, pulled {result.pulled}, applied {result.applied}")
            if not every:
                return
            time.sleep(every)
