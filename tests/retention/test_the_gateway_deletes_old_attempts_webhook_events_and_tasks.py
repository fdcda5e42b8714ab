from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from foryou.gateway import retention
from foryou.gateway.models import ActivationAttempt, WebhookEvent

pytestmark = pytest.mark.django_db(databases=["default", "gateway"])


def attempt(now, days_ago):
    return ActivationAttempt.objects.create(key=f"ip:192.0.2.{days_ago}", at=now - timedelta(days=days_ago))


def event(now, n, days_ago, handled=True):
    at = now - timedelta(days=days_ago)
    return WebhookEvent.objects.create(event_id=f"ev{n}", kind="message", received_at=at,
                                       handled_at=at if handled else None, body={})


def task_result(now, days_ago, status="SUCCESSFUL"):
    at = now - timedelta(days=days_ago)
    return DBTaskResult.objects.create(status=status, args_kwargs={"args": ["U" + "0" * 32], "kwargs": {}},
                                       task_path="foryou.gateway.line.confirmations.confirm_consent_changed",
                                       backend_name="default", run_after=at,
                                       finished_at=at if status != "READY" else None)


def test_activation_attempts_older_than_the_period_are_deleted(settings):
    settings.RETAIN_ACTIVATION_ATTEMPTS_DAYS = 30
    now = timezone.now()
    old, recent = attempt(now, 31), attempt(now, 1)
    assert retention.purge(now)["activation_attempts"] == 1
    assert list(ActivationAttempt.objects.values_list("pk", flat=True)) == [recent.pk]
    assert not ActivationAttempt.objects.filter(pk=old.pk).exists()


def test_handled_webhook_events_are_deleted_after_the_period_and_unhandled_ones_are_left(settings):
    settings.RETAIN_WEBHOOK_EVENTS_DAYS = 30
    now = timezone.now()
    event(now, 1, 31)
    event(now, 2, 29)
    event(now, 3, 100, handled=False)  # waiting, or failed: another tool's business
    assert retention.purge(now)["webhook_events"] == 1
    assert sorted(WebhookEvent.objects.values_list("event_id", flat=True)) == ["ev2", "ev3"]


def test_finished_tasks_whose_arguments_may_name_a_line_user_are_deleted_after_the_period(settings):
    settings.RETAIN_TASK_RESULTS_DAYS = 30
    now = timezone.now()
    old = task_result(now, 31)
    failed = task_result(now, 40, status="FAILED")
    waiting = task_result(now, 40, status="READY")
    recent = task_result(now, 2)
    assert retention.purge(now)["task_results"] == 2
    left = set(DBTaskResult.objects.values_list("pk", flat=True))
    assert left == {waiting.pk, recent.pk}
    assert old.pk not in left and failed.pk not in left
