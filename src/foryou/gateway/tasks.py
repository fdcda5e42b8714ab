"""Gateway tasks (django-tasks; the database backend in production, ImmediateBackend in some tests)."""

import logging

from django_tasks import task

log = logging.getLogger(__name__)


@task()
def handle_line_events(event_ids: list[str]) -> dict:
    """Handle recorded LINE webhook events in delivery order. One failing event does not stop the
    others; it is released for a later delivery and the task ends FAILED so operators see it."""
    from foryou.gateway.line.handlers import handle

    outcomes: dict[str, str] = {}
    failed = []
    for event_id in event_ids:
        try:
            outcomes[event_id] = handle(event_id)
        except Exception:
            log.exception("LINE webhook event %s could not be handled", event_id)
            failed.append(event_id)
    if failed:
        raise RuntimeError(f"{len(failed)} LINE webhook event(s) failed: {', '.join(failed)}")
    return outcomes


@task()
def dispatch(seconds: float = 120.0) -> dict:
    """Send due deliveries for up to `seconds` (see gateway/delivery/runner.py)."""
    from foryou.gateway.delivery.dispatcher import Dispatcher

    summary = Dispatcher().run(seconds)
    return {"lots": summary.lots, "requests": summary.requests, "outcomes": summary.outcomes}
