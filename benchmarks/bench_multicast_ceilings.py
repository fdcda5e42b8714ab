"""Which side bounds a large multicast send: each side's own ceiling, measured in one run.

    python benchmarks/bench_multicast_ceilings.py [--recipients 200000] [--concurrency 32] [--workers 1,2,3]

  1. database: the worker's claim/record loop on the gateway database (SQLite, embedded) with every
     multicast answered "accepted" in Python, no HTTP at all;
  2. worker → sink: the real Dispatcher (claim, SDK client, record) sending to a trivial HTTP server in
     its own process that answers 200 at once (the LINE rate limit raised out of the way);
  3. emulator: the local LINE platform (its own process, multicast limit raised) hammered by a plain
     aiohttp client over keep-alive connections with the same 500-recipient bodies.

With --workers 1,2,3 the worker ceiling is measured with that many worker processes sharing the send
(on PostgreSQL: FORYOU_GATEWAY_DATABASE_URL=postgres://…; SQLite serialises their writes). Each prints
multicast requests/s and its ratio to LINE's real multicast limit (200 requests/s): the
smallest of the three is the bottleneck of an end-to-end send (bench_delivery.py multicast). Set-up is
not measured.
"""

import argparse
import asyncio
import json
import multiprocessing
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))
DATA = Path(tempfile.mkdtemp(prefix="foryou-bench-ceilings-"))
os.environ.update(FORYOU_DATA_DIR=str(DATA), DJANGO_SETTINGS_MODULE="foryou.settings.embedded",
                  FORYOU_DELIVERY_WINDOW="00:00-23:59", FORYOU_LINE_MULTICAST_RATE="1000000")

LINE_MULTICAST_RATE = 200.0
MULTICAST = 500


def setup() -> None:
    import django
    from django.conf import settings
    from django.core.management import call_command

    django.setup()
    settings.DEBUG = False
    call_command("migrate", database="gateway", verbosity=0)
    from django.db import connections

    if connections["gateway"].vendor == "postgresql":  # a fresh gateway each run
        with connections["gateway"].cursor() as c:
            c.execute("TRUNCATE gateway_delivery, gateway_deliverybatch, gateway_deliveryorder, gateway_subscriber,"
                      " gateway_rateslot CASCADE")


def populate(n: int) -> list[str]:
    from datetime import timedelta

    from django.db import connections
    from django.utils import timezone

    from foryou.gateway import number_keys

    now = timezone.now()
    numbers = [f"8{i:015d}" for i in range(n)]
    with connections["gateway"].cursor() as c:
        c.executemany(
            "INSERT INTO gateway_subscriber (number, status, expires_at, line_user_id, email, email_confirmed_at,"
            " tax_consent, consent_terms, activated_at, ended_at, ending, line_reachable, number_hash,"
            " channel_choice, language, topics_off) VALUES (%s, 'active', %s, %s, '', NULL, false, '', %s, NULL, '',"
            " true, %s, '', 'ja', '[]')",
            [(number, now + timedelta(days=90), "U" + f"{i:032x}", now, hashed)
             for i, (number, hashed) in enumerate(zip(numbers, number_keys.digests(numbers)))])
        if connections["gateway"].vendor == "postgresql":
            c.execute("ANALYZE gateway_subscriber")  # as autovacuum would before a send: plans with real counts
    return numbers


def new_order(numbers: list[str]) -> None:
    from foryou.gateway.delivery import orders
    from foryou.shared.bridge import messages

    content = messages.NoticeContentBody(service_name="あなたが使える制度お知らせサービス", program_name="予防接種",
                                         title="アンケートのお願い", body="サービス改善のためのアンケートにご協力ください。")
    order_id = str(uuid.uuid4())
    chunks = [numbers[i:i + 10_000] for i in range(0, len(numbers), 10_000)]
    orders.receive_order(messages.SendOrderBody(order_id=order_id, notice_ref=f"notice:{order_id}", kind="now",
                                                content=content, urgent=True, tracked=False, total=len(numbers),
                                                chunks=len(chunks), topic=""))
    for index, chunk in enumerate(chunks):
        orders.receive_recipients(messages.SendRecipientsBody(order_id=order_id, index=index, numbers=tuple(chunk)))


