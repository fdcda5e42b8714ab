"""A second application for the same program while one is open is refused on arrival and the resident is told
why (with the open one's receipt number); once the first is decided a new one is accepted."""

import pytest
from django.core import mail

from foryou.bridge.client import sync
from foryou.casework import services
from foryou.casework.models import ProgramApplication
from foryou.shared.forms import statuses
from tests.casework.conftest import submit

pytestmark = pytest.mark.django_db(databases=["default", "gateway"])


def test_a_duplicate_is_refused_and_told(applied, client, transport, registrant, django_capture_on_commit_callbacks):
    submit(client, registrant[1])
    with django_capture_on_commit_callbacks(execute=True, using="gateway"):
        sync(transport)  # collects the second application (the refusal is queued)
        sync(transport)  # pushes the refusal for the gateway to tell
    second = ProgramApplication.objects.exclude(pk=applied.pk).get()
    assert second.status == statuses.REFUSED and applied.receipt in second.note
    assert applied.receipt in mail.outbox[-1].body and "処理中" in mail.outbox[-1].body


def test_after_a_decision_a_new_application_is_accepted(applied, client, transport, registrant, kodomo_staff):
    services.change_status(applied, statuses.REVIEWING, actor=kodomo_staff)
    services.change_status(applied, statuses.REFUSED, "所得が限度額を超えています", actor=kodomo_staff)
    submit(client, registrant[1])
    sync(transport)
    assert ProgramApplication.objects.exclude(pk=applied.pk).get().status == statuses.RECEIVED
