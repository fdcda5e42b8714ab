"""差し戻し: an approver returns a version waiting for approval to its author with a comment. It leaves
the inbox, is a draft again that shows the comment on the notice's page, is audited, and its author can
change it and ask for approval again. A comment is required; the author cannot return their own."""

import pytest
from django.urls import reverse

from foryou.audit.models import AuditEvent
from foryou.notices import services
from foryou.notices.models import NoticeVersion
from tests.console_notices.conftest import WORDING, as_user, form_data

pytestmark = pytest.mark.django_db
COMMENT = "申請期限の日付を本文に入れてください。"


def give_back(client, notice, comment=COMMENT, version=1):
    return client.post(reverse("console_notice_return", args=[notice.pk]), {"version": version, "comment": comment})


def test_a_returned_version_goes_back_to_its_author_with_the_comment(client, notice, editor, approver):
    as_user(client, approver)
    assert 'id="return"' in client.get(reverse("console_notice", args=[notice.pk])).content.decode()
    assert give_back(client, notice)["Location"] == reverse("console_notice", args=[notice.pk])
    version = NoticeVersion.objects.get(notice=notice, number=1)
    assert version.submitted_at is None and version.returned_by == approver and version.return_comment == COMMENT
    assert f'data-notice="{notice.pk}"' not in client.get(reverse("console_approvals")).content.decode()
    event = AuditEvent.objects.get(action="notices.return", actor=approver)
    assert event.target == f"notice:{notice.pk}" and event.detail["comment"] == COMMENT

    as_user(client, editor)
    page = client.get(reverse("console_notice", args=[notice.pk])).content.decode()
    assert 'id="return-comment"' in page and COMMENT in page and "state-returned" in page
    listed = client.get(reverse("console_notices") + "?status=returned").content.decode()
    assert WORDING.title in listed

    changed = form_data(body="申請期限は12月28日です。", action="submit")
    del changed["target"]  # the program of a notice is fixed
    assert client.post(reverse("console_notice_edit", args=[notice.pk]), changed).status_code == 302
    assert notice.latest.number == 2 and notice.latest.submitted_at is not None
    as_user(client, approver)
    assert f'data-notice="{notice.pk}"' in client.get(reverse("console_approvals")).content.decode()


def test_the_author_may_ask_again_for_the_same_wording(client, notice, editor, approver):
    as_user(client, approver)
    give_back(client, notice)
    as_user(client, editor)
    client.post(reverse("console_notice_submit", args=[notice.pk]))
    services.approve(notice.latest, approver)
    assert notice.sendable.number == 1


def test_a_return_needs_a_comment_and_another_persons_version(client, notice, editor, approver):
    as_user(client, approver)
    give_back(client, notice, comment="   ")
    assert NoticeVersion.objects.get(notice=notice).submitted_at is not None
    assert not AuditEvent.objects.filter(action="notices.return").exists()

    with pytest.raises(services.ApprovalRefused) as refused:
        services.return_to_author(notice.latest, notice.latest.created_by, COMMENT)
    assert refused.value.code == "not_approver"  # the author is an editor, not an approver


def test_an_editor_cannot_return_and_an_approved_version_cannot_be_returned(client, notice, editor, approver):
    as_user(client, editor)
    assert give_back(client, notice).status_code == 403
    services.approve(notice.latest, approver)
    with pytest.raises(services.ApprovalRefused) as refused:
        services.return_to_author(notice.latest, approver, COMMENT)
    assert refused.value.code == "not_waiting"
