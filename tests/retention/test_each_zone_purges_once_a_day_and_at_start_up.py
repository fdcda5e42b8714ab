from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from foryou.audit.models import AuditEvent
from foryou.console import retention as console_retention
from foryou.gateway import retention as gateway_retention
from foryou.gateway.models import OutboundEvent
from foryou.notices.automation import Clock
from foryou.shared.bridge import messages

TOKYO = timezone.get_fixed_timezone(9 * 60)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 12, day, hour, minute, tzinfo=TOKYO)


@pytest.mark.parametrize("daily", [console_retention.daily, gateway_retention.daily])
def test_the_purge_is_due_at_start_up_then_once_a_day_after_the_purge_time(daily, settings):
    settings.PURGE_TIME = "03:30"
    clock = daily()
    assert clock.due(at(7, 1)) is True  # start-up, whatever the hour
    assert clock.due(at(7, 4)) is False  # that day is done
    assert clock.due(at(8, 3, 29)) is False  # the next day, before the purge time
    assert clock.due(at(8, 3, 30)) is True
    assert clock.due(at(8, 23)) is False


@pytest.mark.django_db(databases=["default", "gateway"])
def test_the_scheduler_purges_the_console_when_it_starts_and_the_next_day(transport, settings):
    settings.PURGE_TIME = "03:30"
    clock = Clock()
    now = timezone.now()
    purged = lambda: AuditEvent.objects.filter(action=console_retention.CONSOLE_PURGED).count()  # noqa: E731

    assert "purged" in clock.tick(transport, now=now)
    assert purged() == 1
    clock.tick(transport, now=now + timedelta(seconds=5))
    assert purged() == 1
    next_day = (now.astimezone(TOKYO) + timedelta(days=1)).replace(hour=3, minute=31)
    clock.tick(transport, now=next_day)
    assert purged() == 2


@pytest.mark.django_db(databases=["default", "gateway"])
def test_the_workers_purge_task_purges_the_gateway_and_reports_it():
    result = gateway_retention.purge_task.call()
    assert result["deliveries"] == 0
    assert OutboundEvent.objects.filter(kind=messages.RETENTION_PURGED).count() == 1


@pytest.mark.django_db
def test_the_console_purge_command_prints_and_audits_counts(capsys):
    from django.core.management import call_command

    call_command("purge")
    assert "applications: 0" in capsys.readouterr().out
    event = AuditEvent.objects.get(action=console_retention.CONSOLE_PURGED)
    assert event.detail["audit_events"] == 0


def test_a_starting_worker_queues_the_gateway_purge_once(monkeypatch):
    import threading
    from types import SimpleNamespace

    from foryou.gateway import applications
    from foryou.gateway.delivery import sweep, workers
    from foryou.gateway.management.commands import worker

    stop, queued, rounds = threading.Event(), [], []

    def kick():
        rounds.append(1)
        if len(rounds) == 3:
            stop.set()

    monkeypatch.setattr(workers, "kick", kick)
    monkeypatch.setattr(sweep, "sweep", lambda: None)
    monkeypatch.setattr(applications, "purge_line_applicants", lambda: 0)
    monkeypatch.setattr(gateway_retention, "purge_task", SimpleNamespace(enqueue=lambda: queued.append(1)))
    monkeypatch.setattr(worker, "close_old_connections", lambda: None)

    worker.kicker(stop, 0)

    assert (len(rounds), len(queued)) == (3, 1)  # at start-up; the next one tomorrow after PURGE_TIME
