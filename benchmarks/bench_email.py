"""Benchmark EmailChannel: personalised notices (each with its own address, unsubscribe link and
Message-ID, rendered as text and HTML) to the local SMTP server (`foryou mailcatcher`), which runs in
its own process(es) and writes every message to disk.

    python benchmarks/bench_email.py [--count 10000] [--batch 100] [--threads 1] [--connections 4]
                                     [--server-processes 2] [--mailbox-in /dev/shm]

Prints emails/s (target ≥ 1,000) and, measured in the same run, each side's own ceiling: the SMTP
server alone (a raw smtplib client per connection sending one prebuilt message over and over) and
message making alone (the channel's template, and Django's EmailMultiAlternatives for comparison),
so the bound of the figure is visible. Every accepted email is checked against the files the server
stored: each exactly once (by Message-ID).
"""

import argparse
import os
import re
import smtplib
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
DATA_DIR = tempfile.mkdtemp(prefix="foryou-bench-email-")
os.environ.update(FORYOU_DEMO="1", FORYOU_DATA_DIR=DATA_DIR, DJANGO_SETTINGS_MODULE="foryou.settings.embedded")

import django  # noqa: E402

django.setup()

from foryou.gateway.email.channel import EmailChannel, EmailRecipient, EmailSend  # noqa: E402
from foryou.shared.notice.flex import NoticeContent  # noqa: E402
from foryou.gateway.delivery.channel import Outcome  # noqa: E402

PROGRAMS = ["子宮頸がん検診", "乳がん検診", "高齢者インフルエンザ予防接種", "児童手当", "ひとり親家庭等医療費助成"]


