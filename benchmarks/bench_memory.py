"""Memory of the demo: every process of `foryou demo` together (web server, worker, local LINE platform,
SMTP server, …), from start through preparation to serving, against the budget of 600 MB.

    python benchmarks/bench_memory.py [--residents 20000] [--steady 20] [--port 18200]

Starts the demo in a fresh data directory on its own ports, samples the process tree twice a second
from /proc (resident set size summed over the processes, and the proportional set size, which counts
pages shared between forked processes once), waits until the web server answers, then keeps sampling
for --steady seconds while a few pages are requested: for the first half the public ones, then as a
member of staff signed in (the demo's 受付担当, whose password the demo prints) the console's dashboard
and lists, as anyone trying the demo does first. Prints peak and steady figures, each process's share
at the peak (and the peak before anyone signed in), and the ratio to the budget. (The worker during a 1,000,000-recipient send is in
bench_delivery.py multicast, which prints the workers' peak RSS against their 250 MB budget.)
"""

import argparse
import http.cookiejar
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUDGET_MB = 600


def children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            tree.setdefault(ppid, []).append(int(entry))
    return tree


def descendants(root: int) -> list[int]:
    tree, found, todo = children(), [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo += tree.get(pid, [])
    return found


def memory_kb(pid: int) -> tuple[int, int, str]:
    """(RSS, PSS) in kB and a short name of the process."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            fields = {line.split(":")[0]: int(line.split()[1]) for line in f if line.split()[-1] == "kB"}
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            args = [a.decode(errors="replace") for a in f.read().split(b"\0") if a]
    except OSError:
        return 0, 0, ""
    name = " ".join(a.rsplit("/", 1)[-1] for a in args[:4])
    return fields.get("Rss", 0), fields.get("Pss", 0), name


def sample(root: int) -> tuple[int, int, list[tuple[int, str]]]:
    rows = [memory_kb(pid) for pid in descendants(root)]
    return sum(r for r, _, _ in rows), sum(p for _, p, _ in rows), [(r, n) for r, _, n in rows if r]


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status < 500
    except Exception:  # not up yet
        return False


STAFF_PAGES = ("/", "/applications/", "/programs/", "/notices/")


def signed_in(base: str, output: Path):
    """An opener signed in as the demo's registrar (its password is in the demo's output), or None."""
    found = re.search(r"^\s*registrar / (\S+)", output.read_text(errors="replace"), re.MULTILINE)
    if not found:
        return None
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    page = opener.open(base + "/login/", timeout=10).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    form = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "username": "registrar",
                                   "password": found.group(1)}).encode()
    landed = opener.open(urllib.request.Request(base + "/login/", form, headers={"Referer": base + "/login/"}),
                         timeout=30)
    return opener if "/login/" not in landed.url else None


def visit(opener, url: str) -> None:
    try:
        opener.open(url, timeout=30).read()
    except Exception:  # a page that fails still counts as visited: the figure is memory, not pages
        pass


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--residents", type=int, default=20_000)
    parser.add_argument("--steady", type=float, default=20.0)
    parser.add_argument("--port", type=int, default=18200)
    args = parser.parse_args()
    data = tempfile.mkdtemp(prefix="foryou-bench-memory-")
    load = os.getloadavg()[0]
    # Unbuffered: the staff passwords the demo prints are read from its output while it runs.
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "FORYOU_DATA_DIR": data, "PYTHONUNBUFFERED": "1"}
    base = f"http://127.0.0.1:{args.port}"
    output = Path(data) / "bench-demo-output.txt"
    demo = subprocess.Popen([sys.executable, "-m", "foryou.cli", "demo", "--residents", str(args.residents),
                             "--port", str(args.port), "--line-port", str(args.port + 81),
                             "--smtp-port", str(args.port + 25), "--card-port", str(args.port + 86)],
                            env=env, stdout=output.open("w"), stderr=subprocess.DEVNULL, start_new_session=True)
    peak = (0, 0, [])
    anonymous_peak = (0, 0, [])
    staff = None
    steady: list[tuple[int, int]] = []
    started = time.perf_counter()
    ready_at = None
    try:
        while True:
            rss, pss, rows = sample(demo.pid)
            if rss > peak[0]:
                peak = (rss, pss, rows)
            if staff is None and rss > anonymous_peak[0]:
                anonymous_peak = (rss, pss, rows)
            if ready_at is None and answers(base + "/"):
                ready_at = time.perf_counter()
            if ready_at is not None:
                steady.append((rss, pss))
                if staff is None:
                    for path in ("/", "/login/", "/mailbox/"):
                        answers(base + path)
                    if time.perf_counter() - ready_at >= args.steady / 2:
                        staff = signed_in(base, output) or False
                        if staff is False:
                            print("could not sign in as the demo's registrar: the figure is without staff pages")
                elif staff:
                    for path in STAFF_PAGES:
                        visit(staff, base + path)
                if time.perf_counter() - ready_at >= args.steady:
                    break
            if demo.poll() is not None:
                print(f"the demo stopped (exit status {demo.returncode}) before it served")
                return 1
            if time.perf_counter() - started > 900:
                print("the demo did not answer within 15 minutes")
                return 1
            time.sleep(0.5)
    finally:
        try:
            os.killpg(demo.pid, signal.SIGTERM)
            demo.wait(timeout=20)
        except ProcessLookupError:  # the demo had stopped already (its reason is printed above)
            pass
        except subprocess.TimeoutExpired:
            os.killpg(demo.pid, signal.SIGKILL)
        shutil.rmtree(data, ignore_errors=True)

    mb = 1024
    steady_rss = max(r for r, _ in steady) / mb
    steady_pss = max(p for _, p in steady) / mb
    print(f"demo memory, {args.residents:,} residents; load average {load:.2f} at start, "
          f"{os.getloadavg()[0]:.2f} at end; serving after {ready_at - started:.0f} s")
    print(f"  peak   : RSS {peak[0] / mb:6,.0f} MB = {peak[0] / mb / BUDGET_MB:.2f} x the {BUDGET_MB} MB budget "
          f"(PSS {peak[1] / mb:,.0f} MB)")
    print(f"  steady : RSS {steady_rss:6,.0f} MB = {steady_rss / BUDGET_MB:.2f} x budget (PSS {steady_pss:,.0f} MB), "
          f"the most over {args.steady:.0f} s of serving")
    print(f"  before anyone signed in: RSS {anonymous_peak[0] / mb:6,.0f} MB = "
          f"{anonymous_peak[0] / mb / BUDGET_MB:.2f} x budget (PSS {anonymous_peak[1] / mb:,.0f} MB)")
    for label, at in (("at the peak", peak), ("before anyone signed in", anonymous_peak)):
        print(f"  {label}, by process:")
        for rss, name in sorted(at[2], reverse=True):
            print(f"    {rss / mb:6,.0f} MB  {name}")
    return 0 if peak[0] / mb <= BUDGET_MB else 1


if __name__ == "__main__":
    sys.exit(main())
