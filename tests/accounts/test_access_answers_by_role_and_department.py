import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser

from foryou.accounts import access
from foryou.accounts.services import grant, revoke
from tests.accounts.conftest import KENKO, KODOMO, make_staff

pytestmark = pytest.mark.django_db


def test_an_editor_edits_and_sees_only_their_department():
    editor = make_staff("e", access.EDITOR, KENKO)
    assert access.roles(editor) == {access.EDITOR}
    assert access.departments(editor) == {KENKO}
    assert access.can_edit(editor, KENKO) and access.can_view_department(editor, KENKO)
    assert not access.can_edit(editor, KODOMO) and not access.can_view_department(editor, KODOMO)
    assert not access.can_approve(editor, KENKO)
    assert not access.needs_two_factor(editor)


def test_an_approver_approves_and_reads_in_their_department_and_needs_two_factor():
    approver = make_staff("a", access.APPROVER, KODOMO)
    assert access.can_approve(approver, KODOMO) and access.can_view_department(approver, KODOMO)
    assert not access.can_edit(approver, KODOMO)
    assert not access.can_approve(approver, KENKO)
    assert access.needs_two_factor(approver)


def test_an_administrator_may_do_everything_everywhere():
    admin = make_staff("root", access.ADMIN)
    assert access.departments(admin) is None
    assert all(check(admin, "どの課でも") for check in (access.can_view_department, access.can_edit, access.can_approve))
    assert access.is_registrar(admin) and access.is_auditor(admin) and access.is_admin(admin)
    assert access.needs_two_factor(admin)


def test_a_superuser_counts_as_an_administrator():
    superuser = get_user_model().objects.create_superuser("super", password="a-long-password-123")
    assert access.is_admin(superuser) and access.departments(superuser) is None


def test_registrars_and_auditors_are_service_wide_and_see_no_department():
    registrar, auditor = make_staff("r", access.REGISTRAR), make_staff("au", access.AUDITOR)
    assert access.is_registrar(registrar) and not access.is_auditor(registrar)
    assert access.is_auditor(auditor) and not access.is_registrar(auditor)
    assert access.departments(registrar) == set() == access.departments(auditor)
    assert not access.can_view_department(auditor, KENKO)


def test_inactive_and_anonymous_users_hold_no_role():
    admin = make_staff("gone", access.ADMIN, is_active=False)
    assert access.roles(admin) == set() and access.roles(AnonymousUser()) == set() and access.roles(None) == set()
    assert not access.can_view_department(AnonymousUser(), KENKO)


def test_roles_hold_through_django_groups_so_permission_checks_keep_working():
    user = make_staff("r", access.REGISTRAR)
    user = get_user_model().objects.get(pk=user.pk)
    assert user.has_perm("enrollment.change_application") and user.has_perm("enrollment.add_postcardbatch")
    assert not user.has_perm("notices.approve_notice") and not user.has_perm("audit.view_auditevent")
    approver = get_user_model().objects.get(pk=make_staff("a", access.APPROVER, KENKO).pk)
    assert approver.has_perm("notices.approve_notice") and not approver.has_perm("enrollment.change_application")
    auditor = get_user_model().objects.get(pk=make_staff("au", access.AUDITOR).pk)
    assert auditor.has_perm("audit.view_auditevent") and not auditor.has_module_perms("enrollment")


def test_a_revoked_role_is_gone_at_once_and_its_group_when_no_department_is_left():
    user = make_staff("e", access.EDITOR, KENKO)
    grant(user, access.EDITOR, KODOMO)
    revoke(user, access.EDITOR, KENKO)
    assert access.departments(user) == {KODOMO}
    assert user.groups.filter(name__contains="editor").exists()
    revoke(user, access.EDITOR, KODOMO)
    assert access.roles(user) == set() and not user.groups.exists()
