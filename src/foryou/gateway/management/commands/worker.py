"""foryou worker: a task worker (django-tasks, database backend) that also keeps deliveries moving.

It runs queued tasks (LINE webhook events, dispatch) and, every few seconds, checks whether delivery
work is due (new orders, retries, held notices, batches left by a worker that died) and enqueues
dispatch tasks for it; hourly it gives up stale deliveries and forgets LINE applicants past their retention
period; daily (and at start-up) it queues the retention purge (foryou.gateway.retention). Run one per CPU
core you can spare, on one or several machines sharing the database (PostgreSQL for several machines).
"""

import gc
import logging
import threading
import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import close_old_connections

from foryou.gateway.delivery import workers
from foryou.gateway.delivery.claims import worker_name

log = logging.getLogger("foryou.worker")


SWEEP_EVERY = 3600.0


def kicker(stop: threading.Event, every: float) -> None:
    from foryou.gateway.applications import purge_line_applicants
    from foryou.gateway import retention
    from foryou.gateway.delivery.sweep import sweep

    last_sweep = 0.0
    daily_purge = retention.daily()  # queued at start-up, then daily at PURGE_TIME (docs/privacy.md)
    while not stop.wait(every):
        try:
            if time.monotonic() - last_sweep > SWEEP_EVERY:
                last_sweep = time.monotonic()
                sweep()
                purge_line_applicants()  # LINE applicants past their retention period
            if daily_purge.due():
                retention.purge_task.enqueue()
            workers.kick()
        except Exception:  # a database hiccup must not kill the kicker; the next round tries again
            log.exception("could not check for due deliveries")
        finally:
            close_old_connections()


def warm_up() -> None:
    """Import the task and dispatch path (the LINE SDK, message composition, email) before the first task,
    as the system checks did: imported during a send, the CPU it takes on a busy machine holds up the
    requests already booked at the shared rate, which then leave together."""
    from foryou.gateway import tasks  # noqa: F401
    from foryou.gateway.delivery import senders  # noqa: F401
    from foryou.gateway.email import channel as email_channel  # noqa: F401
    from foryou.gateway.line import channel as line_channel  # noqa: F401
    # What is loaded by now (Django, the SDK, pydantic's models) lives as long as the process: frozen,
    # the full collections a send's garbage triggers no longer walk it (a third of the collector's CPU
    # per push, decision 0100).
    gc.freeze()


class Command(BaseCommand):
    help = "Run queued tasks and keep deliveries moving (several may run at once)."
    # Django's system checks import every view (the URL checks): ~65 MB of modules (DuckDB, SQLGlot,
    # pypdf, …) a worker never uses; `foryou check` and the web server's start run them.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=0.5, help="Seconds between looks for tasks.")
        parser.add_argument("--kick-every", type=float, default=5.0,
                            help="Seconds between checks for due delivery work.")
        parser.add_argument("--queue-name", default="*", help="Queues to run (default: all).")
        parser.add_argument("--max-tasks", type=int, default=None, help="Exit after this many tasks.")

    def handle(self, *args, interval, kick_every, queue_name, max_tasks, **options):
        from django_tasks_db.management.commands.db_worker import Worker

        # Debug mode logs every SQL statement with its parameters quoted, which costs more than the
        # statements themselves for a worker's bulk claims; a worker never shows debug pages anyway.
        settings.DEBUG = False
        warm_up()
        name = worker_name()
        self.stdout.write(f"foryou worker {name}: running tasks from queue(s) {queue_name}")
        workers.kick()  # pick up anything a previous worker left behind
        stop = threading.Event()
        threading.Thread(target=kicker, args=(stop, kick_every), daemon=True, name="kicker").start()
        worker = Worker(queue_names=queue_name.split(","), interval=interval, batch=False,
                        backend_name="default", startup_delay=True, max_tasks=max_tasks, worker_id=name[:64],
                        excluded_queue_names=[])
        worker.configure_signals()
        try:
            worker.run()
        finally:
            stop.set()
