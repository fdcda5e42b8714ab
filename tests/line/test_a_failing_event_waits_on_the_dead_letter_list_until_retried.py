"""An event whose handling fails (here: the database is away while a resident sends their number) is not
lost: it stays on the dead-letter list that `foryou webhooks list` shows — id, type, attempts and the
error's class, never the content — until an operator retries it (`foryou webhooks retry`) or drops it.
The worker's log counts the failures without content."""

import io
from datetime import timedelta
import logging

import pytest
from django.core.management import CommandError, call_command
from django.db import OperationalError
from django.utils import timezone

from foryou.shared.numbers import new_number

from foryou.gateway import services, tasks
from foryou.gateway.models import Subscriber, WebhookEvent
from tests.line.conftest import event, payload, post

pytestmark = [pytest.mark.django_db(databases=["default", "gateway"]), pytest.mark.urls("tests.line.urls")]


def issued() -> tuple[str, Subscriber]:
    number = new_number()
    return number, Subscriber.objects.create(number=number, expires_at=timezone.now() + timedelta(days=90))


def webhooks(*args) -> str:
    out = io.StringIO()
    call_command("webhooks", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def database_away(monkeypatch):
    real = services.activate

    def away(*args, **kwargs):
        raise OperationalError(f"connection to server lost while activating {args[0]}")

    monkeypatch.setattr(services, "activate", away)
    return lambda: monkeypatch.setattr(services, "activate", real)


def test_a_failed_event_is_listed_without_content_and_a_retry_handles_it(client, line_settings, monkeypatch,
                                                                        database_away, caplog):
    monkeypatch.setattr("foryou.gateway.line.replies.reply", lambda *args: True)
    number, subscriber = issued()
    typed = event(message={"type": "text", "id": "1", "quoteToken": "q", "text": number})
    other = event("unfollow")
    post(client, payload(typed, other))
    with caplog.at_level(logging.INFO):
        result = tasks.handle_line_events.call([typed["webhookEventId"], other["webhookEventId"]])
    assert result == {typed["webhookEventId"]: "failed", other["webhookEventId"]: "unknown_user"}
    assert "1 event(s) failed" in caplog.text and "OperationalError" in caplog.text
    assert number not in caplog.text and "connection to server" not in caplog.text

    listed = webhooks("list")
    assert typed["webhookEventId"] in listed and "OperationalError" in listed and "attempts 1" in listed
    assert other["webhookEventId"] not in listed and number not in listed
    with pytest.raises(CommandError, match="failed again"):
        webhooks("retry", "--all")
    assert "attempts 2" in webhooks("list")

    database_away()  # the cause is fixed
    assert "activation:activated" in webhooks("retry", typed["webhookEventId"])
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.ACTIVE
    assert webhooks("list").strip() == "0 failed event(s)"
    assert WebhookEvent.objects.get(event_id=typed["webhookEventId"]).body == {}


def test_a_dropped_event_leaves_the_list_and_keeps_nothing(client, line_settings, database_away):
    typed = event(message={"type": "text", "id": "1", "quoteToken": "q", "text": issued()[0]})
    post(client, payload(typed))
    tasks.handle_line_events.call([typed["webhookEventId"]])
    with pytest.raises(CommandError, match="Not on the dead-letter list"):
        webhooks("drop", "no-such-event")
    assert "1 event(s) dropped" in webhooks("drop", "--all")
    dropped = WebhookEvent.objects.get()
    assert (dropped.outcome, dropped.body) == ("dropped", {}) and dropped.handled_at is not None
    assert webhooks("list").strip() == "0 failed event(s)"
