"""Benchmark EmailChannel: personalised notices (each with its own address, unsubscribe link and
Message-ID, rendered as text and HTML) to the local SMTP server (`foryou mailcatcher`), which runs in
its own process and writes every message to disk.

    python benchmarks/bench_email.py [--count 10000] [--batch 100] [--threads 1]

Prints emails/s (target ≥ 200), total seconds, outcomes, and the peak RSS of the sender and of the
server. Every accepted email is checked against the files the server stored.
"""

import argparse
import os
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


def start_server(mailbox: Path) -> tuple[subprocess.Popen, int]:
    process = subprocess.Popen([sys.executable, "-m", "foryou.cli", "mailcatcher", "--port", "0", "--dir",
                                str(mailbox)], stdout=subprocess.PIPE, text=True,
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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()

    mailbox = Path(DATA_DIR) / "mailbox"
    server, port = start_server(mailbox)
    work = batches(args.count, args.batch)
    outcomes: Counter = Counter()
    lock = threading.Lock()
    pending = iter(work)

    def worker() -> None:
        with EmailChannel.from_settings(host="127.0.0.1", port=port, timeout=30) as channel:
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
        started = time.perf_counter()
        threads = [threading.Thread(target=worker) for _ in range(args.threads)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        seconds = time.perf_counter() - started
        server_rss = peak_rss_mb(server.pid)
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)
    sent = outcomes[(Outcome.ACCEPTED.value, "sent")]
    stored = len(list(mailbox.glob("*.eml")))
    shutil.rmtree(DATA_DIR, ignore_errors=True)
    print(f"{args.count:,} emails in batches of {args.batch}, {args.threads} sending thread(s)")
    print(f"{sent / seconds:,.0f} emails/s, {seconds:.2f} s in total (target ≥ 200/s)")
    print(f"outcomes: {dict(outcomes)}; stored by the server: {stored:,}")
    print(f"peak RSS: sender {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB, "
          f"SMTP server {server_rss:.0f} MB")
    if sent != args.count or stored != args.count:
        sys.exit("Some emails were not delivered or not stored")


if __name__ == "__main__":
    main()
