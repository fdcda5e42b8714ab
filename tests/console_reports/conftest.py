"""A tiny city in two wards (tests/residents/exports plus three people in 花見川区), registrants of it,
and finished sends of two programs of two departments, a broadcast and a test send, for the report."""

import io
from datetime import date, datetime

import pytest

from foryou.accounts.access import ADMIN, APPROVER, AUDITOR
from foryou.accounts.testing import login, make_staff
from foryou.enrollment.models import Registration
from foryou.notices.models import Notice, NoticeVersion, SendOrder
from foryou.notices.sending import TOKYO
from foryou.residents.checkdigit import with_check_digit
from foryou.residents.services import run_import
from tests.console_dashboard.conftest import registration
from tests.residents.conftest import AS_OF
from tests.residents.exports import HANAKO, LEFT, TARO, UME, person, valid_export, write_export

KODOMO, KENKO = "こども家庭支援課", "健康支援課"
HANAMIGAWA = {"行政区コード": "12102", "行政区": "花見川区", "郵便番号": "262-8733", "町字コード": "0022001", "町字": "瑞穂"}
AGED_70 = with_check_digit("000001301")
AGED_20 = with_check_digit("000001302")
AGED_50 = with_check_digit("000001303")


def city_export() -> dict:
    files = valid_export()
    files["persons.csv"] += [
        person(AGED_70, "0000300044", "花見　一郎", "ハナミ イチロウ", "19560510", "1", "世帯主", **HANAMIGAWA),
        person(AGED_50, "0000300055", "花見　二郎", "ハナミ ジロウ", "19760303", "1", "世帯主", **HANAMIGAWA),
        person(AGED_20, "0000300055", "花見　三郎", "ハナミ サブロウ", "20060115", "1", "子", **HANAMIGAWA),
    ]
    return files


@pytest.fixture
def city(tmp_path, data_dir, db):
    """中央区: 太郎 41, 花子 39, 一郎 0, うめ 91 (and 次郎, dead); 花見川区: 70, 50 and 20 years old (on AS_OF).
    Registrants now: 太郎, うめ and the 70-year-old; 花子's registration has stopped; one active registration
    belongs to 次郎, no current resident."""
    run = run_import(write_export(tmp_path / "e", city_export()), AS_OF, stream=io.StringIO())
    assert run.status == "applied", run.problems
    registration(TARO, 1)
    registration(UME, 2, channel="email")
    registration(AGED_70, 3)
    registration(HANAKO, 4, status=Registration.Status.INACTIVE)
    registration(LEFT, 5)
    return run


def at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=TOKYO)


def send(author, when: datetime, *, program: str = "parents", department: str = KODOMO, recipients: int,
         counts: dict, clicks: int = 0, tracked: bool = False, kind=SendOrder.Kind.NOW, title: str = "お知らせ",
         status=SendOrder.Status.FINISHED) -> SendOrder:
    notice = Notice.objects.create(program_code=program, department=department, created_by=author)
    version = NoticeVersion.objects.create(notice=notice, number=1, title=title, body="本文", created_by=author,
                                           approved_by=author, approved_at=when)
    return SendOrder.objects.create(
        notice=notice, version=version, kind=kind, status=status, tracked=tracked, scheduled_for=when,
        started_at=when, finished_at=when, targeted=recipients, recipients=recipients,
        progress={"counts": counts, "reasons": {}, "clicks": clicks})


PROGRAMS = {
    "parents.yml": "code: parents\nname: 子育て世帯応援給付\ndepartment: こども家庭支援課\n"
                   "contact: {department: こども家庭支援課, phone: \"043-245-5179\"}\n"
                   "conditions:\n  all:\n    - field: age_years\n      op: \">=\"\n      value: 18\n",
    "elderly.yml": "code: elderly\nname: 高齢者健診\ndepartment: 健康支援課\n"
                   "contact: {department: 健康支援課, phone: \"043-238-9925\"}\n"
                   "conditions:\n  all:\n    - field: age_years\n      op: \">=\"\n      value: 75\n",
    "smoking.yml": "code: smoking\nname: 禁煙外来治療費助成\ndepartment: 健康支援課\n"
                   "contact: {department: 健康支援課, phone: \"043-238-9925\"}\n"
                   "conditions:\n  all:\n    - field: age_years\n      op: \">=\"\n      value: 20\n",
}


@pytest.fixture(autouse=True)
def programs_dir(tmp_path, settings):
    folder = tmp_path / "programs"
    folder.mkdir()
    for name, text in PROGRAMS.items():
        (folder / name).write_text(text, encoding="utf-8")
    settings.PROGRAMS_DIR = folder
    return folder


@pytest.fixture
def author(db):
    return make_staff("author", "editor", KODOMO)


@pytest.fixture
def sends(author):
    """In fiscal year 2026: two sends of `parents` (こども家庭支援課; one counted clicks), one of `elderly`
    (健康支援課), a broadcast and a test send; and one send of `parents` in fiscal year 2025."""
    return {
        "parents_june": send(author, at(date(2026, 6, 10)), recipients=120,
                             counts={"line:accepted": 90, "line:fell_back": 10, "email:sent": 15,
                                     "line:failed_permanent": 5}),
        "parents_oct": send(author, at(date(2026, 10, 5)), recipients=60, tracked=True, clicks=12,
                            counts={"line:accepted": 50, "email:sent": 5, "line:failed_permanent": 5}),
        "elderly": send(author, at(date(2026, 7, 1)), program="elderly", department=KENKO, recipients=30,
                        counts={"line:accepted": 20, "email:sent": 4, "email:failed_permanent": 6}),
        "broadcast": send(author, at(date(2026, 9, 1)), program="", recipients=200, kind=SendOrder.Kind.BROADCAST,
                          counts={"line:accepted": 180, "email:sent": 15, "line:failed_permanent": 5}),
        "test": send(author, at(date(2026, 9, 2)), recipients=1, kind=SendOrder.Kind.TEST,
                     counts={"line:accepted": 1}),
        "last_year": send(author, at(date(2025, 11, 20)), recipients=50, counts={"line:accepted": 45}),
    }


@pytest.fixture
def staff_client(client):
    """staff_client(role, department=None) → the test client logged in as a new staff member of that role."""
    def make(role, department=None, username=None):
        user = make_staff(username or f"{role}-{department or 'all'}", role, department)
        login(client, user)
        return client

    return make


@pytest.fixture
def admin_client(staff_client):
    return staff_client(ADMIN)


@pytest.fixture
def auditor_client(staff_client):
    return staff_client(AUDITOR)


@pytest.fixture
def kodomo_approver_client(staff_client):
    return staff_client(APPROVER, KODOMO)


FY2026 = {"preset": "custom", "first": "2026-04-01", "last": "2027-03-31"}
