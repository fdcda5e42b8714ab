"""Worker processes for reliability tests: real `foryou worker` commands on the test's databases."""

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from django.db import connections

ROOT = Path(__file__).resolve().parents[2]


def worker_env(line, **extra) -> dict:
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "tests.worker_settings",
        "PYTHONPATH": f"{ROOT}{os.pathsep}{ROOT / 'src'}",
        "FORYOU_DEMO": "1",
        "FORYOU_TEST_DB_DEFAULT": connections["default"].settings_dict["NAME"],
        "FORYOU_TEST_DB_GATEWAY": connections["gateway"].settings_dict["NAME"],
        "FORYOU_LINE_API_BASE": line.base_url,
        "FORYOU_LINE_CHANNEL_ACCESS_TOKENS": line.access_token,
        "FORYOU_DELIVERY_WINDOW": "00:00-23:59",
        "FORYOU_DELIVERY_LEASE_SECONDS": "2",
        "PYTHONUNBUFFERED": "1",  # "running tasks" reaches the log when said
    }
    return env | {k: str(v) for k, v in extra.items()}


def start_worker(line, **extra) -> subprocess.Popen:
    log = tempfile.TemporaryFile()  # not a pipe: an unread pipe fills up and blocks the worker
    worker = subprocess.Popen([sys.executable, "-m", "foryou.cli", "worker", "--interval", "0.1", "--kick-every", "0.5"],
                              env=worker_env(line, **extra), stdout=log, stderr=subprocess.STDOUT)
    worker.log = log
    return worker


def whole_log(worker) -> str:
    # pread, not seek + read: the worker shares the file offset, and a seek would make it write over the start
    fd = worker.log.fileno()
    return os.pread(fd, os.fstat(fd).st_size, 0).decode(errors="replace")


def log_of(worker) -> str:
    return whole_log(worker)[-3000:]


def wait_ready(*workers, seconds: float = 120) -> None:
    """Wait until each worker has said it runs tasks: on a busy machine one may take seconds to start."""
    wait_until(lambda: all("running tasks" in whole_log(worker) for worker in workers), seconds,
               "the workers to start", workers)


def wait_until(condition, seconds: float, what: str, workers=()):
    deadline = time.monotonic() + seconds
    while not condition():
        for worker in workers:
            if worker.poll() is not None:
                raise AssertionError(f"a worker exited ({worker.returncode}): {log_of(worker)}")
        assert time.monotonic() < deadline, f"timed out waiting for {what}; last worker log: " + (
            log_of(workers[-1]) if workers else "")
        time.sleep(0.1)


def stop(*workers) -> None:
    for worker in workers:
        if worker.poll() is None:
            worker.terminate()
    for worker in workers:
        try:
            worker.wait(timeout=10)
        except subprocess.TimeoutExpired:
            worker.kill()
