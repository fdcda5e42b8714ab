"""Benchmark the worker's sending path for personalised (tracked) pushes alone, without the database:
each push's body made as `senders.LineSender` makes it (the lot's template and the recipient's own signed
links), sent through `LineChannel` (line-bot-sdk v3's async client) to the local LINE platform in its
own process, as many in flight as a worker keeps (FORYOU_LINE_IN_FLIGHT's default), no rate limit.

    python benchmarks/bench_push_sending.py [--pushes 5000] [--rounds 3]

Prints this process's CPU per push (the sending path's cost, which bounds one worker's push rate with
its ORM thread) and the rate it allows on a core of its own, as a ratio of LINE's 2,000 pushes/s; and the
wall-clock rate, which on a shared machine measures the neighbours too. The first round warms up.
"""

import argparse
import asyncio
import os
import sys
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))
os.environ.update(FORYOU_DEMO="1", FORYOU_DATA_DIR=tempfile.mkdtemp(prefix="foryou-bench-push-"),
                  DJANGO_SETTINGS_MODULE="foryou.settings.embedded")

from bench_line_channel import call, start_emulator  # noqa: E402

LIMIT = 2000.0  # LINE's push limit, requests/s


async def rounds(base: str, pushes: int, count: int) -> None:
    from foryou.gateway.delivery import content
    from foryou.gateway.delivery.channel import Send
    from foryou.gateway.line import config
    from foryou.gateway.line.channel import LineChannel
    from foryou.gateway.line.limiter import Unlimited
    from foryou.shared.notice.flex import NoticeContent

    notice = NoticeContent(
        service_name="あなたが使える制度お知らせサービス", program_name="健康診査", title="アンケートのお願い",
        body="サービス改善のためのアンケートにご協力ください。", contact_department="健康支援課",
        contact_phone="043-245-5111", contact_hours="平日 8時30分〜17時30分",
        links=[("回答する", "https://www.city.chiba.jp/survey")], apply_url="", language="ja")
    async with LineChannel(config.access_tokens(), api_base=base, limiter=Unlimited()) as channel:
        for round_ in range(count + 1):
            started_cpu, started = time.process_time(), time.perf_counter()
            messages = content.TrackedMessages(notice)
            template, first = tuple(messages.template), time.time()
            sends = [Send(str(uuid.uuid4()), ("U" + f"{i:032x}",), template, first_tried_at=first, checked=True,
                          messages_json=messages.json_for_delivery(i)) for i in range(1, pushes + 1)]
            results = await channel.asend_all(sends)  # the channel's in_flight, as a worker sends
            used, seconds = time.process_time() - started_cpu, time.perf_counter() - started
            accepted = sum(r.ok for request in results for r in request)
            if round_ == 0:
                continue
            print(f"round {round_}: {1e6 * used / pushes:,.0f} µs CPU per push = {pushes / used:,.0f} pushes/s on a "
                  f"core of its own ({100 * pushes / used / LIMIT:.0f}% of LINE's {LIMIT:,.0f}/s); wall "
                  f"{pushes / seconds:,.0f}/s; {accepted:,} accepted; load average {os.getloadavg()[0]:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pushes", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    emulator, base = start_emulator(100_000)
    os.environ["FORYOU_LINE_API_BASE"] = base
    try:
        def befriend(i: int) -> None:
            call(base, "POST", "/emulator/users", {"userId": "U" + f"{i:032x}", "displayName": f"住民 {i}",
                                                   "status": "following"})
        with ThreadPoolExecutor(8) as pool:
            list(pool.map(befriend, range(1, args.pushes + 1)))
        import django

        django.setup()
        asyncio.run(rounds(base, args.pushes, args.rounds))
    finally:
        emulator.terminate()


if __name__ == "__main__":
    main()
