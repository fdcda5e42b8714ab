"""The registrant's settings, honoured when a worker claims new deliveries (claims.claim_new): a notice on
a topic they turned off, or one that is not urgent during their quiet period (しばらくお休み), is not sent;
a LINE delivery of someone who now wants email goes by email; an email delivery of someone who now
wants LINE only is not sent while LINE carries the notice.

Checked at claim time, per delivery, before the lot is grouped into batches: a change made while a send
is running applies to every batch not yet claimed, and a batch once claimed is sent as it was made —
never half of it. Deliveries set aside are final, with the reason staff see on the send's page."""

from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone

from foryou.gateway.db import DB
from foryou.gateway.delivery.fallback import fall_back
from foryou.gateway.delivery.models import Delivery, DeliveryOrder
from foryou.shared.delivery import Reason
from foryou.shared.preferences import ChannelChoice, quiet

S = Delivery.Status


@dataclass
class SetAside:
    set_aside: set[int] = field(default_factory=set)


def sort_out(order: DeliveryOrder, channel: str, claim: str, now) -> SetAside:
    """Mark the deliveries of this claim that the registrants' settings rule out; returns their ids. Call in
    the claiming transaction. The database narrows a lot of thousands to the few with a setting that may
    apply; the rules below decide."""
    today = timezone.localdate(now)
    may_apply = ~Q(subscriber__channel_choice="")
    if not order.urgent:
        may_apply |= Q(subscriber__quiet_until__gte=today)
    if order.topic:
        may_apply |= Q(subscriber__topics_off__icontains=f'"{order.topic}"')  # JSON text: a candidate only
    # exclude(claim=""): the condition of the partial index delivery_claim, which SQLite must see to use it
    rows = Delivery.objects.using(DB).filter(claim=claim).exclude(claim="").filter(may_apply).values_list(
        "id", "subscriber_id", "subscriber__topics_off", "subscriber__quiet_until", "subscriber__channel_choice",
        "subscriber__email", "subscriber__email_confirmed_at", "subscriber__line_user_id", "subscriber__line_reachable")
    reasons: dict[str, list[int]] = {Reason.TOPIC_OFF: [], Reason.QUIET: [], Reason.CHANNEL_CHOICE: []}
    to_email, email_only_on_line = [], {}
    for delivery_id, subscriber_id, topics_off, quiet_until, choice, email, confirmed, line_user, reachable in rows:
        if order.topic and order.topic in (topics_off or ()):
            reasons[Reason.TOPIC_OFF].append(delivery_id)
        elif not order.urgent and quiet(quiet_until, today):
            reasons[Reason.QUIET].append(delivery_id)
        elif channel == Delivery.Channel.LINE and choice == ChannelChoice.EMAIL and email and confirmed:
            to_email.append(delivery_id)
        elif channel == Delivery.Channel.EMAIL and choice == ChannelChoice.LINE and line_user and reachable:
            email_only_on_line[subscriber_id] = delivery_id
    if email_only_on_line:  # only where LINE is carrying this notice (not where it fell back to email)
        on_line = set(Delivery.objects.using(DB).filter(
            notice_ref=order.notice_ref, channel=Delivery.Channel.LINE, subscriber_id__in=list(email_only_on_line)
        ).exclude(status__in=(S.FELL_BACK, S.FAILED_PERMANENT, S.FAILED_TECHNICAL)).values_list("subscriber_id", flat=True))
        reasons[Reason.CHANNEL_CHOICE] += [d for s, d in email_only_on_line.items() if s in on_line]
    for reason, ids in reasons.items():
        if ids:
            Delivery.objects.using(DB).filter(pk__in=ids).update(
                status=S.FAILED_PERMANENT, reason=reason, final_at=now, batch=None)
    if to_email:
        fall_back(to_email, Reason.CHANNEL_CHOICE)
    return SetAside({d for ids in reasons.values() for d in ids} | set(to_email))
