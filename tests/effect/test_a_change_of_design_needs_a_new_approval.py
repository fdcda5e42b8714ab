"""The design is approved with the wording: changing the holdout share, the window or the wordings makes
a new version that nothing can send until an approver approves it; the approval page shows the design
with the expected group sizes, and the audit log records the design approved."""

import pytest
from django.urls import reverse

from foryou.audit.models import AuditEvent
from foryou.notices import sending, services
from foryou.notices.errors import SendRefused
from tests.console_notices.conftest import as_user
from tests.effect.conftest import WORDING, approved_notice, design

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("change", [dict(holdout=20), dict(window=60), dict(variants=[("短く", "無料です。")])])
def test_changing_the_design_needs_a_new_approval(registrants, editor, approver, change):
    notice = approved_notice(editor, approver, holdout=10)
    services.edit(notice, "特定健診", WORDING, editor, design=design(**{"holdout": 10, **change}))
    assert notice.sendable is None
    with pytest.raises(SendRefused):
        sending.schedule(notice, by=editor)
    services.approve(notice.latest, approver)
    assert notice.sendable.number == 2
    approved = AuditEvent.objects.filter(action="notices.approve").order_by("-id").first()
    assert approved.detail["holdout_percent"] == change.get("holdout", 10)
    assert approved.detail["window_days"] == change.get("window", 30)


def test_an_edit_keeps_the_design_unless_changed(registrants, editor, approver):
    notice = approved_notice(editor, approver, holdout=15, window=21)
    version = services.edit(notice, "特定健診", WORDING, editor)
    assert (version.holdout_percent, version.window_days) == (15, 21)


def test_the_approval_page_shows_the_design_and_the_expected_groups(client, registrants, editor, approver, settings):
    from foryou.programs import catalog

    notice = services.create(catalog.get_program("checkup"), WORDING, editor, design=design(holdout=10))
    as_user(client, approver)
    page = client.post(reverse("console_notice_approve", args=[notice.pk]), {"version": "1"}).content.decode()
    assert 'id="effect-design-shown"' in page and 'id="design-sizes"' in page
    assert "10%" in page
