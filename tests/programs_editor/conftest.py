"""A small imported city (tests/residents/exports.py), program files of two departments in a private
folder, and staff of each role."""

import io

import pytest

from foryou.accounts import services as accounts
from foryou.accounts.testing import PASSWORD, login
from foryou.programs import live
from tests.residents.conftest import AS_OF

KODOMO, KENKO = "こども家庭支援課", "健康支援課"

PARENTS = """
code: parents
name: 子育て世帯
department: こども家庭支援課
summary: 小さなお子さんのいる世帯の方へ
conditions:
  all:
    - field: age_years
      op: ">="
      value: 18
    - household:
        some_member: {field: age_years, op: "<", value: 3}
tests:
  - name: 乳児と暮らす親は対象
    as_of: 2026-11-27
    persons:
      - {id: mother, birth_date: 1990-01-01}
      - {id: baby, relationship: 子, birth_date: 2026-06-01}
      - {id: single, household: H2, birth_date: 1990-01-01}
    qualify: [mother]
    not_qualify: [baby, single]
"""

ELDERLY = """
code: elderly
name: 高齢者健診
department: 健康支援課
conditions:
  all:
    - field: age_years
      op: ">="
      value: 75
"""


@pytest.fixture(autouse=True)
def fresh_counts():
    live.reset()
    yield
    live.reset()


@pytest.fixture
def programs_dir(tmp_path, settings):
    folder = tmp_path / "programs"
    folder.mkdir()
    (folder / "parents.yml").write_text(PARENTS, encoding="utf-8")
    (folder / "elderly.yml").write_text(ELDERLY, encoding="utf-8")
    settings.PROGRAMS_DIR = folder
    return folder


@pytest.fixture
def city(tmp_path, data_dir, db, programs_dir):
    """千葉 太郎 (41) and 花子 (39) with their baby 一郎, and 髙橋 うめ (91), as of 2026-11-27."""
    from foryou.residents.services import run_import
    from tests.residents.exports import valid_export, write_export

    run = run_import(write_export(tmp_path / "export", valid_export()), AS_OF, stream=io.StringIO())
    assert run.status == "applied", run.problems
    return run


def staff(username, role, department=None):
    return accounts.add_staff(username, PASSWORD, role=role, department=department, create_department=True)


@pytest.fixture
def editor(client, db, programs_dir):
    return login(client, staff("kodomo-editor", "editor", KODOMO))



@pytest.fixture
def exact_counts(settings):
    """Counts shown as figures down to 1: for tests of counting itself in this four-resident city (small-
    cell suppression has its own tests, with the default threshold of 10)."""
    settings.SMALL_COUNT = 1


def register(resident_id, *, tax=False, status="active", paused=False, number=None):
    """An active registration (or `status`) for a resident, with or without consent to tax data."""
    from datetime import timedelta

    from django.utils import timezone

    from foryou.enrollment.models import Registration
    from foryou.shared.numbers import new_number

    now = timezone.now()
    return Registration.objects.create(number=number or new_number(), resident_id=resident_id, status=status,
                                       tax_consent=tax, expires_at=now + timedelta(days=90),
                                       activated_at=now if status == "active" else None,
                                       paused_at=now if paused else None)
