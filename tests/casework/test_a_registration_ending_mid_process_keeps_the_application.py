"""A registrant who moves out while their application is processed: the application stays in the inbox,
staff see that the resident will not be told, and status changes reach no one through the gateway."""

import pytest
from django.core import mail
from django.utils import timezone

from foryou.bridge.client import sync
from foryou.enrollment.models import Registration
from foryou.gateway.models import Subscriber
from foryou.shared.forms import statuses

pytestmark = pytest.mark.django_db(databases=["default", "gateway"])


def test_the_application_stays_and_nobody_is_messaged(applied, staff_client, transport, registrant,
                                                      django_capture_on_commit_callbacks):
    Registration.objects.filter(pk=registrant[0].pk).update(status=Registration.Status.INACTIVE,
                                                           ending="moved_out", ended_at=timezone.now())
    Subscriber.objects.filter(pk=registrant[1].pk).update(status=Subscriber.Status.INACTIVE, number="")
    page = staff_client.get(f"/inbox/{applied.receipt}/").content.decode()
    assert 'id="registration-ended"' in page
    sent = len(mail.outbox)
    staff_client.post(f"/inbox/{applied.receipt}/status", {"status": statuses.REVIEWING})
    with django_capture_on_commit_callbacks(execute=True, using="gateway"):
        sync(transport)
    applied.refresh_from_db()
    assert applied.status == statuses.REVIEWING and len(mail.outbox) == sent
