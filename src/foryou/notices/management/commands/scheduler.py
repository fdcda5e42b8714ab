"""foryou scheduler: the console's clock (see notices/automation.py). Run it as one service."""

import logging
import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from foryou.bridge.client import BridgeError
from foryou.notices.automation import Clock

log = logging.getLogger("foryou.scheduler")


class Command(BaseCommand):
    help = "Start scheduled sends, run daily trigger programs, and sync with the gateway, every few seconds."

    def add_arguments(self, parser):
        parser.add_argument("--every", type=float, default=5.0, help="Seconds between rounds (default 5).")
        parser.add_argument("--once", action="store_true", help="One round, then exit (for cron).")

    def handle(self, *args, every, once, **options):
        clock = Clock()
        while True:
            try:
                done = clock.tick()
                if any(done.values()):
                    log.info("scheduler: %s", ", ".join(f"{k} {v}" for k, v in done.items()))
            except BridgeError as exc:
                log.warning("%s", exc)
            finally:
                close_old_connections()
            if once:
                return
            time.sleep(every)
