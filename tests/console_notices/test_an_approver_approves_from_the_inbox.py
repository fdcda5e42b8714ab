"""An approver of the department finds the notice in the approval inbox, approves that version, and its
editors can then send it; the approval is audited by the service."""

import pytest
from django.urls import reverse

from foryou.audit.models import AuditEvent
from tests.console_notices.conftest import WORDING, as_user

pytestmark = pytest.mark.django_db


def test_an_approver_approves_from_the_inbox(client, notice, editor, approver):
    as_user(client, approver)
    inbox = client.get(reverse("console_approvals")).content.decode()
    assert WORDING.title in inbox and f'data-notice="{notice.pk}"' in inbox

    response = client.post(reverse("console_notice_approve", args=[notice.pk]), {"version": 1, "next": "inbox", "confirmed": "1"})
    assert response.status_code == 302 and response["Location"] == reverse("console_approvals")
    assert notice.sendable.number == 1 and notice.sendable.approved_by == approver
    assert AuditEvent.objects.filter(action="notices.approve", actor=approver).exists()
    assert f'data-notice="{notice.pk}"' not in client.get(reverse("console_approvals")).content.decode()

    as_user(client, editor)
    detail = client.get(reverse("console_notice", args=[notice.pk])).content.decode()
    assert 'id="send-link"' in detail and "approved-row" in detail
    assert client.get(reverse("console_notice_send", args=[notice.pk])).status_code == 200


def test_an_older_version_cannot_be_approved_once_a_newer_one_exists(client, notice, editor, approver):
    from foryou.notices import services

    services.edit(notice, "子育て世帯応援給付", services.wording_of(notice.latest), editor)
    as_user(client, approver)
    client.post(reverse("console_notice_approve", args=[notice.pk]), {"version": 1})
    assert notice.sendable is None
