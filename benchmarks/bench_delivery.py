"""Benchmark the whole delivery path on this machine, both zones embedded (SQLite), the LINE emulator
in its own process on loopback:

    python benchmarks/bench_delivery.py multicast [--recipients 1000000] [--workers 1]
        One broadcast to N LINE registrants: from "send" (freeze the recipients in the console) through
        the signed bridge (send order + recipient chunks) and the gateway's deliveries to every
        multicast accepted by LINE. Target: 1,000,000 in ≤ 15 s. Also prints the worker's own CPU per
        multicast (which, unlike the dispatch time, does not depend on what else the machine is doing).
    python benchmarks/bench_delivery.py pushes [--recipients 100000] [--rate 1000] [--workers 2]
        The same with tracked links (each recipient's message is different, so one push each) with the
        emulator limited to --rate pushes/s and the shared limiter at the same rate. Target ≥ 95% of
        2,000/s from one worker. Also prints the worker's own CPU per push during the send (its ORM
        thread, its sending thread, the garbage collector's share) and the rate that allows it on a
        core of its own, which (unlike the rate) does not depend on what else the machine is doing;
        and the LINE emulator's CPU per push: on a 2-core machine the two share the cores with this
        process, so the rate they reach together depends on both. BENCH_PROFILE=1 prints a profile of
        each of the worker's threads (in CPU time).

Prints each phase's time and this process's CPU time in it (both zones run in this process until the
dispatch), the end-to-end rate, and the peak RSS of this process and the workers.
--latency-ms MS makes the local LINE platform answer each request MS later, as LINE does over a real
network; --in-flight N sets FORYOU_LINE_IN_FLIGHT for the workers (with 50 ms, 32 in flight allow 640
pushes/s, the default 128 allows the 2,000/s limit).
--until bridge stops once the last chunk's deliveries are in the gateway (the freeze and the bridge only).
--populated DIR keeps the populated databases in DIR/<N> (made by the first run, copied by the next: the
set-up takes minutes at 1M). BENCH_PROFILE=freeze or =bridge prints a cProfile of that phase;
BENCH_PROFILE=1 of the workers.
--start spawn starts each worker as a fresh interpreter, as `foryou worker` is started in production: its
peak RSS is then the worker's own (forked workers, the default, start with this process's memory,
which has just frozen the recipients). Either way the workers' start-up is not counted in the dispatch.
"""

import argparse
import gc
import multiprocessing
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT))
# Spawned workers run this module again: they find the data directory of the process that started them.
DATA = Path(os.environ.get("FORYOU_BENCH_DELIVERY_DATA") or tempfile.mkdtemp(prefix="foryou-bench-delivery-"))
os.environ["FORYOU_BENCH_DELIVERY_DATA"] = str(DATA)
os.environ.update(FORYOU_DEMO="1", FORYOU_DATA_DIR=str(DATA), DJANGO_SETTINGS_MODULE="foryou.settings.embedded",
                  FORYOU_DELIVERY_WINDOW="00:00-23:59", FORYOU_ALLOWED_HOSTS="testserver,127.0.0.1")

from bench_line_channel import start_emulator  # noqa: E402


def setup_django():
    import django
    from django.conf import settings

    django.setup()
    settings.DEBUG = False  # as in production (and `foryou worker`): no per-query SQL logging


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def populate(n: int) -> None:
    """N active LINE registrants in both zones, inserted in bulk (this is set-up, not measured)."""
    from datetime import timedelta

    from django.db import connections
    from django.utils import timezone

    now = timezone.now()
    expires = now + timedelta(days=90)
    rows = [(f"{i:016d}", i) for i in range(1, n + 1)]
    with connections["default"].cursor() as c:
        c.executemany(
            "INSERT INTO enrollment_registration (number, resident_id, status, issued_at, expires_at, activated_at,"
            " channel, has_email, tax_consent, consent_terms, ending, postcard_returned_at, ended_at,"
            " application_id, postcard_batch_id, channel_choice, language, topics_off) VALUES (?, ?, 'active', ?, ?,"
            " ?, 'line', 0, 0, '', '', NULL, NULL, NULL, NULL, '', 'ja', '[]')",
            [(number, f"{i:010d}", now, expires, now) for number, i in rows])
    from foryou.gateway import number_keys

    hashes = number_keys.digests([number for number, _ in rows])
    with connections["gateway"].cursor() as c:
        c.executemany(
            "INSERT INTO gateway_subscriber (number, status, expires_at, line_user_id, email, email_confirmed_at,"
            " tax_consent, consent_terms, activated_at, ended_at, ending, line_reachable, number_hash,"
            " channel_choice, language, topics_off) VALUES"
            " (?, 'active', ?, ?, '', NULL, 0, '', ?, NULL, '', 1, ?, '', 'ja', '[]')",
            [(number, expires, "U" + f"{i:032x}", now, hashed) for (number, i), hashed in zip(rows, hashes)])


