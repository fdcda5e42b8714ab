"""Invitation letters at scale: a batch of 20,000 residents approved (eligibility checked, numbers issued,
queued for the gateway) and their postcards rendered.

    .venv/bin/python benchmarks/bench_invitations.py [--residents 100000] [--invite 20000] [--render 200]

Budget: 20,000 invitations issued and printed in 60 s within 2 GB. Prints the time to issue the numbers,
the rendering time per card measured on `--render` cards with the product's postcard renderer (WeasyPrint),
the projection for the whole batch, peak memory, and the ratio to a floor measured in the same run
(rendering one card). Rendering at this speed does NOT meet the budget today: see the printed projection.
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
    parser.add_argument("--render", type=int, default=200, help="Cards actually rendered to measure the per-card time.")
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
                                         f"LIMIT {int(args.invite) * 2}").fetchall()]
    batch = InvitationBatch.objects.create(program_code="bench", department="健康支援課", resident_ids=ids,
                                           created_by=editor)
    started = time.perf_counter()
    issued = invitations.approve(batch, approver)
    issue_s = time.perf_counter() - started
    print(f"approved: {issued:,} numbers issued in {issue_s:.1f} s (eligibility re-checked, pushes queued)")

    def render(limit: int) -> float:
        started = time.perf_counter()
        result = postcard_batches.make_batch(limit=limit)
        assert result.batch is not None
        return time.perf_counter() - started

    floor_s = render(1)
    sample_s = render(args.render)
    per_card = sample_s / args.render
    projected = issue_s * INVITED / max(issued, 1) + per_card * INVITED
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"rendering: {args.render} cards in {sample_s:.1f} s = {per_card * 1000:.0f} ms a card "
          f"({sample_s / floor_s:.0f}× one card, the floor {floor_s * 1000:.0f} ms)")
    print(f"projected for {INVITED:,} invitations: {projected:,.0f} s (budget {BUDGET_S} s: "
          f"{'met' if projected <= BUDGET_S else 'NOT met'}); peak memory {rss_mb:,.0f} MB")
    print(f"printed so far: {Registration.objects.filter(postcard_batch__isnull=False).count():,} cards")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
