"""foryou deliveries status|sweep|resume CHANNEL: the gateway's delivery queue, for operators."""

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count

from foryou.gateway.delivery.claims import halted, resume
from foryou.gateway.delivery.sweep import sweep
from foryou.gateway.models import ChannelState, Delivery, DeliveryOrder


class Command(BaseCommand):
    help = "Show the delivery queue, give up stale deliveries, or let a halted channel send again."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("status", help="Deliveries by channel and status, open orders, halted channels.")
        sub.add_parser("sweep", help="Give up deliveries older than FORYOU_DELIVERY_GIVE_UP_HOURS.")
        r = sub.add_parser("resume", help="Let every worker use a halted channel again (after fixing the cause).")
        r.add_argument("channel", choices=["line", "email"])

    def handle(self, *args, action, **options):
        if action == "sweep":
            self.stdout.write(f"{sweep():,} deliveries given up (timed_out)")
        elif action == "resume":
            state = halted(options["channel"])
            if state is None:
                raise CommandError(f"The {options['channel']} channel is not halted; nothing to resume.")
            resume(options["channel"])
            self.stdout.write(f"{options['channel']}: resumed (was halted: {state.halted}: {state.detail})")
        else:
            for row in Delivery.objects.values("channel", "status").annotate(n=Count("id")).order_by("channel", "status"):
                self.stdout.write(f"{row['channel']:6} {row['status']:18} {row['n']:>10,}")
            self.stdout.write(f"open orders: {DeliveryOrder.objects.exclude(status='finished').count()}")
            for state in ChannelState.objects.exclude(halted=""):
                self.stdout.write(f"HALTED {state.channel}: {state.halted} since {state.since:%Y-%m-%d %H:%M} "
                                  f"({state.detail}) — fix the cause, then `foryou deliveries resume {state.channel}`")
