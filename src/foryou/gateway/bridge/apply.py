"""Applying the console's messages in the gateway (typed bodies from foryou.shared.bridge.messages)."""

from datetime import datetime

from django.utils import timezone

from foryou.shared.bridge import messages
from foryou.gateway import applications
from foryou.gateway.delivery import orders
from foryou.gateway.models import Subscriber


def apply(kind: str, body: messages.Body) -> None:
    body = messages.parse_body(kind, body)
    if isinstance(body, messages.NumberIssuedBody):
        Subscriber.objects.update_or_create(
            number=body.number,
            defaults={"expires_at": datetime.fromisoformat(body.expires_at), "status": Subscriber.Status.ISSUED},
        )
    elif isinstance(body, messages.RegistrationStoppedBody):
        Subscriber.objects.filter(number=body.number).exclude(status=Subscriber.Status.VOID).update(
            status=Subscriber.Status.INACTIVE, ending=body.ending, ended_at=timezone.now())
    elif isinstance(body, messages.SendOrderBody):
        orders.receive_order(body)
    elif isinstance(body, messages.SendRecipientsBody):
        orders.receive_recipients(body)
    elif isinstance(body, messages.NumberVoidedBody):
        Subscriber.objects.filter(number=body.number).update(status=Subscriber.Status.VOID, ending=body.reason)
    elif isinstance(body, messages.ApplicationRejectedBody):
        applications.tell_rejected(body)
