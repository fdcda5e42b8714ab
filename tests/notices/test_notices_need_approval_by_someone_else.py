from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model

from foryou.accounts.access import APPROVER, EDITOR
from foryou.accounts.services import grant
from foryou.audit.models import AuditEvent
from foryou.shared.notice.flex import ComposeError
from foryou.notices import services
from foryou.notices.services import ApprovalRefused, Wording
from foryou.programs.definition import load_program

pytestmark = pytest.mark.django_db
PROGRAM = load_program(Path(settings.PROGRAMS_DIR) / "nyuji-ippan-kenshin.yml")
WORDING = Wording(title="乳児一般健康診査のご案内", body="お子さんが生後1か月頃になりました。", contact_department="健康支援課",
                  contact_phone="043-238-9925", links=[("詳しく見る", "https://www.city.chiba.jp/")])


def staff(name: str, approver: bool = False, editor: bool = True):
    user = get_user_model().objects.create_user(name)
    if editor:
        grant(user, EDITOR, PROGRAM.department)
    if approver:
        grant(user, APPROVER, PROGRAM.department)
    return user


def test_only_editors_of_the_department_write_its_notices():
    with pytest.raises(ApprovalRefused, match="Only editors"):
        services.create(PROGRAM, WORDING, staff("approver-only", approver=True, editor=False))
    other = get_user_model().objects.create_user("other-department")
    grant(other, EDITOR, "こども家庭支援課")
    with pytest.raises(ApprovalRefused, match="Only editors"):
        services.create(PROGRAM, WORDING, other)


def test_a_notice_can_be_sent_only_after_another_approver_approves_it():
    author, approver = staff("author", approver=True), staff("approver", approver=True)
    notice = services.create(PROGRAM, WORDING, author)
    assert notice.sendable is None
    with pytest.raises(ApprovalRefused, match="You wrote this version"):
        services.approve(notice.latest, author)
    services.approve(notice.latest, approver)
    assert notice.sendable.number == 1
    assert AuditEvent.objects.filter(action="notices.approve", actor=approver).exists()


def test_staff_without_the_approver_role_cannot_approve():
    notice = services.create(PROGRAM, WORDING, staff("author"))
    with pytest.raises(ApprovalRefused, match="Only approvers"):
        services.approve(notice.latest, staff("clerk"))


def test_editing_after_approval_needs_a_new_approval_and_the_old_one_cannot_be_approved_instead():
    author, approver = staff("author"), staff("approver", approver=True)
    notice = services.create(PROGRAM, WORDING, author)
    first = notice.latest
    services.approve(first, approver)
    services.edit(notice, PROGRAM.name, Wording(**{**WORDING.__dict__, "body": "受診票をお使いください。"}), author)
    assert notice.sendable is None
    with pytest.raises(ApprovalRefused, match="A newer version"):
        services.approve(first, approver)
    services.approve(notice.latest, approver)
    assert notice.sendable.number == 2 and notice.sendable.body == "受診票をお使いください。"


def test_limits_are_checked_when_the_notice_is_composed():
    bad = Wording(**{**WORDING.__dict__, "links": [("詳しく", "javascript:alert(1)")]})
    with pytest.raises(ComposeError) as caught:
        services.create(PROGRAM, bad, staff("author"))
    assert "links[0].url" in str(caught.value)
