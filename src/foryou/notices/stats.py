"""Statistics for staff and for `foryou stats --json`: each send order's reach, and service-wide
figures of the kind the city reports ("212 notices to 36,493 people, about 10,800 registrants")."""

from collections import defaultdict
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth

from foryou.enrollment.models import Registration
from foryou.notices.models import Notice, SendOrder
from foryou.notices.sending import TOKYO
from foryou.shared.delivery import FAILED, FINAL, NOT_FAILURES, Reason, Status


@dataclass
class OrderStats:
    order: str
    notice: int
    title: str
    kind: str
    status: str
    scheduled_for: str
    targeted: int
    recipients: int
    accepted: int = 0  # LINE
    sent: int = 0  # email
    fell_back: int = 0
    failed: dict = field(default_factory=dict)  # reason → count
    failed_total: int = 0  # deliveries that failed for good (each recipient once)
    waiting: int = 0
    not_deliverable: int = 0
    clicks: int = 0
    held_for_window: int = 0  # deliveries the gateway holds until the delivery window opens
    language: str = "ja"  # the language version the order carries (foryou.notices.translations)
    languages: dict = field(default_factory=dict)  # its recipients by their own language
    language_fallbacks: int = 0  # of them, those whose language the notice had no version in

    @property
    def reached(self) -> int:
        return self.accepted + self.sent

    @property
    def done(self) -> int:
        """Recipients with a final outcome (fallbacks count once, by their email)."""
        return self.recipients - self.waiting

    @property
    def percent(self) -> int:
        if self.status == SendOrder.Status.FINISHED or not self.recipients:
            return 100 if self.status == SendOrder.Status.FINISHED else 0
        return min(99, int(100 * self.done / self.recipients))

    def as_dict(self) -> dict:
        return asdict(self) | {"reached": self.reached, "percent": self.percent}


def order_stats(order: SendOrder) -> OrderStats:
    progress = order.progress or {}
    counts = progress.get("counts") or {}
    s = OrderStats(order=str(order.pk), notice=order.notice_id, title=order.version.title, kind=order.kind,
                   status=order.status, scheduled_for=order.scheduled_for.isoformat(),
                   targeted=order.targeted, recipients=order.recipients,
                   not_deliverable=progress.get("not_deliverable") or 0, clicks=progress.get("clicks") or 0,
                   language=order.language, languages=dict(order.languages or {}),
                   language_fallbacks=sum(n for code, n in (order.languages or {}).items() if code != order.language))
    for key, n in counts.items():
        channel, status = key.split(":")
        if status == Status.ACCEPTED:
            s.accepted += n
        elif status == Status.SENT:
            s.sent += n
        elif status == Status.FELL_BACK:
            s.fell_back += n
        elif status in FAILED:
            s.failed_total += n
        elif status not in FINAL:
            s.waiting += n
    s.failed = {reason: n for reason, n in (progress.get("reasons") or {}).items()
                if reason not in NOT_FAILURES}
    if order.status == SendOrder.Status.SENDING:
        s.held_for_window = (progress.get("reasons") or {}).get(Reason.WINDOW) or 0
    if order.status == SendOrder.Status.SENDING and not progress:
        s.waiting = order.recipients  # the gateway has not reported yet
    return s


def registrants_by_month() -> list[dict]:
    """Active registrants by channel at the end of each month since the first activation."""
    changes = defaultdict(lambda: defaultdict(int))
    for row in (Registration.objects.filter(activated_at__isnull=False)
                .annotate(month=TruncMonth("activated_at", tzinfo=TOKYO)).values("month", "channel")
                .annotate(n=Count("id"))):
        changes[row["month"].date()][row["channel"] or "line"] += row["n"]
    for row in (Registration.objects.filter(activated_at__isnull=False, ended_at__isnull=False)
                .annotate(month=TruncMonth("ended_at", tzinfo=TOKYO)).values("month", "channel")
                .annotate(n=Count("id"))):
        changes[row["month"].date()][row["channel"] or "line"] -= row["n"]
    series, running = [], defaultdict(int)
    for month in sorted(changes):
        for channel, n in changes[month].items():
            running[channel] += n
        series.append({"month": month.isoformat()[:7], "line": running["line"], "email": running["email"],
                       "total": running["line"] + running["email"]})
    return series


