"""Applying the console's messages in the gateway (typed bodies from foryou.shared.bridge.messages)."""

from datetime import datetime

from django.utils import timezone

from foryou.shared.bridge import messages
from foryou.gateway import applications, number_keys
from foryou.gateway.delivery import orders
from foryou.gateway.models import Subscriber


def apply(kind: str, body: messages.Body) -> None:
    body = messages.parse_body(kind, body)
    if isinstance(body, messages.NumberIssuedBody):
        # Kept as its keyed hash only: an unused number is a credential (foryou.gateway.number_keys).
        Subscriber.objects.update_or_create(
            number_hash=number_keys.digest(body.number),
            defaults={"expires_at": datetime.fromisoformat(body.expires_at), "status": Subscriber.Status.ISSUED,
                      "number": ""},
        )
        applications.tell_accepted(body)
    elif isinstance(body, messages.RegistrationStoppedBody):
        Subscriber.objects.by_number(body.number).exclude(status=Subscriber.Status.VOID).update(
            status=Subscriber.Status.INACTIVE, ending=body.ending, ended_at=timezone.now(), number="")
    elif isinstance(body, (messages.TestDeviceCodeBody, messages.TestDeviceRemovedBody)):
        from foryou.gateway import test_devices

        (test_devices.apply_code if isinstance(body, messages.TestDeviceCodeBody) else test_devices.apply_removed)(body)
    elif isinstance(body, messages.SendOrderBody):
        orders.receive_order(body)
    elif isinstance(body, messages.SendRecipientsBody):
        orders.receive_recipients(body)
    elif isinstance(body, messages.NumberVoidedBody):
        Subscriber.objects.by_number(body.number).update(status=Subscriber.Status.VOID, ending=body.reason, number="")
    elif isinstance(body, messages.ApplicationRejectedBody):
        applications.tell_rejected(body)
    elif isinstance(body, messages.IdentityDecidedBody):
        from foryou.gateway.mynumber import services as mynumber

        mynumber.apply_decided(body)
    elif isinstance(body, (messages.CaseworkFormBody, messages.CaseworkStatusBody)):
        from foryou.gateway.casework import services as casework

        (casework.receive_form if isinstance(body, messages.CaseworkFormBody) else casework.tell_status)(body)
