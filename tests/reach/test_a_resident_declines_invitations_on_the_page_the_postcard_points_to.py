"""今後の案内を希望しない: the resident opens the page from the invitation postcard (its QR page links to it),
confirms, and the number stops working at once; the console records the decline over the bridge and never
invites them again. Nothing but the number crosses; a wrong or used number is told, nothing changes."""

import pytest
from django.urls import reverse

from foryou.bridge.client import sync
from foryou.enrollment import invitations
from foryou.enrollment.models import InvitationDecline, Registration
from foryou.gateway import services as gateway
from foryou.gateway.db import DB
from foryou.gateway.models import OutboundEvent, Subscriber
from foryou.shared.bridge import messages

pytestmark = pytest.mark.django_db(databases=["default", "gateway"])


def invited(kenko, transport) -> Registration:
    editor, approver = kenko
    invitations.approve(invitations.propose("kenko-shinsa", editor), approver)
    sync(transport)
    return Registration.objects.filter(invitation__isnull=False).order_by("pk").first()


def test_declining_asks_to_confirm_then_voids_the_number_and_the_console_never_invites_again(city, kenko, transport,
                                                                                                client):
    registration = invited(kenko, transport)
    page = client.get(reverse("gateway_activate_email") + f"?n={registration.number}")
    assert f'{reverse("gateway_decline")}?n={registration.number}' in page.content.decode()

    form = client.get(reverse("gateway_decline") + f"?n={registration.number}")
    assert f'value="{registration.number}"' in form.content.decode()
    asked = client.post(reverse("gateway_decline"), {"number": registration.number})
    assert 'id="decline-confirm"' in asked.content.decode()
    assert Subscriber.objects.using(DB).by_number(registration.number).get().status == Subscriber.Status.ISSUED
    assert not OutboundEvent.objects.using(DB).filter(kind=messages.INVITATION_DECLINED).exists()

    done = client.post(reverse("gateway_decline"), {"number": registration.number, "confirm": "yes"})
    assert done.status_code == 302 and done["Location"] == reverse("gateway_decline_done")
    assert gateway.activate(registration.number, line_user_id="U" + "4" * 32).code == "wrong_number"
    event = OutboundEvent.objects.using(DB).get(kind=messages.INVITATION_DECLINED)
    assert set(event.body) == {"number", "at"}

    sync(transport)
    registration.refresh_from_db()
    assert registration.status == Registration.Status.VOID
    assert registration.ending == Registration.Ending.OPTED_OUT
    decline = InvitationDecline.objects.get(resident_id=registration.resident_id)
    assert decline.by_resident and decline.recorded_by is None
    editor, _ = kenko
    assert registration.resident_id not in invitations.propose("kenko-shinsa", editor).resident_ids


def test_a_wrong_number_or_one_already_registered_is_told_and_changes_nothing(city, kenko, transport, client):
    registration = invited(kenko, transport)
    wrong = client.post(reverse("gateway_decline"), {"number": "1234-5678-9012-3456", "confirm": "yes"})
    assert wrong.status_code == 200 and 'aria-invalid="true"' in wrong.content.decode()
    assert gateway.activate(registration.number, line_user_id="U" + "5" * 32).ok

    used = client.post(reverse("gateway_decline"), {"number": registration.number, "confirm": "yes"})
    assert 'aria-invalid="true"' in used.content.decode()
    assert not OutboundEvent.objects.using(DB).filter(kind=messages.INVITATION_DECLINED).exists()
    assert not InvitationDecline.objects.exists()
