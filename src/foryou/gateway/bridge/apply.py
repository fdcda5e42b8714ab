"""Applying the console's messages in the gateway."""

from datetime import datetime

from django.utils import timezone

from foryou.shared.bridge import messages
from foryou.gateway.delivery import orders
from foryou.gateway.models import Subscriber


def apply(kind: str, body: dict) -> None:
    if kind == messages.NUMBER_ISSUED:
        Subscriber.objects.update_or_create(
            number=body["number"],
            defaults={"expires_at": datetime.fromisoformat(body["expires_at"]), "status": Subscriber.Status.ISSUED},
        )
    elif kind == messages.REGISTRATION_STOPPED:
        Subscriber.objects.filter(number=body["number"]).exclude(status=Subscriber.Status.VOID).update(
            status=Subscriber.Status.INACTIVE, ending=body["ending"], ended_at=timezone.now())
    elif kind == messages.SEND_ORDER:
        orders.receive_order(body)
    elif kind == messages.SEND_RECIPIENTS:
        orders.receive_recipients(body)
    elif kind == messages.NUMBER_VOIDED:
        Subscriber.objects.filter(number=body["number"]).update(status=Subscriber.Status.VOID, ending=body["reason"])
