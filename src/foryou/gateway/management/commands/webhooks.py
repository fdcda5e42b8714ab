"""foryou webhooks list|retry|drop: LINE webhook events whose handling failed (the dead-letter list).

LINE does not deliver an event again once we answered 200, so an event that fails in the worker waits
here: `list` shows id, type, when it came, attempts and the error's class (never its content); `retry`
handles it again now (after fixing the cause); `drop` gives it up and empties what was kept of it."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from foryou.gateway.db import DB
from foryou.gateway.line.handlers import handle
from foryou.gateway.models import WebhookEvent


def dead_letters():
    return (WebhookEvent.objects.using(DB).filter(outcome=WebhookEvent.FAILED, handled_at__isnull=True)
            .order_by("received_at", "id"))


class Command(BaseCommand):
    help = "List, retry or drop LINE webhook events whose handling failed."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("list", help="Failed events: id, type, received, attempts, error class.")
        for name, what in (("retry", "Handle failed events again now."), ("drop", "Give failed events up.")):
            p = sub.add_parser(name, help=what)
            p.add_argument("event_ids", nargs="*", metavar="EVENT_ID")
            p.add_argument("--all", action="store_true", help="Every event on the list.")

    def handle(self, *args, action, **options):
        if action == "list":
            rows = list(dead_letters())
            for event in rows:
                self.stdout.write(f"{event.event_id}  {event.kind or '-':12} {timezone.localtime(event.received_at):%Y-%m-%d %H:%M}"
                                  f"  attempts {event.attempts}  {event.failure}")
            self.stdout.write(f"{len(rows)} failed event(s)")
            return
        chosen = self._chosen(options["event_ids"], options["all"])
        if action == "retry":
            failed = 0
            for event_id in chosen:
                try:
                    outcome = handle(event_id)
                except Exception as error:  # stays on the list; the class only, never the content
                    failed += 1
                    outcome = f"failed again ({type(error).__name__})"
                self.stdout.write(f"{event_id}  {outcome}")
            if failed:
                raise CommandError(f"{failed} of {len(chosen)} event(s) failed again and stay on the list.")
        else:
            dropped = dead_letters().filter(event_id__in=chosen).update(
                handled_at=timezone.now(), outcome="dropped", body={})
            self.stdout.write(f"{dropped} event(s) dropped")

    def _chosen(self, event_ids: list[str], every: bool) -> list[str]:
        if every == bool(event_ids):
            raise CommandError("Name the events (EVENT_ID …) or give --all, not both.")
        listed = list(dead_letters().values_list("event_id", flat=True))
        if every:
            return listed
        unknown = [event_id for event_id in event_ids if event_id not in listed]
        if unknown:
            raise CommandError(f"Not on the dead-letter list: {', '.join(unknown)} (see `foryou webhooks list`).")
        return event_ids