def befriend(base: str, n: int) -> None:
    from concurrent.futures import ThreadPoolExecutor

    from bench_line_channel import call

    def add(i: int) -> None:
        call(base, "POST", "/emulator/users", {"userId": "U" + f"{i:032x}", "displayName": f"住民 {i}",
                                               "status": "following"})
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(add, range(1, n + 1), chunksize=500))


def process_cpu(pid: int) -> float:
    """CPU seconds (user + system) another process has used so far."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def own_peak_mb() -> float:
    """This process's peak RSS since it started its program (VmHWM: a spawned worker's own)."""
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM")) / 1024


class GarbageClock:
    """The garbage collector's share of a worker's CPU during the send (its threads' CPU:
    worker_threads.measured)."""

    def __init__(self):
        self.collecting, self.collections, self.full_collections, self._collecting_since = 0.0, 0, 0, 0.0
        gc.callbacks.append(self._count)

    def _count(self, phase: str, info: dict) -> None:
        if phase == "start":
            self._collecting_since = time.thread_time()
            return
        self.collecting += time.thread_time() - self._collecting_since
        self.collections += 1
        self.full_collections += info["generation"] == 2

    def start(self) -> None:
        self.collecting, self.collections, self.full_collections = 0.0, 0, 0

    def read(self) -> tuple:
        return self.collecting, self.collections, self.full_collections


def worker_process(base: str, seconds: float, tracked: bool, queue, go) -> None:
    setup_django()
    from django.conf import settings

    settings.LINE_API_BASE = base
    if os.environ.get("FORYOU_LINE_IN_FLIGHT"):  # forked workers read settings before --in-flight was set
        settings.LINE_IN_FLIGHT = int(os.environ["FORYOU_LINE_IN_FLIGHT"])
    from foryou.gateway.delivery.dispatcher import Dispatcher
    from foryou.gateway.management.commands.worker import warm_up

    warm_up()  # as `foryou worker` starts: the SDK imported before the clock starts

    garbage = GarbageClock()
    queue.put("ready")
    go.wait()
    garbage.start()

    from worker_threads import measured

    # BENCH_PROFILE=1: where a worker's time goes, a profile of each of its two threads (CPU time)
    with measured(profile=os.environ.get("BENCH_PROFILE") == "1") as threads:
        summary = Dispatcher().run(seconds)
    queue.put((summary.requests, own_peak_mb(), threads, *garbage.read()))


def profile_phase(profiled: bool, run, *args):
    if not profiled:
        return run(*args)
    import cProfile
    import pstats

    profile = cProfile.Profile()
    result = profile.runcall(run, *args)
    pstats.Stats(profile).sort_stats("tottime").print_stats(30)
    pstats.Stats(profile).sort_stats("cumulative").print_stats(40)
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["multicast", "pushes"])
    parser.add_argument("--recipients", type=int)
    parser.add_argument("--rate", type=float, default=1000.0, help="pushes/s allowed (pushes mode)")
    parser.add_argument("--workers", type=int)
    parser.add_argument("--start", choices=["fork", "spawn"], default="fork",
                        help="how workers start (spawn: a fresh interpreter, as `foryou worker`)")
    parser.add_argument("--latency-ms", type=float, default=0.0,
                        help="the local LINE platform answers each request this much later (a real round trip)")
    parser.add_argument("--in-flight", type=int, help="FORYOU_LINE_IN_FLIGHT for the workers (default: the setting's)")
    parser.add_argument("--until", choices=["bridge", "end"], default="end",
                        help="bridge: stop when the last chunk's deliveries are in the gateway (no dispatch)")
    parser.add_argument("--populated", type=Path,
                        help="keep the populated databases in this directory (per N) and reuse them in later runs")
    args = parser.parse_args()
    tracked = args.mode == "pushes"
    n = args.recipients or (100_000 if tracked else 1_000_000)
    workers = args.workers or (2 if tracked else 1)
    os.environ["FORYOU_LINE_PUSH_RATE"] = str(int(args.rate))
    populated = args.populated / str(n) if args.populated else None
    reused = bool(populated and (populated / "gateway.sqlite3").exists())
    if reused:  # the same N registrants as a run before (the set-up takes minutes at 1M)
        shutil.copytree(populated, DATA, dirs_exist_ok=True)
    emulator, base = start_emulator(args.rate if tracked else 2000)
    if args.latency_ms:  # LINE's round trip from a city's server (loopback answers in well under 1 ms)
        from bench_line_channel import call

        call(base, "POST", "/emulator/faults", {"latencyMs": args.latency_ms})
    if args.in_flight:
        os.environ["FORYOU_LINE_IN_FLIGHT"] = str(args.in_flight)
    os.environ["FORYOU_LINE_API_BASE"] = base
    setup_django()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    call_command("migrate", database="default", verbosity=0)
    call_command("migrate", database="gateway", verbosity=0)
    t = time.perf_counter()
    if not reused:
        populate(n)
    if populated and not reused:
        from django.db import connections

        connections.close_all()
        shutil.copytree(DATA, populated, dirs_exist_ok=True)
    if tracked:  # pushes to strangers are refused (400), so the recipients befriend the emulator first
        befriend(base, n)
    print(f"set-up: {n:,} registrants in both zones in {time.perf_counter() - t:.1f} s (not counted)")

    from foryou.accounts.services import add_staff
    from foryou.bridge.client import sync
    from foryou.gateway.models import Delivery
    from foryou.notices import sending, services
    from tests.conftest import ClientTransport
    from django.test import Client

    editor = add_staff("bench-editor", "a long benchmark password 1", role="editor", department="健康支援課")
    approver = add_staff("bench-approver", "a long benchmark password 2", role="approver", department="健康支援課")
    notice = services.create_broadcast("健康支援課", services.Wording(
        title="アンケートのお願い", body="サービス改善のためのアンケートにご協力ください。",
        contact_department="健康支援課", contact_phone="043-245-5111",
        links=[("回答する", "https://www.city.chiba.jp/survey")]), editor)
    services.approve(notice.latest, approver)

    profiled = os.environ.get("BENCH_PROFILE", "")  # freeze / bridge: cProfile of that phase (this process)
    started, cpu_started = time.perf_counter(), time.process_time()
    order = sending.schedule(notice, by=editor, broadcast=True, urgent=True, tracked=tracked)
    profile_phase(profiled == "freeze", sending.start, order)
    frozen, cpu_frozen = time.perf_counter(), time.process_time()
    transport = ClientTransport(Client())

    def bridge() -> int:
        pushed = 0
        while True:
            result = sync(transport)
            pushed += result.pushed
            if not result.pushed:
                return pushed
    pushed = profile_phase(profiled == "bridge", bridge)
    bridged, cpu_bridged = time.perf_counter(), time.process_time()
    # Both zones run in this one process here (the bridge's HTTP through Django's test client), so its CPU
    # time is the console's and the gateway's work together.
    print(f"freeze {n:,} recipients: {frozen - started:.1f} s (CPU {cpu_frozen - cpu_started:.1f} s); "
          f"bridge + gateway deliveries: {bridged - frozen:.1f} s (CPU {cpu_bridged - cpu_frozen:.1f} s, "
          f"{pushed} messages); load average {os.getloadavg()[0]:.2f}")
    if args.until == "bridge":
        print(f"deliveries in the gateway: {Delivery.objects.count():,}; peak RSS {peak_mb():,.0f} MB")
        emulator.terminate()
        return


    ctx = multiprocessing.get_context(args.start)
    queue, go = ctx.Queue(), ctx.Event()
    from django.db import connections
    connections.close_all()
    procs = [ctx.Process(target=worker_process, args=(base, 600, tracked, queue, go)) for _ in range(workers)]
    waiting = time.perf_counter()
    for p in procs:
        p.start()
    assert [queue.get() for _ in procs] == ["ready"] * len(procs)
    # Running workers are up before a send: their start-up is not part of it.
    waited = time.perf_counter() - waiting
    started, frozen, bridged = started + waited, frozen + waited, bridged + waited
    emulator_cpu = process_cpu(emulator.pid)
    go.set()
    results = [queue.get() for _ in procs]
    for p in procs:
        p.join()
    done = time.perf_counter()
    emulator_cpu = process_cpu(emulator.pid) - emulator_cpu
    accepted = Delivery.objects.filter(status="accepted").count()
    requests = sum(r[0] for r in results)
    cpu = sum(r[2]["process"] for r in results)
    sending_s = done - bridged
    if args.latency_ms or args.in_flight:
        from django.conf import settings as django_settings

        in_flight = args.in_flight or django_settings.LINE_IN_FLIGHT
        print(f"round trip added by the platform: {args.latency_ms:.0f} ms; {in_flight} requests in flight per worker "
              f"(at most {in_flight / max(args.latency_ms, 1e-9) * 1000:,.0f} requests/s per worker over that round trip)")
    print(f"dispatch: {requests:,} requests by {workers} worker(s) in {sending_s:.1f} s "
          f"({accepted / sending_s:,.0f} recipients/s, {requests / sending_s:,.0f} requests/s)")
    if tracked:
        print(f"push rate: {requests / sending_s:,.0f}/s = {100 * requests / sending_s / args.rate:.1f}% of the "
              f"{args.rate:,.0f}/s limit (target ≥ 95%)")
        # On a shared machine the rate measures the load as much as the code: the worker's own CPU per
        # push, and the rate it allows a worker with a core of its own, does not depend on the neighbours.
        print(f"worker CPU: {1e6 * cpu / max(requests, 1):,.0f} µs per push = at most {requests / cpu:,.0f} pushes/s "
              f"on a core of its own ({100 * requests / cpu / args.rate:.0f}% of the limit); "
              f"load average {os.getloadavg()[0]:.2f}")
        print(f"  of which the ORM thread (claim, compose, record, progress) "
              f"{1e6 * sum(r[2]['ORM thread'] for r in results) / max(requests, 1):,.0f} µs, the sending thread (SDK, aiohttp) "
              f"{1e6 * sum(r[2].get('loop thread', 0.0) for r in results) / max(requests, 1):,.0f} µs; garbage collection "
              f"{1e6 * sum(r[3] for r in results) / max(requests, 1):,.0f} µs ({sum(r[4] for r in results):,} runs, {sum(r[5] for r in results):,} full)")
        print(f"emulator CPU: {1e6 * emulator_cpu / max(requests, 1):,.0f} µs per push = at most "
              f"{requests / max(emulator_cpu, 1e-9):,.0f} pushes/s on a core of its own; worker + emulator "
              f"{1e6 * (cpu + emulator_cpu) / max(requests, 1):,.0f} µs per push = at most "
              f"{2 * requests / (cpu + emulator_cpu):,.0f} pushes/s on two cores shared by the two alone")
    floor = n / 500 / 200  # LINE's multicast limit: 200 requests/s of 500 recipients
    if not tracked:
        # The worker's own CPU per multicast, and the rate it allows a worker with a core of its own.
        print(f"worker CPU: {cpu:.1f} s ({requests / cpu / 200:.2f} x LINE's 200/s on a core of its own)")
        from worker_threads import per_multicast

        threads = {name: sum(r[2][name] for r in results) for name in results[0][2]}
        print(per_multicast(requests, threads))
        print(f"dispatch floor at LINE's 200 multicasts/s: {floor:.1f} s; dispatch = {sending_s / floor:.2f} x floor, "
              f"end to end = {(done - started) / floor:.2f} x floor; load average {os.getloadavg()[0]:.2f}")
    print(f"end to end: {accepted:,} of {n:,} accepted in {done - started:.1f} s "
          f"({accepted / (done - started):,.0f}/s); peak RSS: this process {peak_mb():,.0f} MB, "
          f"workers {', '.join(f'{r[1]:,.0f}' for r in results)} MB")
    emulator.terminate()


if __name__ == "__main__":
    main()
