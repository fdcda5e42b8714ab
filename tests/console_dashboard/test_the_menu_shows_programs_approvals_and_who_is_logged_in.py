"""The console's menu and header: 制度 for every role that works on programs (editors, approvers,
administrators) and nobody else; for approvers 「決裁待ち N 件」 — versions submitted and not approved in
their departments, their own left out — in the menu and on the dashboard; and the staff member's name
and department(s)."""

import re

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from foryou.accounts import access
from foryou.accounts.services import grant
from foryou.accounts.testing import login, make_staff
from foryou.notices import services
from foryou.programs.catalog import all_programs

pytestmark = pytest.mark.django_db
KENKO, KODOMO = "健康支援課", "こども家庭支援課"


def menu(client) -> str:
    page = client.get(reverse("home")).content.decode()
    return re.search(r'<nav aria-label="[^"]*">(.*?)</nav>', page, re.S).group(1)


def waiting(n: int) -> str:
    with translation.override("ja"):
        return gettext("Waiting for approval: %(n)s") % {"n": n}


def a_kenko_notice(author, submit=True):
    program = next(p for p in all_programs() if p.department == KENKO)
    return services.create(program, services.Wording(title="健診のご案内", body="健診を受けましょう。"), author,
                           submit=submit)


@pytest.mark.parametrize("role, department, sees", [
    (access.EDITOR, KENKO, True), (access.APPROVER, KENKO, True), (access.ADMIN, None, True),
    (access.REGISTRAR, None, False), (access.AUDITOR, None, False)])
def test_programs_are_in_the_menu_for_those_who_work_on_them(client, role, department, sees):
    login(client, make_staff(f"{role}-user", role, department))
    assert ('id="nav-programs"' in menu(client)) is sees
    if sees:
        assert client.get(reverse("console_programs")).status_code == 200


def test_an_approver_sees_what_waits_for_them_in_the_menu_and_on_the_dashboard(client):
    editor = make_staff("kenko-editor", access.EDITOR, KENKO)
    approver = make_staff("kenko-approver", access.APPROVER, KENKO)
    a_kenko_notice(editor)
    a_kenko_notice(editor)
    a_kenko_notice(editor, submit=False)  # a draft waits for nobody
    approved = a_kenko_notice(editor)
    services.approve(approved.latest, approver)
    login(client, approver)
    assert waiting(2) in menu(client)
    dashboard = client.get(reverse("home")).content.decode()
    assert 'id="dashboard-approvals"' in dashboard and waiting(2) in dashboard.split('id="dashboard-approvals"')[1]


def test_the_count_leaves_out_the_approvers_own_versions_and_other_departments(client):
    both = make_staff("kenko-both", access.EDITOR, KENKO)
    grant(both, access.APPROVER, KENKO)
    a_kenko_notice(both)  # their own: another approver decides
    kodomo_editor = make_staff("kodomo-editor", access.EDITOR, KODOMO)
    program = next(p for p in all_programs() if p.department == KODOMO)
    services.create(program, services.Wording(title="給付金", body="給付金のご案内です。"), kodomo_editor)
    login(client, both)
    assert waiting(0) in menu(client)


def test_editors_see_no_approval_count(client):
    login(client, make_staff("kenko-editor", access.EDITOR, KENKO))
    assert 'id="nav-approvals"' not in menu(client)
    assert 'id="dashboard-approvals"' not in client.get(reverse("home")).content.decode()


def test_the_header_shows_the_name_and_departments(client):
    member = make_staff("sato", access.EDITOR, KENKO, first_name="佐藤 花子")
    grant(member, access.APPROVER, KODOMO)
    login(client, member)
    who = re.search(r'id="staff-who"[^>]*>(.*?)</span></span>', client.get(reverse("home")).content.decode(), re.S)
    assert "佐藤 花子" in who.group(1) and KENKO in who.group(1) and KODOMO in who.group(1)