def send_key(order: SendOrder) -> tuple:
    """One send as staff count it: the orders one start made of a booked send — a wording or a language
    version each (decisions 0027, 0055) — are one send; the holdout's delayed send is a send of its own."""
    return (order.notice_id, order.kind, order.started_at or order.pk)


def service_stats(today: date | None = None) -> dict:
    orders = list(SendOrder.objects.real().filter(status__in=[SendOrder.Status.SENDING, SendOrder.Status.FINISHED])
                  .select_related("version"))
    per_order = [order_stats(o) for o in orders]
    reached = sum(s.reached for s in per_order)
    recipients = sum(s.recipients for s in per_order)
    active = Registration.objects.active()
    return {
        "registrants": {"active": active.count(),
                        "line": active.filter(channel="line").count(),
                        "email": active.filter(channel="email").count(),
                        "with_tax_consent": active.filter(tax_consent=True).count()},
        "notices_sent": len({s.notice for s in per_order}),
        "sends": len({send_key(o) for o in orders}),
        "people_reached": reached,
        "recipients": recipients,
        "delivery_success": round(reached / recipients, 4) if recipients else None,
        "fallbacks": sum(s.fell_back for s in per_order),
        # Recipients sent another language's version than their own (no version in it: notices/translations.py).
        "language_fallbacks": sum(s.language_fallbacks for s in per_order),
        "registrants_by_month": registrants_by_month(),
        "orders": [s.as_dict() for s in sorted(per_order, key=lambda s: s.scheduled_for, reverse=True)],
    }


def sends_by_month(first: date, last: date) -> list[dict]:
    """Sends started (or, before they start, scheduled) in each month from first to last (Asia/Tokyo),
    with their recipients and the people reached: the dashboard's bars."""
    months = {}
    day = first.replace(day=1)
    while day <= last:
        months[day.isoformat()[:7]] = {"month": day.isoformat()[:7], "sends": 0, "recipients": 0, "reached": 0}
        day = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    counted = set()
    start = datetime.combine(first.replace(day=1), time(), tzinfo=TOKYO)
    for order in (SendOrder.objects.filter(status__in=[SendOrder.Status.SENDING, SendOrder.Status.FINISHED])
                  .filter(Q(started_at__gte=start) | Q(started_at__isnull=True, scheduled_for__gte=start))
                  .select_related("version")):
        when = (order.started_at or order.scheduled_for).astimezone(TOKYO)
        row = months.get(when.date().isoformat()[:7])
        if row is not None:
            s = order_stats(order)
            row["sends"] += send_key(order) not in counted
            counted.add(send_key(order))
            row["recipients"] += s.recipients
            row["reached"] += s.reached
    return list(months.values())


def orders_between(first: date, last: date, departments: set[str] | None = None):
    """Sends to residents (test sends left out) that started, or before they start were scheduled, from
    first to last inclusive (Asia/Tokyo), of notices of these departments (None: every department);
    with their notice and version, for reports."""
    start = datetime.combine(first, time(), tzinfo=TOKYO)
    end = datetime.combine(last + timedelta(days=1), time(), tzinfo=TOKYO)
    return (SendOrder.objects.real()
            .filter(status__in=[SendOrder.Status.SENDING, SendOrder.Status.FINISHED],
                    notice__in=Notice.objects.in_departments(departments))
            .filter(Q(started_at__gte=start, started_at__lt=end)
                    | Q(started_at__isnull=True, scheduled_for__gte=start, scheduled_for__lt=end))
            .select_related("version", "notice"))


def active_registrant_ids() -> list[str]:
    """The 宛名番号 of every active registration (one per registrant), for reports against the registry."""
    return list(Registration.objects.active().values_list("resident_id", flat=True))
