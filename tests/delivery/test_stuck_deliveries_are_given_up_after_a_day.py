from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from foryou.gateway.delivery.claims import halt, halted
from foryou.gateway.delivery.sweep import sweep
from foryou.gateway.models import Delivery
from foryou.notices import sending
from tests.delivery.conftest import line_user, registrant, sync

pytestmark = pytest.mark.django_db(databases=["default", "gateway"])


def test_the_nightly_sweep_gives_up_what_could_not_be_sent_within_the_retry_window(
        delivery_settings, approved_broadcast, editor, transport):
    registrant(line_user_id=line_user(1))
    registrant(line_user_id=line_user(2))
    sending.start(sending.schedule(approved_broadcast, by=editor, broadcast=True))
    sync(transport)
    old, new = Delivery.objects.order_by("id")
    Delivery.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(hours=30),
                                              status="failed_temporary", reason="server_error")
    assert sweep() == 1
    old.refresh_from_db()
    new.refresh_from_db()
    assert (old.status, old.reason) == ("failed_technical", "timed_out")
    assert new.status == "queued"


def test_a_halted_channel_is_resumed_from_the_command_line(delivery_settings, capsys):
    halt("line", "unauthorized", "Authentication failed")
    call_command("deliveries", "status")
    assert "HALTED line: unauthorized" in capsys.readouterr().out
    call_command("deliveries", "resume", "line")
    assert halted("line") is None
