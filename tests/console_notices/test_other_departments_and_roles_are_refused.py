"""Department staff see and work on only their department's notices: an editor of another department
gets 403 on every page of a notice and on every direct POST, and nothing changes; roles without a
department (registrar, auditor) are refused the notices pages; approving needs the approver role."""

import pytest
from django.urls import reverse

from foryou.audit.models import AuditEvent
from foryou.notices import sending
from foryou.notices.models import Notice, SendOrder
from tests.console_notices.conftest import KENKO, WORDING, as_user, form_data, staff

pytestmark = pytest.mark.django_db

PAGES = ["console_notice", "console_notice_edit", "console_notice_send", "console_notice_estimate"]
POSTS = ["console_notice_edit", "console_notice_submit", "console_notice_approve", "console_notice_send",
         "console_notice_automatic", "console_notice_test_send"]


@pytest.fixture
def outsider(client, db):
    return as_user(client, staff("kenko-editor", "editor", KENKO))


def test_the_list_and_inbox_leave_out_other_departments(client, notice, outsider):
    assert WORDING.title not in client.get(reverse("console_notices")).content.decode()
    approver = staff("kenko-approver", "approver", KENKO)
    as_user(client, approver)
    assert WORDING.title not in client.get(reverse("console_approvals")).content.decode()


@pytest.mark.parametrize("name", PAGES)
def test_pages_of_another_departments_notice_are_refused(client, notice, outsider, name):
    assert client.get(reverse(name, args=[notice.pk])).status_code == 403


def test_a_version_and_its_email_are_refused_too(client, notice, outsider):
    assert client.get(reverse("console_notice_version", args=[notice.pk, 1])).status_code == 403
    assert client.get(reverse("console_notice_version_email", args=[notice.pk, 1])).status_code == 403


@pytest.mark.parametrize("name", POSTS)
def test_direct_posts_to_another_departments_notice_are_refused(client, approved, outsider, name):
    before = AuditEvent.objects.count()
    data = form_data(action="submit", version="1", when="now", audience="program", automatic="on")
    assert client.post(reverse(name, args=[approved.pk]), data).status_code == 403
    assert approved.versions.count() == 1 and not SendOrder.objects.exists()
    assert not Notice.objects.get(pk=approved.pk).automatic
    assert AuditEvent.objects.count() == before


def test_a_send_of_another_department_cannot_be_seen_or_cancelled(client, approved, editor, outsider):
    order = sending.schedule(approved, by=editor)
    for name in ["console_send", "console_send_progress"]:
        assert client.get(reverse(name, args=[order.pk])).status_code == 403
    assert client.post(reverse("console_send_cancel", args=[order.pk])).status_code == 403
    order.refresh_from_db()
    assert order.status == SendOrder.Status.SCHEDULED


def test_composing_for_another_departments_program_or_broadcast_is_refused(client, db, outsider):
    response = client.post(reverse("console_notice_new"), form_data(action="submit"))
    assert response.status_code == 400 and not Notice.objects.exists()  # not a choice offered to them
    response = client.post(reverse("console_notice_new"), form_data(target="broadcast:こども家庭支援課"))
    assert response.status_code == 400 and not Notice.objects.exists()


@pytest.mark.parametrize("role", ["registrar", "auditor"])
def test_roles_without_a_department_are_refused_the_notices_pages(client, notice, role):
    as_user(client, staff(f"someone-{role}", role))
    for url in [reverse("console_notices"), reverse("console_notice_new"), reverse("console_approvals"),
                reverse("console_notice_schedule"), reverse("console_test_devices"), reverse("console_notice", args=[notice.pk])]:
        assert client.get(url).status_code == 403, url
    assert client.post(reverse("console_notice_new"), form_data()).status_code == 403


def test_an_editor_of_the_department_cannot_approve(client, notice, editor):
    colleague = staff("kodomo-editor-2", "editor", "こども家庭支援課")
    as_user(client, colleague)
    assert client.post(reverse("console_notice_approve", args=[notice.pk]), {"version": 1}).status_code == 403
    assert notice.sendable is None


def test_an_approver_cannot_send_or_edit(client, approved, approver):
    as_user(client, approver)
    assert client.get(reverse("console_notice", args=[approved.pk])).status_code == 200  # reads it
    assert client.post(reverse("console_notice_send", args=[approved.pk]), {"when": "now", "audience": "program"}).status_code == 403
    assert client.get(reverse("console_notice_edit", args=[approved.pk])).status_code == 403
    assert not SendOrder.objects.exists()