def start_server(mailbox: Path, processes: int = 1) -> tuple[subprocess.Popen, int]:
    process = subprocess.Popen([sys.executable, "-m", "foryou.cli", "mailcatcher", "--port", "0", "--dir",
                                str(mailbox), "--processes", str(processes)], stdout=subprocess.PIPE, text=True,
                               env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    line = process.stdout.readline()  # "SMTP server on 127.0.0.1:PORT, ..."
    if "127.0.0.1:" not in line:
        process.kill()
        raise RuntimeError(f"The SMTP server did not start: {line!r}")
    return process, int(line.split("127.0.0.1:")[1].split(",")[0])


def batches(count: int, size: int) -> list[EmailSend]:
    out = []
    for start in range(0, count, size):
        program = PROGRAMS[(start // size) % len(PROGRAMS)]
        content = NoticeContent(
            "あなたが使える制度お知らせサービス", program, f"{program}のご案内（第{start // size + 1}回）",
            f"{program}の対象になりました。\n申請期限は令和8年3月31日です。詳しくは下のリンクをご覧ください。",
            "健康福祉局 健康支援課", "043-245-5146", "平日 8時30分〜17時30分",
            [("詳しく見る", f"https://www.city.example.jp/seido/{start // size}")])
        recipients = tuple(EmailRecipient(str(i), f"resident{i}@example.jp",
                                          f"https://gw.example.jp/email/unsubscribe/{i}:sig{i:06d}/")
                           for i in range(start, min(start + size, count)))
        out.append(EmailSend(recipients, content))
    return out


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) of a process and its children (the server's other processes)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if stat.parent.name == str(pid) or fields[1] == str(pid):  # fields[1]: the parent's pid
            total += (int(fields[11]) + int(fields[12])) / ticks
    return total


def stop_server(server: subprocess.Popen) -> float:
    rss = peak_rss_mb(server.pid)
    server.send_signal(signal.SIGINT)
    server.wait(timeout=30)
    return rss


def server_ceiling(count: int, connections: int, processes: int, message: bytes) -> float:
    """Emails/s the SMTP server takes from raw smtplib clients (one per connection, each in a thread)
    sending one prebuilt message: what no sender can beat with this server."""
    mailbox = Path(DATA_DIR) / "mailbox-ceiling"
    server, port = start_server(mailbox, processes)
    pending = iter(range(count))

    def client() -> None:
        smtp = smtplib.SMTP("127.0.0.1", port)
        for i in pending:
            smtp.sendmail("foryou@localhost", [f"resident{i}@example.jp"], message)
        smtp.quit()
    try:
        started = time.perf_counter()
        threads = [threading.Thread(target=client) for _ in range(connections)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        seconds = time.perf_counter() - started
    finally:
        stop_server(server)
    shutil.rmtree(mailbox, ignore_errors=True)
    return count / seconds


def making_ceiling(work: list[EmailSend], django_sample: int = 300) -> tuple[float, float, bytes]:
    """Messages/s the channel makes (templates, one thread) and Django builds; and one message."""
    from foryou.gateway.email.channel import _fields, message_id

    channel = EmailChannel.from_settings(host="127.0.0.1", port=1)
    made, count, started = b"", 0, time.perf_counter()
    for batch in work:
        fields = _fields(batch.content)
        for recipient in batch.recipients:
            mid = message_id(recipient, batch.content, channel.domain, fields)
            template, links = channel._template(recipient, batch.content, fields)
            made = template.fill(recipient.address, mid, links)[1]
            count += 1
    templated = count / (time.perf_counter() - started)
    recipients = [(r, b.content) for b in work for r in b.recipients][:django_sample]
    started = time.perf_counter()
    for recipient, content in recipients:
        channel._message(recipient, content, message_id(recipient, content, channel.domain)).message().as_bytes(
            linesep="\r\n")
    return templated, len(recipients) / (time.perf_counter() - started), made


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--threads", type=int, default=1, help="sending threads, each with its own channel")
    parser.add_argument("--connections", type=int, default=4, help="SMTP connections of each channel")
    parser.add_argument("--server-processes", type=int, default=2, help="processes of the local SMTP server")
    parser.add_argument("--mailbox-in", default="", help="a directory for the server's mailbox (e.g. /dev/shm: "
                        "in memory, when the disk is shared with other busy work); default: a temporary one")
    args = parser.parse_args()
    if args.mailbox_in:
        global DATA_DIR
        shutil.rmtree(DATA_DIR, ignore_errors=True)  # nothing was kept there yet
        DATA_DIR = tempfile.mkdtemp(prefix="foryou-bench-email-", dir=args.mailbox_in)

    work = batches(args.count, args.batch)
    making, django_making, sample = making_ceiling(work)
    mailbox = Path(DATA_DIR) / "mailbox"
    server, port = start_server(mailbox, args.server_processes)
    outcomes: Counter = Counter()
    lock = threading.Lock()
    pending = iter(work)

    def worker() -> None:
        with EmailChannel.from_settings(host="127.0.0.1", port=port, timeout=30,
                                        connections=args.connections) as channel:
            for batch in pending:  # a shared iterator: each batch goes to one thread
                while True:
                    results = channel.send(batch)
                    with lock:
                        outcomes.update((r.outcome.value, r.code) for r in results)
                    if not any(r.outcome is Outcome.DEFERRED for r in results):
                        break
                    keys = {r.user_id for r in results if r.outcome is Outcome.DEFERRED}
                    batch = EmailSend(tuple(r for r in batch.recipients if r.key in keys), batch.content,
                                      batch.attempt + 1, batch.first_tried_at)

    try:
        started, sender_cpu, server_cpu = time.perf_counter(), time.process_time(), cpu_seconds(server.pid)
        threads = [threading.Thread(target=worker) for _ in range(args.threads)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        seconds = time.perf_counter() - started
        sender_cpu, server_cpu = time.process_time() - sender_cpu, cpu_seconds(server.pid) - server_cpu
    finally:
        server_rss = stop_server(server)
    sent = outcomes[(Outcome.ACCEPTED.value, "sent")]
    stored = sorted(mailbox.glob("*.eml"))
    ids = Counter(re.search(rb"\r\nMessage-ID: ?(?:\r\n )?(<[^>]+>)", path.read_bytes()).group(1) for path in stored)
    connections = args.threads * args.connections
    ceiling = server_ceiling(args.count, connections, args.server_processes, sample)
    shutil.rmtree(DATA_DIR, ignore_errors=True)
    print(f"{args.count:,} emails in batches of {args.batch}, {args.threads} sending thread(s) × {args.connections} "
          f"connection(s), SMTP server in {args.server_processes} process(es) keeping mail in {DATA_DIR}; "
          f"load average {os.getloadavg()[0]:.2f}")
    print(f"{sent / seconds:,.0f} emails/s, {seconds:.2f} s in total (target ≥ 1,000/s)")
    print(f"ceilings in this run: the SMTP server alone {ceiling:,.0f}/s (raw smtplib, {connections} connection(s), "
          f"one prebuilt message) → the channel reaches {100 * sent / seconds / ceiling:.0f}% of it; making messages "
          f"alone {making:,.0f}/s from templates ({django_making:,.0f}/s built by Django)")
    # On a shared machine the rates measure the neighbours too; CPU per email does not: on two quiet
    # cores the rate is about min(1 / sender's, processes / server's, 2 / both together).
    print(f"CPU per email: sender {1e6 * sender_cpu / sent:,.0f} µs, SMTP server {1e6 * server_cpu / sent:,.0f} µs "
          f"(two cores could carry {2 * sent / (sender_cpu + server_cpu):,.0f}/s)")
    print(f"outcomes: {dict(outcomes)}; stored by the server: {len(stored):,}, distinct Message-IDs {len(ids):,}")
    print(f"peak RSS: sender {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB, "
          f"SMTP server {server_rss:.0f} MB (first process)")
    if sent != args.count or len(stored) != args.count or len(ids) != args.count:
        sys.exit("Some emails were not delivered, not stored, or stored twice")


if __name__ == "__main__":
    main()
