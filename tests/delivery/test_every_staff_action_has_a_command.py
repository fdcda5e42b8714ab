import json
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from foryou.notices import sending
from foryou.notices.automation import Clock
from foryou.notices.models import Notice, SendOrder
from tests.delivery.conftest import drain, line_user, registrant, sync

pytestmark = pytest.mark.django_db(databases=["default", "gateway"])
NOTICE = """title: 乳児一般健康診査のご案内
body: |
  お子さんが生後1か月頃になりました。
  協力医療機関で健診を受けられます。
contact:
  department: 健康支援課
  phone: 043-238-9925
  hours: 平日 8:30〜17:30
links:
  - label: 詳しく見る
    url: https://www.city.chiba.jp/
"""


def run(*args) -> str:
    from io import StringIO

    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


@pytest.fixture
def notice_file(tmp_path):
    path = tmp_path / "notice.yml"
    path.write_text(NOTICE, encoding="utf-8")
    return path


def test_create_approve_schedule_cancel_and_send_from_the_command_line(
        delivery_settings, line, editor, approver, notice_file, transport):
    line.create_user("住民", user_id=line_user(1))
    registrant(line_user_id=line_user(1))
    assert "created" in run("notices", "create", "--as", "editor", "--department", "健康支援課", "--file", str(notice_file))
    notice = Notice.objects.get()
    with pytest.raises(CommandError, match="another approver|別の承認者"):
        run("notices", "approve", str(notice.pk), "--as", "editor")
    run("notices", "approve", str(notice.pk), "--as", "approver")

    later = (timezone.now() + timedelta(days=1)).astimezone(sending.TOKYO).strftime("%Y-%m-%d %H:%M")
    assert "scheduled for" in run("notices", "send", str(notice.pk), "--as", "editor", "--broadcast", "--at", later)
    scheduled = SendOrder.objects.get()
    run("notices", "cancel", str(scheduled.pk), "--as", "editor")
    with pytest.raises(CommandError, match="can no longer be cancelled|取り消せません"):
        run("notices", "cancel", str(scheduled.pk), "--as", "editor")

    assert "started: 1 recipients" in run("notices", "send", str(notice.pk), "--as", "editor", "--broadcast",
                                          "--start")
    sync(transport)
    drain()
    sync(transport)
    order = SendOrder.objects.get(status="finished")
    progress = json.loads(run("notices", "progress", str(order.pk), "--json"))
    assert (progress["percent"], progress["reached"], progress["accepted"]) == (100, 1, 1)
    stats = json.loads(run("stats", "--json"))
    assert (stats["notices_sent"], stats["people_reached"], stats["registrants"]["line"]) == (1, 1, 1)


def test_a_scheduled_send_starts_when_its_time_comes(delivery_settings, approved_broadcast, editor, transport):
    registrant(email="a@example.jp")
    at = timezone.now() + timedelta(minutes=10)
    order = sending.schedule(approved_broadcast, by=editor, at=at, broadcast=True)
    clock = Clock()
    clock.tick(transport, now=timezone.now())
    order.refresh_from_db()
    assert order.status == "scheduled"
    clock.tick(transport, now=at + timedelta(seconds=1))
    order.refresh_from_db()
    assert order.status == "sending" and order.recipients == 1


def test_bad_input_names_what_to_fix(delivery_settings, editor, tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text("title: 題名だけ\n", encoding="utf-8")
    with pytest.raises(CommandError, match="needs at least `title:` and `body:`"):
        run("notices", "create", "--as", "editor", "--department", "健康支援課", "--file", str(bad))
    with pytest.raises(CommandError, match="No active staff account 'nobody'"):
        run("notices", "create", "--as", "nobody", "--department", "健康支援課", "--file", str(bad))
    with pytest.raises(CommandError, match='--at must look like "2026-12-01 09:00"'):
        run("notices", "send", "1", "--as", "editor", "--at", "tomorrow")
