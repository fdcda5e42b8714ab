"""Notices pages: programs of two departments in a private folder (with a small imported city when a
test sends to a program's target persons), staff of each role, and a notice's wording."""

import io

import pytest

from foryou.accounts import services as accounts
from foryou.accounts.testing import PASSWORD, login
from foryou.notices import services
from foryou.notices.services import Wording
from foryou.programs import catalog, live
from tests.delivery.conftest import delivery_settings, smtp  # noqa: F401 - the delivery stories' fixtures
from tests.residents.conftest import AS_OF

KODOMO, KENKO = "こども家庭支援課", "健康支援課"

PARENTS = """
code: parents
name: 子育て世帯応援給付
department: こども家庭支援課
summary: 小さなお子さんのいる世帯に給付金を支給します。
contact: {department: こども家庭支援課, phone: "043-245-5179", hours: 平日 8:30〜17:30}
conditions:
  all:
    - field: age_years
      op: ">="
      value: 18
    - household:
        some_member: {field: age_years, op: "<", value: 3}
"""

ELDERLY = """
code: elderly
name: 高齢者健診
department: 健康支援課
contact: {department: 健康支援課, phone: "043-238-9925"}
conditions:
  all:
    - field: age_years
      op: ">="
      value: 75
"""

WORDING = Wording(title="給付金のご案内", body="お子さんのいる世帯に給付金を支給します。申請は12月末までです。",
                  contact_department="こども家庭支援課", contact_phone="043-245-5179", contact_hours="平日 8:30〜17:30",
                  links=[("申請する", "https://www.city.chiba.jp/kodomo/kyufu.html")])


@pytest.fixture(autouse=True)
def programs_dir(tmp_path, settings):
    folder = tmp_path / "programs"
    folder.mkdir()
    (folder / "parents.yml").write_text(PARENTS, encoding="utf-8")
    (folder / "elderly.yml").write_text(ELDERLY, encoding="utf-8")
    settings.PROGRAMS_DIR = folder
    live.reset()
    yield folder
    live.reset()


@pytest.fixture
def city(tmp_path, data_dir, db):
    """千葉 太郎 (41) and 花子 (39) with their baby 一郎, and 髙橋 うめ (91)."""
    from foryou.residents.services import run_import
    from tests.residents.exports import valid_export, write_export

    run = run_import(write_export(tmp_path / "export", valid_export()), AS_OF, stream=io.StringIO())
    assert run.status == "applied", run.problems
    return run


def staff(username: str, role: str, department: str | None = None):
    return accounts.add_staff(username, PASSWORD, role=role, department=department, create_department=True)


def as_user(client, user):
    """The client logged in as this staff member (two-factor verified when the role needs it)."""
    client.logout()
    return login(client, user)


@pytest.fixture
def editor(db):
    return staff("kodomo-editor", "editor", KODOMO)


@pytest.fixture
def approver(db):
    return staff("kodomo-approver", "approver", KODOMO)


@pytest.fixture
def notice(editor):
    """A こども家庭支援課 notice waiting for approval."""
    return services.create(catalog.get_program("parents"), WORDING, editor)


@pytest.fixture
def approved(notice, approver):
    services.approve(notice.latest, approver)
    return notice


def form_data(wording: Wording = WORDING, **changes) -> dict:
    data = {"target": "program:parents", "title": wording.title, "body": wording.body,
            "contact_department": wording.contact_department, "contact_phone": wording.contact_phone,
            "contact_hours": wording.contact_hours}
    for i, (label, url) in enumerate(wording.links):
        data[f"link_{i}_label"], data[f"link_{i}_url"] = label, url
    return data | changes
