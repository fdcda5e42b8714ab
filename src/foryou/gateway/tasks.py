"""Gateway tasks (django-tasks; the database backend in production, ImmediateBackend in some tests)."""

import logging

from django_tasks import task

log = logging.getLogger(__name__)


@task()
def handle_line_events(event_ids: list[str]) -> dict:
    """Handle recorded LINE webhook events in delivery order. One failing event does not stop the
    others: it stays on the dead-letter list (`foryou webhooks list|retry`), and the failures are
    counted in the log by error class, without the event's content or the error's message."""
    from foryou.gateway.line.handlers import handle

    outcomes: dict[str, str] = {}
    failures: dict[str, int] = {}
    for event_id in event_ids:
        try:
            outcomes[event_id] = handle(event_id)
        except Exception as error:
            outcomes[event_id] = "failed"
            failures[type(error).__name__] = failures.get(type(error).__name__, 0) + 1
    if failures:
        log.error("LINE webhook: %d event(s) failed and wait on the dead-letter list (%s); see `foryou webhooks list`",
                  sum(failures.values()), ", ".join(f"{name} ×{count}" for name, count in sorted(failures.items())))
    return outcomes


@task()
def dispatch(seconds: float = 120.0) -> dict:
    """Send due deliveries for up to `seconds` (see gateway/delivery/runner.py)."""
    from foryou.gateway.delivery.dispatcher import Dispatcher

    summary = Dispatcher().run(seconds)
    return {"lots": summary.lots, "requests": summary.requests, "outcomes": summary.outcomes}


@task()
def send_test(order_id: str, device_ref: str, content: dict) -> str:
    """A staff member's test send, to their own linked test device (gateway/test_devices.py)."""
    from foryou.gateway.test_devices import deliver

    return deliver(order_id, device_ref, content)
