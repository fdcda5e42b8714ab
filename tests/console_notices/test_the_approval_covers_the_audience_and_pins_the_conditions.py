"""The approval (決裁) covers the audience as well as the wording: broadcast or not, automatic or not,
and the program's conditions, pinned when approved. Each test performs what an editor alone could do
after approval before (broadcast a program's notice to everyone, switch it to automatic, change the
program's conditions so that the approved notice reaches other people) and checks it no longer works."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from foryou.audit.models import AuditEvent
from foryou.notices import audience, sending, services
from foryou.notices.automation import automatic_notices
from foryou.notices.errors import SendRefused
from foryou.notices.models import Notice, SendOrder
from foryou.programs import catalog
from foryou.programs import services as programs
from tests.console_notices.conftest import WORDING, as_user
from tests.delivery.conftest import registrant
from tests.residents.exports import HANAKO, TARO, UME

pytestmark = pytest.mark.django_db(databases=["default", "gateway"])

ADULTS = {"all": [{"field": "age_years", "op": ">=", "value": 18}]}  # 千葉 太郎, 花子 and うめ

BABIES = """
code: babies
name: 乳児一般健康診査
department: こども家庭支援課
trigger:
  once_per: person
conditions:
  all:
    - reaches_age: {months: 1, within_days: 14}
"""


def everyone_registered():
    for resident in (TARO, HANAKO, UME):
        registrant(email=f"{resident}@example.jp", resident_id=resident)


def test_an_editor_cannot_broadcast_a_notice_approved_for_its_programs_people(client, city, approved, editor):
    everyone_registered()
    with pytest.raises(SendRefused) as refused:
        sending.schedule(approved, by=editor, broadcast=True)
    assert refused.value.code == "broadcast_not_approved"
    with pytest.raises(CommandError):
        call_command("notices", "send", str(approved.pk), "--as", editor.username, "--broadcast", stdout=StringIO())
    as_user(client, editor)  # the send page offers only the approved audience; a forged choice is refused
    client.post(reverse("console_notice_send", args=[approved.pk]),
                {"when": "now", "audience": "broadcast", "confirmed": "1"})
    assert not SendOrder.objects.exists()


def test_a_broadcast_needs_a_version_approved_as_one(city, approved, editor, approver):
    services.edit(approved, services.program_name_of(approved), WORDING, editor, broadcast=True)
    with pytest.raises(SendRefused):  # the broadcast version is not approved yet: nothing can be sent
        sending.schedule(approved, by=editor, broadcast=True)
    services.approve(approved.latest, approver)
    order = sending.schedule(approved, by=editor)
    assert order.kind == SendOrder.Kind.BROADCAST
    with pytest.raises(SendRefused) as refused:  # nor narrowed to the program without approval
        sending.schedule(approved, by=editor, broadcast=False)
    assert refused.value.code == "approved_as_broadcast"
    entry = AuditEvent.objects.filter(action="notices.approve").latest("id")
    assert entry.detail["broadcast"] is True


def test_a_condition_change_after_approval_does_not_change_the_approved_audience(client, city, approved, editor,
                                                                                 approver):
    everyone_registered()
    assert approved.latest.conditions is not None
    programs.save_conditions("parents", ADULTS, editor, "widened")  # うめ (91) now qualifies too
    assert sending.estimate(approved) == (2, 2)
    order = sending.schedule(approved, by=editor)
    sending.start(order)
    order.refresh_from_db()
    assert (order.targeted, order.recipients) == (2, 2)  # the approved conditions, not the new ones

    as_user(client, editor)
    page = client.get(reverse("console_notice", args=[approved.pk])).content.decode()
    assert 'id="conditions-changed"' in page and 'id="ask-again"' in page
    client.post(reverse("console_notice_ask_again", args=[approved.pk]))
    approved.refresh_from_db()
    assert approved.sendable is None  # a new version waits for an approval of the new conditions
    services.approve(approved.latest, approver)
    assert approved.latest.conditions == ADULTS and sending.estimate(approved) == (3, 3)
    assert not audience.conditions_changed(approved.latest)


def test_approving_is_refused_when_the_conditions_changed_after_the_approver_saw_them(client, city, notice, editor,
                                                                                     approver):
    as_user(client, approver)
    url = reverse("console_notice_approve", args=[notice.pk])
    page = client.post(url, {"version": notice.latest.number}).content.decode()
    assert 'name="seen_revision" value="file"' in page and 'id="audience"' in page
    programs.save_conditions("parents", ADULTS, editor, "widened meanwhile")
    client.post(url, {"version": notice.latest.number, "confirmed": "1", "seen_revision": "file"})
    notice.refresh_from_db()
    assert notice.sendable is None


def test_an_editor_cannot_switch_an_approved_notice_to_automatic(programs_dir, editor, approver, data_dir):
    (programs_dir / "babies.yml").write_text(BABIES, encoding="utf-8")
    notice = services.create(catalog.get_program("babies"), WORDING, editor)
    services.approve(notice.latest, approver)
    services.set_automatic(notice, True, editor)
    assert automatic_notices() == [] and notice.sendable is None  # waits for a new approval
    services.approve(notice.latest, approver)
    assert [n.pk for n in automatic_notices()] == [notice.pk]


def test_the_daily_trigger_run_uses_the_conditions_approved_with_the_notice(programs_dir, editor, approver, data_dir):
    (programs_dir / "babies.yml").write_text(BABIES, encoding="utf-8")
    notice = services.create(catalog.get_program("babies"), WORDING, editor, automatic=True)
    services.approve(notice.latest, approver)
    programs.save_conditions("babies", ADULTS, editor, "everyone instead")
    from foryou.notices import automation

    [chosen] = automation.automatic_notices()
    assert audience.program_for(chosen.sendable).tree == notice.latest.conditions != ADULTS


def test_the_command_asks_for_automatic_sending_at_creation_and_the_approver_approves_it(programs_dir, editor,
                                                                                         approver, tmp_path):
    (programs_dir / "babies.yml").write_text(BABIES, encoding="utf-8")
    file = tmp_path / "notice.yml"
    file.write_text(f"title: {WORDING.title}\nbody: {WORDING.body}\n", encoding="utf-8")
    out = StringIO()
    call_command("notices", "create", "--as", editor.username, "--program", "babies", "--file", str(file),
                 "--automatic", stdout=out)
    assert automatic_notices() == []
    notice_pk = Notice.objects.get().pk
    call_command("notices", "approve", str(notice_pk), "--as", approver.username, stdout=out)
    assert "automatically" in out.getvalue() and [n.pk for n in automatic_notices()] == [notice_pk]
    call_command("notices", "edit", str(notice_pk), "--as", editor.username, "--file", str(file), "--no-automatic",
                 stdout=out)
    assert automatic_notices() == []


def test_a_send_booked_for_a_version_approved_before_pinning_is_cancelled_not_started(city, approved, editor):
    order = sending.schedule(approved, by=editor)
    type(approved.latest).objects.filter(pk=approved.latest.pk).update(conditions=None)  # as before the upgrade
    assert sending.start_due() == []
    order.refresh_from_db()
    assert order.status == SendOrder.Status.CANCELLED and not order.chunks.exists()
    with pytest.raises(SendRefused) as refused:
        sending.schedule(approved, by=editor)
    assert refused.value.code == "not_pinned"
