"""Benchmark the local LINE platform: push requests per second on loopback.

    python benchmarks/bench_lineemu.py [--requests 20000] [--concurrency 64] [--flex] [--distinct] [--tracked]

The emulator serves in this process (a background thread, push rate limit raised out of the way); the
client runs in a separate process so that each gets a core of a 2-core machine. The client keeps
--concurrency requests in flight over keep-alive connections and reports requests/s, p50/p99 latency
and errors. The target is at least 2,000 push requests/s, LINE's own push rate limit.

The emulator remembers its validation verdict per distinct message content (a campaign pushes one
notice to many residents); --distinct makes every request's text unique, so each one is validated.
--tracked sends what tracked pushes send: the Flex bubble with its button's link signed per resident
(the emulator validates such a template once: decision 0100). The server's CPU per request is printed:
on a 2-core machine it decides, with the worker's, the push rate both can reach together.
"""

import argparse
import asyncio
import base64
import hashlib
import json
import os
import multiprocessing
import statistics
import sys
import time

USER_ID = "U" + "0123456789abcdef" * 2


def flex_message() -> dict:
    """A notice as the product sends it: a bubble with header, body text and a link button."""
    return {"type": "flex", "altText": "子育て応援手当のお知らせ", "contents": {
        "type": "bubble",
        "header": {"type": "box", "layout": "vertical", "contents": [
            {"type": "text", "text": "あなたが使える制度のお知らせ", "weight": "bold", "size": "sm", "color": "#1b7f3a"}]},
        "body": {"type": "box", "layout": "vertical", "spacing": "md", "contents": [
            {"type": "text", "text": "子育て応援手当", "weight": "bold", "size": "xl", "wrap": True},
            {"type": "separator"},
            {"type": "text", "text": "お子さまが2か月になりました。申請期限は30日後です。", "wrap": True, "size": "sm"}]},
        "footer": {"type": "box", "layout": "vertical", "contents": [
            {"type": "button", "style": "primary", "action": {
                "type": "uri", "label": "くわしく見る", "uri": "https://example.jp/programs/42"}}]}}}


def bodies(total: int, flex: bool, distinct: bool, tracked: bool = False) -> list[bytes]:
    def body(i: int) -> bytes:
        message = flex_message() if flex or tracked else {"type": "text", "text": "子育て応援手当のお知らせです。"}
        if tracked:  # a link as content.LinkSigner signs it: [delivery id, link index], time, HMAC
            token = f"{base64.urlsafe_b64encode(f'[{i},0]'.encode()).decode().rstrip('=')}:1xaXx0:" + \
                base64.urlsafe_b64encode(hashlib.sha256(str(i).encode()).digest()).decode().rstrip("=")
            message["contents"]["footer"]["contents"][0]["action"]["uri"] = f"https://example.jp/l/{token}"
        if distinct:
            target = message["contents"]["body"]["contents"][2] if flex else message
            target["text"] += f"（{i}）"
        return json.dumps({"to": USER_ID, "messages": [message]}, ensure_ascii=False).encode("utf-8")
    return [body(i) for i in range(total)] if distinct or tracked else [body(0)] * total


def client(base_url: str, token: str, total: int, concurrency: int, flex: bool, distinct: bool, tracked: bool,
           results) -> None:
    import aiohttp

    payloads = bodies(total, flex, distinct, tracked)  # built before the clock starts

    async def run():
        headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        latencies: list[float] = []
        errors: dict[int, int] = {}
        issued = 0
        connector = aiohttp.TCPConnector(limit=concurrency)
        async with aiohttp.ClientSession(base_url, connector=connector, headers=headers) as session:
            async def worker():
                nonlocal issued
                while issued < total:
                    body = payloads[issued]
                    issued += 1
                    started = time.perf_counter()
                    async with session.post("/v2/bot/message/push", data=body) as response:
                        await response.read()
                        if response.status != 200:
                            errors[response.status] = errors.get(response.status, 0) + 1
                    latencies.append(time.perf_counter() - started)

            started = time.perf_counter()
            await asyncio.gather(*(worker() for _ in range(concurrency)))
            wall = time.perf_counter() - started
        return latencies, errors, wall, time.process_time()

    results.put(asyncio.run(run()))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=20_000)
    parser.add_argument("--concurrency", type=int, default=64)
    parser.add_argument("--flex", action="store_true", help="push a Flex bubble instead of a text message")
    parser.add_argument("--distinct", action="store_true", help="a different message in every request")
    parser.add_argument("--tracked", action="store_true", help="a Flex bubble whose link is signed per request")
    args = parser.parse_args(argv)

    from foryou.dev.lineemu import EmulatorThread

    with EmulatorThread(rate_limits={"push": (10**9, 1.0)}) as line:
        line.create_user("ベンチ 太郎", user_id=USER_ID)
        context = multiprocessing.get_context("spawn")
        results = context.Queue()
        process = context.Process(target=client, args=(line.base_url, line.access_token, args.requests,
                                                       args.concurrency, args.flex, args.distinct, args.tracked,
                                                       results))
        server_cpu = time.process_time()
        process.start()
        latencies, errors, wall, client_cpu = results.get()
        server_cpu = time.process_time() - server_cpu
        process.join()
        stored = len(line.messages(USER_ID))

    latencies.sort()
    ok = len(latencies) - sum(errors.values())
    kind = ("flex" if args.flex or args.tracked else "text") + (", each different" if args.distinct else
                                                                ", each its own link" if args.tracked else
                                                                ", same content")
    print(f"lineemu benchmark: {len(latencies):,} push requests ({kind}), "
          f"{args.concurrency} in flight, client in its own process")
    print(f"  throughput : {len(latencies) / wall:,.0f} requests/s ({wall:.2f} s)")
    print(f"  latency    : p50 {statistics.median(latencies) * 1000:.1f} ms, "
          f"p99 {latencies[int(len(latencies) * 0.99) - 1] * 1000:.1f} ms")
    print(f"  cpu        : server {server_cpu / wall:.0%} of a core, client {client_cpu / wall:.0%}; server "
          f"{1e6 * server_cpu / len(latencies):,.0f} µs per request = {len(latencies) / server_cpu:,.0f} requests/s "
          f"on a core of its own; load average {os.getloadavg()[0]:.2f}")
    print(f"  errors     : {sum(errors.values())} {errors if errors else ''}")
    print(f"  stored     : {stored:,} messages for {ok:,} accepted requests")
    return 0 if not errors and stored == ok else 1


if __name__ == "__main__":
    sys.exit(main())
