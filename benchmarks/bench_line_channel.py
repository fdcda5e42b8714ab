"""Benchmark LineChannel: personalised pushes (every text different) to the LINE emulator, which runs in
its own process limited to --rate push requests/s, with the client-side limiter at the same rate.

    python benchmarks/bench_line_channel.py [--count 100000] [--rate 1000] [--users 1000] [--concurrency 64]

Prints the achieved rate as a share of the limit (target ≥ 90%), errors by code, and wall time.
Deferred sends (429, 5xx) are retried with the same retry key until accepted; every accepted push is
checked against the emulator's count of delivered messages.
"""

import argparse
import asyncio
import gc
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from foryou.gateway.line.channel import LineChannel  # noqa: E402
from foryou.gateway.line.limiter import TokenBucket  # noqa: E402
from foryou.gateway.delivery.channel import Outcome, Send  # noqa: E402
from foryou.dev.lineemu.config import DEFAULT_ACCESS_TOKEN  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def call(base: str, method: str, path: str, body=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(base + path, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


def start_emulator(rate: float) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    process = subprocess.Popen([sys.executable, "-m", "foryou.dev.lineemu", "--port", str(port),
                                "--push-rate", str(rate)], env=env, stdout=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            call(base, "GET", "/emulator")
            return process, base
        except OSError:
            time.sleep(0.05)
    process.kill()
    raise RuntimeError("The LINE emulator did not start")


def sends(count: int, users: list[str]) -> list[Send]:
    return [Send.new([users[i % len(users)]], [{"type": "text", "text": (
        f"住民{i % len(users)}様　子育て応援手当のお知らせです。お子さまが生後2か月になりました。"
        f"申請は30日以内にお願いします。（通知番号 {i}）")}]) for i in range(count)]


async def run(base: str, batches: list[Send], rate: float, concurrency: int):
    channel = LineChannel([DEFAULT_ACCESS_TOKEN], api_base=base, limiter=TokenBucket({"push": rate}),
                          connections=concurrency)
    codes: Counter = Counter()
    retries = 0
    async with channel:
        started = time.perf_counter()
        pending = batches
        while pending:
            results = await channel.asend_all(pending, concurrency)
            again = []
            for batch, [result] in zip(pending, results):
                codes[result.code] += 1
                if result.outcome is Outcome.DEFERRED:
                    again.append(batch.retried())
            retries += len(again)
            pending = again
        wall = time.perf_counter() - started
    return codes, retries, wall, time.process_time()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--rate", type=float, default=1000.0, help="emulator and client push limit, requests/s")
    parser.add_argument("--users", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=64)
    args = parser.parse_args(argv)

    process, base = start_emulator(args.rate)
    try:
        users = [call(base, "POST", "/emulator/users", {"displayName": f"住民 {i}", "status": "following"})["userId"]
                 for i in range(args.users)]
        batches = sends(args.count, users)  # built before the clock starts
        gc.collect()
        gc.freeze()  # what a long-running worker does after start-up: the prepared sends are not garbage
        cpu_before = time.process_time()
        codes, retries, wall, cpu_after = asyncio.run(run(base, batches, args.rate, args.concurrency))
        delivered = call(base, "GET", "/emulator")["usageThisMonth"]
    finally:
        process.terminate()
        process.wait(timeout=10)

    accepted = codes["accepted"] + codes["duplicate"]
    achieved = accepted / wall
    errors = {code: n for code, n in codes.items() if code not in ("accepted", "duplicate")}
    print(f"LineChannel benchmark: {args.count:,} personalised pushes to {args.users:,} users, emulator in its own "
          f"process limited to {args.rate:,.0f}/s, client limiter {args.rate:,.0f}/s, {args.concurrency} in flight")
    print(f"  wall time : {wall:.1f} s")
    print(f"  achieved  : {achieved:,.0f} pushes/s = {achieved / args.rate:.1%} of the limit (target >= 90%)")
    print(f"  accepted  : {accepted:,} ({codes['duplicate']:,} as 409 duplicates); emulator delivered {delivered:,}")
    print(f"  errors    : {sum(errors.values())} {errors if errors else ''} (retried: {retries})")
    print(f"  client cpu: {(cpu_after - cpu_before) / wall:.0%} of a core")
    ok = accepted == args.count == delivered and achieved >= 0.9 * args.rate
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