def database_ceiling() -> tuple[int, float, float]:
    """claim_new + record with every multicast accepted: what the database allows, no HTTP."""
    from foryou.gateway.delivery.channel import Outcome, Result
    from foryou.gateway.delivery.claims import LINE, claim_new
    from foryou.gateway.delivery.record import record

    try:  # as the LINE channel answers (one answer for a batch; a Result per recipient before decision 0091)
        from foryou.gateway.delivery.channel import SameResults

        def accepted(user_ids):
            return SameResults(tuple(user_ids), Result("", Outcome.ACCEPTED, "accepted", ""))
    except ImportError:
        def accepted(user_ids):
            return [Result(address, Outcome.ACCEPTED, "accepted", "") for address in user_ids]

    requests, started, cpu = 0, time.perf_counter(), time.process_time()
    while (lot := claim_new(LINE, "bench-db")) is not None:
        results = [accepted([address for _, address in batch.recipients]) for batch in lot.batches]
        record(lot, results)
        requests += len(lot.batches)
    return requests, time.perf_counter() - started, time.process_time() - cpu


def sink_server(port_queue) -> None:
    """The fastest LINE one can imagine: every multicast accepted at once, the body read and dropped."""
    from aiohttp import web

    async def accept(request):
        await request.read()
        return web.json_response({}, headers={"x-line-request-id": "sink"})

    async def main():
        app = web.Application(client_max_size=4 * 1024 * 1024)
        app.router.add_post("/v2/bot/message/multicast", accept)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        port_queue.put(runner.addresses[0][1])
        await asyncio.Event().wait()
    asyncio.run(main())


def worker_process(base: str, queue) -> None:
    queue.put(worker_ceiling(base))


def worker_ceiling(base: str) -> tuple[int, float, dict]:
    """The requests sent, the wall time, and the CPU seconds of the worker's two threads (the ORM thread
    that claims and records, the loop thread that sends). BENCH_PROFILE=worker prints both threads'
    profiles."""
    from django.conf import settings

    import foryou.gateway.line.channel  # noqa: F401 (the SDK, imported before the clock as a running worker has it)
    from foryou.gateway.delivery.dispatcher import Dispatcher
    from worker_threads import measured

    settings.LINE_API_BASE, settings.LINE_CHANNEL_ACCESS_TOKENS = base, ["sink-token"]
    started = time.perf_counter()
    with measured(profile=os.environ.get("BENCH_PROFILE") == "worker") as cpu:
        summary = Dispatcher().run(600)
    return summary.requests, time.perf_counter() - started, cpu


def cpu_line(requests: int, cpu: dict) -> None:
    from worker_threads import per_multicast

    print(f"    {per_multicast(requests, cpu)}")


def emulator_ceiling(base: str, token: str, requests: int, concurrency: int) -> tuple[int, float]:
    import aiohttp

    message = {"type": "text", "text": "サービス改善のためのアンケートにご協力ください。"}
    bodies = [json.dumps({"to": ["U" + f"{r * MULTICAST + i:032x}" for i in range(MULTICAST)],
                          "messages": [message]}).encode() for r in range(requests)]

    async def run():
        headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        errors: dict[int, int] = {}
        connector = aiohttp.TCPConnector(limit=concurrency)
        async with aiohttp.ClientSession(base, connector=connector, headers=headers) as session:
            pending = iter(bodies)

            async def worker():
                for body in pending:
                    async with session.post("/v2/bot/message/multicast", data=body,
                                            headers={"X-Line-Retry-Key": str(uuid.uuid4())}) as response:
                        await response.read()
                        if response.status != 200:
                            errors[response.status] = errors.get(response.status, 0) + 1
            started = time.perf_counter()
            await asyncio.gather(*(worker() for _ in range(concurrency)))
            return time.perf_counter() - started, errors
    wall, errors = asyncio.run(run())
    if errors:
        print(f"  emulator errors: {errors}")
    return requests - sum(errors.values()), wall


