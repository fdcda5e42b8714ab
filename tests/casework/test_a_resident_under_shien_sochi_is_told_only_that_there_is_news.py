"""A resident whose household is under 支援措置: status messages name neither the program nor staff's note,
and carry no link (someone else may read the phone or the mailbox)."""

import pytest
from django.core import mail

from foryou.bridge.client import sync
from foryou.bridge.models import PendingPush
from foryou.shared.forms import statuses
from tests.casework.conftest import submit

pytestmark = pytest.mark.django_db(databases=["default", "gateway"])


def test_the_message_says_only_that_there_is_news(client, transport, city, registrant, form_on_gateway, staff_client,
                                                  django_capture_on_commit_callbacks):
    from foryou.casework.models import ProgramApplication

    city(protected=True)
    submit(client, registrant[1])
    with django_capture_on_commit_callbacks(execute=True, using="gateway"):
        sync(transport)
    application = ProgramApplication.objects.get()
    staff_client.post(f"/inbox/{application.receipt}/status", {"status": statuses.NEEDS_CORRECTION,
                                                                  "note": "お子さんの戸籍を添付してください"})
    pushed = [p.body for p in PendingPush.objects.filter(kind="casework.status")]
    assert all(b["protected"] and not b["note"] and not b["program_name"] for b in pushed)
    with django_capture_on_commit_callbacks(execute=True, using="gateway"):
        sync(transport)
    bodies = [m.body for m in mail.outbox]
    assert bodies and all("児童扶養手当" not in b and "お子さん" not in b and "correct=" not in b for b in bodies)
    assert "お知らせがあります" in bodies[-1]
