"""Every role against the pages and actions it must not reach, by direct URL."""

import pytest
from django.urls import reverse

from foryou.accounts import access
from foryou.accounts.models import Membership
from foryou.notices import services as notices
from foryou.notices.services import ApprovalRefused
from tests.accounts.conftest import KENKO, KODOMO, login, make_staff

pytestmark = pytest.mark.django_db

ENROLLMENT_PAGES = ["/applications/", "/applications/new", "/registrations/", "/postcards/"]
STAFF_PAGES = ["/staff/"]


def status(client, url):
    return client.get(url).status_code


def test_anonymous_users_are_sent_to_the_login_page(client):
    for url in ["/", "/imports/", *ENROLLMENT_PAGES, *STAFF_PAGES, "/staff/two-factor/", "/staff/two-factor/setup"]:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("login")), url


def test_a_registrar_works_on_applications_but_not_on_staff_imports_or_approvals(client, notice):
    registrar = login(client, make_staff("uketsuke", access.REGISTRAR))
    assert all(status(client, url) == 200 for url in ENROLLMENT_PAGES)
    assert status(client, "/staff/") == 403
    assert status(client, "/imports/") == 403
    assert client.post(reverse("staff_grant", args=[registrar.pk]), {"role": "admin"}).status_code == 403
    assert not Membership.objects.filter(user=registrar, role="admin").exists()
    with pytest.raises(ApprovalRefused):
        notices.approve(notice.latest, registrar)


def test_an_auditor_cannot_open_applications_registrations_postcards_or_staff(client):
    login(client, make_staff("kansa", access.AUDITOR))
    for url in [*ENROLLMENT_PAGES, "/applications/1/", "/postcards/1.pdf", "/imports/", *STAFF_PAGES]:
        assert status(client, url) == 403, url
    assert client.post("/applications/1/review", {"decision": "accept"}).status_code == 403
    assert client.post("/postcards/print").status_code == 403


def test_an_editor_cannot_approve_nor_touch_another_departments_notices(client, notice):
    editor = login(client, make_staff("henshu", access.EDITOR, KENKO))
    with pytest.raises(ApprovalRefused):
        notices.approve(notice.latest, editor)  # not an approver, even in their own department
    other = make_staff("henshu-kodomo", access.EDITOR, KODOMO)
    assert not access.can_edit(other, notice.department) and not access.can_view_department(other, notice.department)
    assert all(status(client, url) == 403 for url in ENROLLMENT_PAGES + STAFF_PAGES)


def test_an_approver_of_another_department_cannot_approve(client, notice):
    approver = make_staff("shonin-kodomo", access.APPROVER, KODOMO)
    with pytest.raises(ApprovalRefused):
        notices.approve(notice.latest, approver)
    assert notice.sendable is None


def test_the_approver_of_the_notices_department_can_approve(notice):
    notices.approve(notice.latest, make_staff("shonin-kenko", access.APPROVER, KENKO))
    assert notice.sendable is not None


def test_an_administrator_opens_every_console_page_and_approves_in_any_department(client, notice):
    admin = login(client, make_staff("kanri", access.ADMIN))
    for url in ["/", "/imports/", *ENROLLMENT_PAGES, *STAFF_PAGES, reverse("staff_detail", args=[admin.pk])]:
        assert status(client, url) == 200, url
    notices.approve(notice.latest, admin)
    assert notice.sendable is not None


def test_staff_without_any_role_reach_no_console_area(client):
    login(client, make_staff("nobody"))
    assert all(status(client, url) == 403 for url in ENROLLMENT_PAGES + STAFF_PAGES + ["/imports/"])