def line(name: str, requests: int, seconds: float) -> float:
    rate = requests / seconds
    print(f"  {name:<22}: {rate:8,.0f} multicasts/s ({requests:,} in {seconds:.2f} s) = "
          f"{rate / LINE_MULTICAST_RATE:5.2f} × LINE's {LINE_MULTICAST_RATE:.0f}/s")
    return rate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--recipients", type=int, default=200_000)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--workers", default="1", help="comma-separated worker process counts to measure")
    parser.add_argument("--no-emulator", action="store_true", help="skip the emulator's ceiling (it changes little)")
    args = parser.parse_args()
    load = os.getloadavg()[0]
    setup()
    from bench_line_channel import call, free_port
    from foryou.dev.lineemu.config import DEFAULT_ACCESS_TOKEN

    numbers = populate(args.recipients)
    from django.db import connections as dbs

    print(f"gateway database: {dbs['gateway'].vendor}")
    print(f"multicast ceilings, {args.recipients:,} recipients ({args.recipients // MULTICAST:,} multicasts of "
          f"{MULTICAST}); load average {load:.2f} at start")
    new_order(numbers)
    database_ceiling()  # warm-up: the first pass over fresh tables is not what a worker sees
    new_order(numbers)
    if os.environ.get("BENCH_PROFILE") == "database":  # where the database loop's time goes
        import cProfile
        import pstats

        profile = cProfile.Profile()
        result = profile.runcall(database_ceiling)
        pstats.Stats(profile).sort_stats("tottime").print_stats(25)
    else:
        result = database_ceiling()
    rates = {"database": line("database (no HTTP)", *result[:2])}
    print(f"    CPU: {1e3 * result[2] / max(result[0], 1):.2f} ms per multicast")

    context = multiprocessing.get_context("spawn")
    ports = context.Queue()
    sink = context.Process(target=sink_server, args=(ports,), daemon=True)
    sink.start()
    sink_base = f"http://127.0.0.1:{ports.get(timeout=30)}"
    import foryou.gateway.line.channel  # noqa: F401 (imported before the workers fork, as a running worker has it)
    from django.db import connections

    for workers in [int(w) for w in args.workers.split(",")]:
        new_order(numbers)
        connections.close_all()
        results = context.Queue()
        forked = multiprocessing.get_context("fork")
        procs = [forked.Process(target=worker_process, args=(sink_base, results)) for _ in range(workers)]
        started = time.perf_counter()
        for p in procs:
            p.start()
        answers = [results.get() for _ in procs]
        requests = sum(sent for sent, _, _ in answers)
        for p in procs:
            p.join()
        rates[f"{workers} worker(s)"] = line(f"{workers} worker(s) → sink", requests, time.perf_counter() - started)
        cpu = {name: sum(c[name] for _, _, c in answers) for name in answers[0][2]}
        cpu_line(requests, cpu)
    sink.terminate()

    if args.no_emulator:
        shutil.rmtree(DATA, ignore_errors=True)
        print(f"  load average {os.getloadavg()[0]:.2f} at end")
        return
    port = free_port()
    emulator = subprocess.Popen([sys.executable, "-m", "foryou.dev.lineemu", "--port", str(port),
                                 "--rate-limit", "multicast=1000000/s"],
                                env={**os.environ, "PYTHONPATH": str(ROOT / "src")}, stdout=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            call(base, "GET", "/emulator")
            break
        except OSError:
            time.sleep(0.05)
    try:
        rates["emulator"] = line("emulator (plain client)", *emulator_ceiling(
            base, DEFAULT_ACCESS_TOKEN, args.recipients // MULTICAST, args.concurrency))
    finally:
        emulator.terminate()
        emulator.wait()
    slowest = min(rates, key=rates.get)
    shutil.rmtree(DATA, ignore_errors=True)
    print(f"  bottleneck            : {slowest} ({rates[slowest]:,.0f}/s); load average {os.getloadavg()[0]:.2f} "
          f"at end")


if __name__ == "__main__":
    main()
