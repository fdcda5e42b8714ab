"""Program applications at scale (issue 17):

1. 1,000 submissions with a 2 MB attachment each, collected by the console (pull, fetch each sealed document
   over the signed bridge, tell the gateway to delete it) and opened in the console (every document
   decrypted and checked). Budget: 60 s, peak RSS 1 GB.
2. The inbox (受付箱) with 50,000 applications: page 1, a filtered page, a deep page. Budget: 300 ms a page.

    .venv/bin/python benchmarks/bench_casework.py [--submissions 1000] [--mb 2] [--applications 50000]

Each figure is printed with its ratio to a floor measured in the same run on the same machine:
- collection: the floor is the cryptography alone — sealing and opening the same bytes with the same
  secretstream, in memory (what no implementation can avoid); the ratio is the bridge, the databases
  and the checks on top;
- inbox: the floor is the page's own rows read with one raw SQL query (ORDER BY received_at LIMIT 50); the
  ratio is Django, filters, counts, the audit entry and the template on top.

Submissions are made with the gateway's own sealing (the upload handler's StreamSealer, the same sealed box
and rows as the form view), 20 of them through the real form page first to show its cost per submission.
Everything runs in a fresh data directory (SQLite, as the embedded product); the bridge runs over Django's
test client (real views and signatures, no sockets).
"""

import argparse
import io
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COLLECT_BUDGET_S = 60
RSS_BUDGET_MB = 1024
PAGE_BUDGET_MS = 300


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def noise_png(megabytes: float) -> bytes:
    """A real PNG of random pixels (random data does not compress): about `megabytes` MB."""
    from PIL import Image

    side = int((megabytes * 1024 * 1024 / 3) ** 0.5)
    out = io.BytesIO()
    Image.frombytes("RGB", (side, side), os.urandom(side * side * 3)).save(out, format="PNG", compress_level=1)
    return out.getvalue()


class Transport:
    def __init__(self, client):
        self.client = client

    def post(self, path, body, headers):
        response = self.client.generic("POST", path, body, content_type="application/json", headers=headers)
        return response.status_code, response.content, dict(response.headers)


def registrants(n: int):
    from datetime import timedelta

    from django.utils import timezone

    from foryou.enrollment.models import Registration
    from foryou.gateway import number_keys
    from foryou.gateway.db import DB
    from foryou.gateway.models import Subscriber

    now = timezone.now()
    numbers = [f"{9000000000000000 + i:016d}" for i in range(n)]
    Registration.objects.bulk_create([Registration(number=x, resident_id=f"{9000000000 + i:010d}", status="active",
                                                   expires_at=now + timedelta(days=90), activated_at=now, channel="email")
                                      for i, x in enumerate(numbers)], batch_size=2000)
    Subscriber.objects.using(DB).bulk_create([Subscriber(number_hash=number_keys.digest(x), number=x, status="active",
                                                         expires_at=now + timedelta(days=90), activated_at=now,
                                                         email=f"r{i}@example.jp") for i, x in enumerate(numbers)],
                                             batch_size=2000)
    return list(Subscriber.objects.using(DB).order_by("id"))


def submit_direct(form_row, number: str, answers: dict, photo: bytes):
    """As the form view does after its checks: the upload sealed chunk by chunk, then submit()."""
    from foryou.gateway.casework import services
    from foryou.gateway.casework.uploads import SealedUpload
    from foryou.shared.bridge.streams import StreamSealer, new_key

    key = new_key()
    sealer = StreamSealer(key)
    upload = SealedUpload(field_name="file_family_register", name="koseki.png", key=key,
                          ciphertext=bytearray(sealer.header))
    for i in range(0, len(photo), 64 * 1024):
        upload.ciphertext += sealer.write(photo[i:i + 64 * 1024])
    upload.ciphertext += sealer.close()
    upload.size = len(photo)
    return services.submit(form_row, number, answers, [{"upload": upload, "attachment": "family_register",
                                                        "type": "png"}], via="email")


def crypto_floor(photo: bytes, n: int) -> float:
    from foryou.shared.bridge.streams import new_key, open_bytes, seal_bytes

    started = time.perf_counter()
    for _ in range(n):
        key = new_key()
        assert open_bytes(key, seal_bytes(key, photo))[:8] == photo[:8]
    return time.perf_counter() - started


