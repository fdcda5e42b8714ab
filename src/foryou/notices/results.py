"""A send's figures as the send page shows them: the progress, a stacked bar of outcomes and the
failures by reason, from foryou.notices.stats.order_stats (the gateway's latest report). Bars are SVG
drawn from numbers in attributes: the console's CSP allows no inline style."""

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from foryou.shared.delivery import HALTING, Reason, reason_label
from foryou.notices import delivery_hours
from foryou.notices.models import SendOrder
from foryou.notices.stats import OrderStats, order_stats

SOON = timedelta(minutes=10)


@dataclass
class Segment:
    key: str
    label: str
    count: int
    x: float = 0.0
    width: float = 0.0


def segments(s: OrderStats) -> list[Segment]:
    """Outcomes side by side, as parts of one bar 100 units wide (empty ones left out)."""
    parts = [Segment("line", _("LINE accepted"), s.accepted), Segment("email", _("Email sent"), s.sent),
             Segment("failed", _("Failed"), s.failed_total), Segment("undeliverable", _("Not deliverable"),
                                                                     s.not_deliverable),
             Segment("waiting", _("Waiting"), s.waiting)]
    total = max(sum(p.count for p in parts), s.recipients, 1)
    x = 0.0
    for part in parts:
        part.x, part.width = round(x, 3), round(100 * part.count / total, 3)
        x += part.width
    return [p for p in parts if p.count]


def reasons(s: OrderStats) -> list[dict]:
    biggest = max(s.failed.values(), default=0) or 1
    return [{"code": code, "label": reason_label(code), "count": n, "width": round(100 * n / biggest, 2)}
            for code, n in sorted(s.failed.items(), key=lambda item: -item[1])]


def phase(order: SendOrder, s: OrderStats) -> str:
    if order.status == SendOrder.Status.SCHEDULED:
        return "starting" if order.scheduled_for <= timezone.now() else "scheduled"
    if order.status == SendOrder.Status.SENDING and not order.progress:
        return "handing_over"  # frozen; the gateway has not reported yet
    if order.status == SendOrder.Status.SENDING and held_for_window(order):
        return "window"  # the gateway holds its deliveries until the delivery window opens
    return order.status


def held_for_window(order: SendOrder) -> int:
    """Deliveries the gateway reported as held for the delivery window (reason `window`)."""
    return int(((order.progress or {}).get("reasons") or {}).get(Reason.WINDOW, 0) or 0)


def poll_seconds(order: SendOrder) -> int | None:
    """How often the page asks again: every 2 s while sending or about to start, else every minute;
    never once it is over."""
    if order.status == SendOrder.Status.SENDING:
        return 30 if held_for_window(order) else 2
    if order.status == SendOrder.Status.SCHEDULED:
        return 2 if order.scheduled_for - timezone.now() <= SOON else 60
    return None


def results(order: SendOrder) -> dict:
    s = order_stats(order)
    halted = sorted(code for code in s.failed if code in HALTING) if order.status == SendOrder.Status.SENDING else []
    current = phase(order, s)
    return {"order": order, "stats": s, "percent": s.percent, "phase": current,
            "window_message": delivery_hours.waiting_message() if current == "window" else "", "segments": segments(s),
            "reasons": reasons(s), "poll": poll_seconds(order), "halted": [reason_label(c) for c in halted],
            "click_rate": round(100 * s.clicks / s.accepted) if order.tracked and s.accepted else None,
            "reach_rate": round(100 * s.reached / s.recipients) if s.recipients else None}
