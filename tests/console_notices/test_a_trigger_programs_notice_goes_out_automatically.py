"""For a trigger program (checked every morning), an editor asks for the approved notice to go out
automatically to whoever newly qualifies: automatic sending is part of the approval (決裁), so it is a
new version that an approver approves; the console's daily run then picks it up. Stopping is a new
version too, and nothing of the notice goes out automatically from the moment it is asked."""

import pytest
from django.urls import reverse

from foryou.audit.models import AuditEvent
from foryou.notices import services
from foryou.notices.automation import automatic_notices
from foryou.programs import catalog
from tests.console_notices.conftest import WORDING, as_user

pytestmark = pytest.mark.django_db

BABIES = """
code: babies
name: 乳児一般健康診査
department: こども家庭支援課
trigger:
  once_per: person
conditions:
  all:
    - reaches_age: {months: 1, within_days: 14}
"""


def test_an_editor_turns_the_daily_automatic_send_on_and_off(client, programs_dir, editor, approver):
    (programs_dir / "babies.yml").write_text(BABIES, encoding="utf-8")
    notice = services.create(catalog.get_program("babies"), WORDING, editor)
    services.approve(notice.latest, approver)
    as_user(client, editor)
    page = client.get(reverse("console_notice_send", args=[notice.pk])).content.decode()
    assert reverse("console_notice_automatic", args=[notice.pk]) in page

    client.post(reverse("console_notice_automatic", args=[notice.pk]), {"automatic": "on"})
    notice.refresh_from_db()
    assert notice.latest.automatic and notice.latest.submitted_at and notice.latest.approved_at is None
    assert not notice.automatic and automatic_notices() == []  # not before an approver approves it
    assert AuditEvent.objects.filter(action="notices.automatic", actor=editor).exists()
    services.approve(notice.latest, approver)
    assert notice.automatic and [n.pk for n in automatic_notices()] == [notice.pk]
    listing = client.get(reverse("console_notices") + "?status=automatic").content.decode()
    assert WORDING.title in listing

    client.post(reverse("console_notice_automatic", args=[notice.pk]))
    notice.refresh_from_db()
    assert not notice.automatic and automatic_notices() == []


def test_a_program_that_is_not_a_trigger_offers_no_automatic_send(client, approved, editor):
    as_user(client, editor)
    page = client.get(reverse("console_notice_send", args=[approved.pk])).content.decode()
    assert reverse("console_notice_automatic", args=[approved.pk]) not in page
