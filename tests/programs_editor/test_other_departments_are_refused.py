"""Department staff see and change only their department's programs: others get 403 on every page
and on direct posts to the editor's htmx endpoints; approvers of the department read only."""

import pytest
from django.urls import reverse

from foryou.accounts.testing import login
from foryou.programs.condition_tree import to_form
from foryou.programs.models import ProgramRevision
from tests.programs_editor.conftest import KENKO, KODOMO, staff

pytestmark = pytest.mark.django_db

TREE = {"all": [{"field": "age_years", "op": ">=", "value": 80}]}


@pytest.fixture
def other_editor(client, city):
    return login(client, staff("kenko-editor", "editor", KENKO))


def test_the_list_shows_only_the_departments_programs(client, city, editor):
    html = client.get(reverse("console_programs")).content.decode()
    assert "子育て世帯" in html and "高齢者健診" not in html


@pytest.mark.parametrize("name", ["console_program", "console_program_count", "console_program_history",
                                  "console_program_explain"])
def test_pages_of_another_department_are_refused(client, other_editor, name):
    assert client.get(reverse(name, args=["parents"])).status_code == 403


@pytest.mark.parametrize("name", ["console_program_tree", "console_program_save", "console_program_restore_file",
                                  "console_program_explain"])
def test_direct_posts_to_another_departments_program_are_refused(client, other_editor, name):
    data = to_form(TREE) | {"as_of": "2026-11-27", "note": "x", "resident_id": "0000012343"}
    response = client.post(reverse(name, args=["parents"]), data, headers={"HX-Request": "true"})
    assert response.status_code == 403
    assert not ProgramRevision.objects.exists()


def test_approvers_of_the_department_read_but_cannot_change(client, city, exact_counts):
    login(client, staff("kodomo-approver", "approver", KODOMO))
    page = client.get(reverse("console_program", args=["parents"]) + "?as_of=2026-11-27")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="editor"' not in html and 'data-count="2"' in html
    data = to_form(TREE) | {"as_of": "2026-11-27", "note": "x"}
    assert client.post(reverse("console_program_tree", args=["parents"]), data).status_code == 403
    assert client.post(reverse("console_program_save", args=["parents"]), data).status_code == 403
    assert not ProgramRevision.objects.exists()


def test_administrators_see_and_change_every_department(client, city):
    login(client, staff("admin1", "admin"))
    html = client.get(reverse("console_programs")).content.decode()
    assert "子育て世帯" in html and "高齢者健診" in html
    data = to_form(TREE) | {"as_of": "2026-11-27", "note": "x", "confirmed": "yes"}
    assert client.post(reverse("console_program_save", args=["elderly"]), data).status_code == 302


def test_an_unknown_program_is_not_found(client, city, editor):
    assert client.get(reverse("console_program", args=["nope"])).status_code == 404
