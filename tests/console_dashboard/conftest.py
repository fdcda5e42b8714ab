"""A small city (tests/residents/exports), registrants of it, and finished sends, for the dashboard,
registrants and audit-log pages."""

import io
from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from foryou.accounts.access import ADMIN, APPROVER, AUDITOR, EDITOR, REGISTRAR
from foryou.accounts.testing import login, make_staff
from foryou.enrollment.models import Registration
from foryou.shared.numbers import damm
from foryou.notices.models import Notice, NoticeVersion, SendChunk, SendOrder
from foryou.residents.services import run_import
from tests.residents.conftest import AS_OF
from tests.residents.exports import valid_export, write_export


@pytest.fixture
def city(tmp_path, data_dir):
    run_import(write_export(tmp_path / "e", valid_export()), AS_OF, stream=io.StringIO())


@pytest.fixture
def staff_client(client):
    """staff_client(role) → the test client, logged in as a new member of staff holding that role."""
    def make(role=None, username=None, department=None):
        name = username or f"{role or 'nobody'}-user"
        if role in (EDITOR, APPROVER) and department is None:
            department = "健康支援課"
        return login(client, make_staff(name, role, department))

    return make


@pytest.fixture
def registrar(staff_client):
    return staff_client(REGISTRAR)


@pytest.fixture
def admin(staff_client):
    return staff_client(ADMIN)


@pytest.fixture
def auditor(staff_client):
    return staff_client(AUDITOR)


def number(n: int) -> str:
    body = f"{n:015d}"
    return body + str(damm(body))


def registration(resident_id: str, n: int, **extra) -> Registration:
    now = timezone.now()
    fields = {"number": number(n), "resident_id": resident_id, "status": Registration.Status.ACTIVE,
              "issued_at": now, "expires_at": now + timedelta(days=90), "activated_at": now, "channel": "line"}
    return Registration.objects.create(**(fields | extra))


def finished_send(title: str, when: datetime, numbers: list[str], counts: dict, author, reasons=None) -> SendOrder:
    notice = Notice.objects.create(program_code="nyuji-ippan-kenshin", department="健康支援課", created_by=author)
    version = NoticeVersion.objects.create(notice=notice, number=1, title=title, body="本文", created_by=author,
                                           approved_by=author, approved_at=when)
    order = SendOrder.objects.create(
        notice=notice, version=version, kind=SendOrder.Kind.NOW, status=SendOrder.Status.FINISHED,
        scheduled_for=when, started_at=when, finished_at=when, targeted=len(numbers), recipients=len(numbers),
        progress={"counts": counts, "reasons": reasons or {}})
    SendChunk.objects.create(order=order, index=0, numbers=numbers)
    return order
