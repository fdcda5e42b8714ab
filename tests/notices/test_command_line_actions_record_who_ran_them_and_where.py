"""`--as USER` names a staff account, which anyone with a shell on the console host can type: the audit
entry of every command-line action also records the operating-system user and the host it ran on. The
attack: run `foryou notices approve --as <someone>` (or a `foryou staff` change) from a shell; before,
the log named only the account typed."""

import getpass
import socket
from io import StringIO

import pytest
from django.core.management import call_command

from foryou.accounts import services as accounts
from foryou.accounts.testing import PASSWORD
from foryou.audit.models import AuditEvent
from foryou.notices import services
from foryou.programs import catalog, live
from tests.console_notices.conftest import PARENTS, WORDING

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def programs_dir(tmp_path, settings):
    folder = tmp_path / "programs"
    folder.mkdir()
    (folder / "parents.yml").write_text(PARENTS, encoding="utf-8")
    settings.PROGRAMS_DIR = folder
    live.reset()
    yield folder
    live.reset()


def origin() -> dict:
    return {"os_user": getpass.getuser(), "host": socket.gethostname()}


def test_an_approval_with_as_records_the_operating_system_user_and_host():
    editor = accounts.add_staff("e", PASSWORD, role="editor", department="こども家庭支援課", create_department=True)
    approver = accounts.add_staff("a", PASSWORD, role="approver", department="こども家庭支援課")
    notice = services.create(catalog.get_program("parents"), WORDING, editor)
    call_command("notices", "approve", str(notice.pk), "--as", approver.username, stdout=StringIO())
    entry = AuditEvent.objects.get(action="notices.approve")
    assert entry.actor == approver and entry.detail["command"] == origin()
    # The same action on screen records no command origin.
    assert "command" not in AuditEvent.objects.get(action="notices.create").detail


def test_a_staff_command_records_the_operating_system_user_and_host():
    accounts.add_staff("sato", PASSWORD, role="editor", department="健康支援課", create_department=True)
    before = AuditEvent.objects.count()
    call_command("staff", "grant", "sato", "--role", "approver", "--department", "健康支援課", stdout=StringIO())
    entries = AuditEvent.objects.order_by("id")[before:]
    assert entries and all(e.detail.get("command") == origin() for e in entries)
