"""Invitation letters at scale: a batch of 20,000 residents approved (eligibility checked, numbers issued,
queued for the gateway) and their postcards printed into one PDF.

    .venv/bin/python benchmarks/bench_invitations.py [--residents 100000] [--invite 20000] [--reference 20]

Budget: 20,000 invitations issued and printed in 60 s within 2 GB. Prints the time to issue the numbers, the
time to print every card of the batch with the product's renderer (the card laid out once by WeasyPrint,
each card's fields stamped, the PDF streamed to disk: postcards/stamp.py), the total against the budget,
peak memory (RSS), and two ratios measured in the same run: the batch to its floor (printing one card:
the layout and fonts every batch pays once) and the per-card time of laying out every card with WeasyPrint
(the renderer before, render_with_weasyprint, on `--reference` cards) to the per-card time now.
"""

import argparse
import os
import resource
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

AS_OF = date(2026, 11, 27)
ROOT = Path(__file__).resolve().parent.parent
BUDGET_S, INVITED = 60, 20_000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--residents", type=int, default=100_000)
    parser.add_argument("--invite", type=int, default=INVITED)
    parser.add_argument("--reference", type=int, default=20, help="Cards laid out whole by WeasyPrint, for the ratio.")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="foryou-bench-invite-"))
    os.environ.update(FORYOU_DEMO="1", FORYOU_DATA_DIR=str(work / "var"), DJANGO_SETTINGS_MODULE="foryou.settings.embedded")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from foryou.accounts import services as accounts
    from foryou.dev.synth import generate
    from foryou.enrollment import invitations, postcard_batches
    from foryou.enrollment.models import InvitationBatch, Registration
    from foryou.residents import store
    from foryou.residents.services import run_import

    with open(os.devnull, "w") as quiet:
        generate(args.residents, 1, work / "export", as_of=AS_OF, stream=quiet)
        call_command("migrate", verbosity=0)
        run_import(work / "export", AS_OF, stream=quiet)
    editor = accounts.add_staff("editor", "x-long-password-1", role="editor", department="健康支援課", create_department=True)
    approver = accounts.add_staff("approver", "x-long-password-2", role="approver", department="健康支援課")
    with store.connect() as con:
        ids = [r for (r,) in con.execute(f"SELECT resident_id FROM persons WHERE is_current ORDER BY resident_id "
                                         f"LIMIT {int(args.invite)}").fetchall()]
    batch = InvitationBatch.objects.create(program_code="bench", department="健康支援課", resident_ids=ids,
                                           created_by=editor)
    started = time.perf_counter()
    issued = invitations.approve(batch, approver)
    issue_s = time.perf_counter() - started
    print(f"approved: {issued:,} numbers issued in {issue_s:.1f} s (eligibility re-checked, pushes queued)")

    # The floor: one card printed alone (a batch lays the card out and reads the fonts once, whatever its size).
    floor_card = Registration.objects.waiting_for_postcard().order_by("issued_at")[:1].get()
    started = time.perf_counter()
    floor = postcard_batches.make_batch(limit=1)
    floor_s = time.perf_counter() - started
    assert floor.batch is not None and floor.batch.cards == 1, floor_card

    started = time.perf_counter()
    result = postcard_batches.make_batch(limit=issued)
    print_s = time.perf_counter() - started
    assert result.batch is not None
    cards = result.batch.cards
    per_card = (print_s - floor_s) / max(cards, 1)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    size_mb = Path(result.batch.pdf).stat().st_size / 2**20
    print(f"printing: {cards + 1:,} cards ({2 * (cards + 1):,} pages, {size_mb:,.0f} MB PDF) in {floor_s + print_s:.1f} s: "
          f"{per_card * 1000:.2f} ms a card after the floor ({floor_s:.2f} s, one card alone); "
          f"the batch is {print_s / floor_s:.0f}× the floor")

    sample = postcard_batches.cards_of(list(Registration.objects.filter(postcard_batch=result.batch)
                                            .order_by("pk")[:args.reference]))
    from foryou.enrollment.postcards.render import render_with_weasyprint

    render_with_weasyprint(sample[:1], postcard_batches.sender())  # warm up Pango and the fonts
    started = time.perf_counter()
    render_with_weasyprint(sample, postcard_batches.sender())
    before = (time.perf_counter() - started) / len(sample)
    total = issue_s * INVITED / max(issued, 1) + floor_s + per_card * INVITED
    print(f"laying out every card with WeasyPrint (before): {before * 1000:.0f} ms a card = "
          f"{before / per_card:.0f}× the per-card time now")
    print(f"{INVITED:,} invitations issued and printed: {total:,.1f} s (budget {BUDGET_S} s: "
          f"{'met' if total <= BUDGET_S else 'NOT met'}); peak memory {rss_mb:,.0f} MB (budget 2,048 MB); "
          f"load {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