def bench_collection(args, client, transport) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from foryou.bridge.client import sync
    from foryou.casework.forms_push import push_form
    from foryou.casework.models import ApplicationFile, ProgramApplication
    from foryou.gateway.casework.links import token_for
    from foryou.gateway.casework.models import CaseworkForm, SealedFile
    from foryou.gateway.db import DB
    from foryou.programs.catalog import get_program
    from foryou.shared.bridge.streams import open_bytes
    from foryou.shared.forms.answers import clean_answers
    from tests.casework.forms import VALID

    program = get_program("jido-fuyo-teate")
    push_form(program)
    sync(transport)
    form_row = CaseworkForm.objects.using(DB).current(program.code)
    answers = clean_answers(program.form, VALID).values
    photo = noise_png(args.mb)
    print(f"document: a {len(photo) / 1e6:.2f} MB PNG of random pixels")
    subscribers = registrants(args.submissions)

    started = time.perf_counter()
    through_form = min(20, args.submissions)
    for subscriber in subscribers[:through_form]:
        response = client.post(f"/casework/{program.code}/e/{token_for(subscriber.pk, program.code)}/",
                               VALID | {"file_family_register": SimpleUploadedFile("koseki.png", photo)})
        assert response.status_code == 200 and "receipt" in response.context, response.content[:500]
    per_form = (time.perf_counter() - started) / through_form
    for subscriber in subscribers[through_form:]:
        submit_direct(form_row, subscriber.number, answers, photo)
    made = time.perf_counter() - started
    print(f"submissions: {args.submissions:,} sealed in {made:.1f} s "
          f"(through the form page: {per_form * 1000:.0f} ms each, upload check included)")

    rss_before = rss_mb()
    started = time.perf_counter()
    while sync(transport).pulled:
        pass
    collected = time.perf_counter() - started
    opened_started = time.perf_counter()
    opened = 0
    for item in ApplicationFile.objects.only("key", "ciphertext").iterator(chunk_size=50):
        plain = open_bytes(bytes(item.key), bytes(item.ciphertext))
        assert plain[:8] == b"\x89PNG\r\n\x1a\n" and len(plain) == len(photo)
        opened += 1
    opening = time.perf_counter() - opened_started
    total = collected + opening
    assert ProgramApplication.objects.count() == args.submissions and opened == args.submissions
    assert SealedFile.objects.using(DB).count() == 0, "documents left on the gateway"
    floor = crypto_floor(photo, args.submissions)
    print(f"collection: {args.submissions:,} applications pulled, documents fetched and deleted from the gateway "
          f"in {collected:.1f} s; opened in the console in {opening:.1f} s")
    print(f"  total {total:.1f} s (budget {COLLECT_BUDGET_S} s) — {total / floor:.1f}× the floor "
          f"(secretstream seal + open of the same bytes alone: {floor:.1f} s)")
    print(f"  peak RSS {rss_mb():.0f} MB (before collecting {rss_before:.0f} MB; budget {RSS_BUDGET_MB} MB)")


def bench_inbox(args, client) -> None:
    from datetime import timedelta

    from django.db import connection
    from django.utils import timezone

    from foryou.accounts import services as accounts
    from foryou.accounts.testing import PASSWORD, login
    from foryou.casework.models import FormSnapshot, ProgramApplication
    from foryou.shared.forms import statuses

    have = ProgramApplication.objects.count()
    snapshot = FormSnapshot.objects.first()
    now = timezone.now()
    cycle = [statuses.RECEIVED, statuses.REVIEWING, statuses.NEEDS_CORRECTION, statuses.GRANTED, statuses.REFUSED]
    rows = [ProgramApplication(receipt=f"B{i:07d}", gateway_ref=f"bench-{i}", program_code="jido-fuyo-teate",
                               department="こども家庭支援課", form=snapshot, form_digest=snapshot.digest, number=f"{i:016d}",
                               resident_id=f"{i:010d}", answers={"phone": "080-0000-0000", "children": [{"name": "x"}]},
                               status=cycle[i % 5], received_at=now - timedelta(minutes=i),
                               due_date=(now + timedelta(days=i % 60)).date())
            for i in range(max(0, args.applications - have))]
    ProgramApplication.objects.bulk_create(rows, batch_size=5000)
    total = ProgramApplication.objects.count()
    staff = accounts.add_staff("bench-kodomo", PASSWORD, role="editor", department="こども家庭支援課",
                               create_department=True)
    login(client, staff)
    pages = {"page 1": "/inbox/", "open, due by a date": f"/inbox/?status=open&due_by={(now + timedelta(days=10)).date()}",
             "page 500": "/inbox/?page=500"}

    def timed(url: str) -> float:
        started = time.perf_counter()
        response = client.get(url)
        assert response.status_code == 200
        return (time.perf_counter() - started) * 1000

    def floor_query() -> float:
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute("SELECT id, receipt, program_code, status, received_at, assignee_id, due_date "
                           "FROM casework_programapplication WHERE department = %s ORDER BY received_at DESC, id DESC "
                           "LIMIT 50", ["こども家庭支援課"])
            cursor.fetchall()
        return (time.perf_counter() - started) * 1000

    floor = statistics.median([floor_query() for _ in range(30)])
    print(f"inbox: {total:,} applications; floor (the page's 50 rows by one raw SQL query): {floor:.1f} ms")
    for name, url in pages.items():
        timed(url)  # warm
        times = sorted(timed(url) for _ in range(15))
        median, p95 = statistics.median(times), times[int(len(times) * 0.95) - 1]
        print(f"  {name}: median {median:.0f} ms, p95 {p95:.0f} ms (budget {PAGE_BUDGET_MS}) — "
              f"{median / floor:.0f}× the floor")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--submissions", type=int, default=1000)
    parser.add_argument("--mb", type=float, default=2.0)
    parser.add_argument("--applications", type=int, default=50_000)
    args = parser.parse_args()

    data_dir = Path(tempfile.mkdtemp(prefix="foryou-bench-casework-")) / "var"
    os.environ.update(FORYOU_DEMO="1", FORYOU_DATA_DIR=str(data_dir), DJANGO_SETTINGS_MODULE="foryou.settings.embedded",
                      FORYOU_PROGRAMS_DIR=str(ROOT / "programs"))
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()  # response.context, the in-memory mail backend
    settings.ALLOWED_HOSTS = ["testserver"]
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    call_command("migrate", verbosity=0)
    call_command("migrate", database="gateway", verbosity=0)
    client = Client()
    print(f"data directory: {data_dir}")
    bench_collection(args, client, Transport(client))
    bench_inbox(args, client)


if __name__ == "__main__":
    main()
