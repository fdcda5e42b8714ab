"""The demo's effect story (SIMULATED take-up, clearly labelled in the console): two health-checkup
notices sent five weeks ago by the demo's editor and approved by its approver —

1. one with a 25% holdout, whose measured effect (with its interval and chart) the results page shows;
   its holdout's delayed send is due, so the demo's scheduler sends it at start;
2. one comparing two wordings (short, and with the amount the checkup costs), with a 20% holdout.

The notices go through the real services (compose, approve, send: the seeded stratified draw); the
residents' reaction is drawn by the synthetic city (foryou.dev.synth.reaction) with a known true effect
and written into a later export, which the real importer reads, recording take-up as it would from the
city's data. Run once per data directory; later starts reuse it."""

from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

from foryou.effect.design import Design
from foryou.effect.models import HOLDOUT, Experiment
from foryou.notices import sending, services
from foryou.notices.models import Notice, SendOrder
from foryou.notices.services import Wording
from foryou.programs.catalog import UnknownProgram, get_program

DAYS_AGO = 35
WINDOW = 30
CANDIDATES = ("haigan-daichogan-kenshin", "tokutei-kenshin", "kenko-shinsa", "igan-risuku-kensa",
              "zenritsusengan-kenshin")
# The true effects the simulation draws from (percentage points as fractions): what the page should find.
TRUE_EFFECT = {"holdout": (0.06, 0.15), "variants": {"A": 0.05, "B": 0.13, "base": 0.06}}
HOLDOUT_PERCENT, VARIANTS_HOLDOUT_PERCENT = 25, 20


def _audience_size(code: str) -> int:
    from foryou.notices import freezing

    try:
        return len(freezing.freeze(SendOrder(notice=Notice(program_code=code), kind=SendOrder.Kind.NOW)).numbers)
    except Exception:  # a program the demo city cannot target: not a candidate
        return 0


def _wording(program, title: str, body: str) -> Wording:
    contact = program.contact or {}
    return Wording(title=title, body=body, contact_department=contact.get("department", program.department),
                   contact_phone=contact.get("phone", ""), contact_hours=contact.get("hours", ""))


def _sent_weeks_ago(program, wording: Wording, design: Design, editor, approver) -> Notice:
    notice = services.create(program, wording, editor, design=design)
    services.approve(notice.latest, approver)
    order = sending.schedule(notice, by=editor, tracked=True)
    sending.start(order)
    # As if sent DAYS_AGO days ago: the orders, the experiment and its window (the delayed send is due).
    shift = timedelta(days=DAYS_AGO)
    experiment = Experiment.objects.get(order=order)
    for o in SendOrder.objects.filter(notice=notice):
        SendOrder.objects.filter(pk=o.pk).update(scheduled_for=o.scheduled_for - shift,
                                                 started_at=(o.started_at - shift) if o.started_at else None,
                                                 created_at=o.created_at - shift)
    Experiment.objects.filter(pk=experiment.pk).update(started_on=experiment.started_on - shift,
                                                       started_at=experiment.started_at - shift,
                                                       window_ends_at=experiment.window_ends_at - shift)
    return notice


def _groups(notice) -> dict[str, list[str]]:
    experiment = notice.experiments.get()
    groups: dict[str, list[str]] = {}
    for rid, arm in experiment.assignments.values_list("resident_id", "arm"):
        groups.setdefault(arm, []).append(rid)
    return groups


def prepare(stream, seed: int = 2021) -> bool:
    """Create the story unless it exists. False when the city has too few registrants for it."""
    from foryou.dev.synth.reaction import Reaction, simulate
    from foryou.residents.models import ImportRun
    from foryou.residents.services import run_import

    if Experiment.objects.exists():
        return True
    User = get_user_model()
    editor, approver = User.objects.get(username="editor-kenko"), User.objects.get(username="approver-kenko")
    programs = []
    for code in CANDIDATES:
        try:
            program = get_program(code)
        except UnknownProgram:
            continue
        if program.department == "健康支援課" and program.outcome is not None:
            programs.append((_audience_size(code), program))
    programs = [p for n, p in sorted(programs, key=lambda item: -item[0]) if n >= 60]
    if len(programs) < 2:
        stream.write("demo effect story: too few registrants for the checkup programs; skipped\n")
        return False
    first, second = programs[:2]
    told = _sent_weeks_ago(first, _wording(first, f"{first.name}のご案内",
                                           f"{first.name}を受けられます。お近くの医療機関でお受けください。"),
                           Design(HOLDOUT_PERCENT, WINDOW), editor, approver)
    compared = _sent_weeks_ago(second, _wording(second, f"{second.name}のご案内",
                                                f"{second.name}を受けられます。対象の方はお近くの医療機関でお申し込みください。"),
                               Design(VARIANTS_HOLDOUT_PERCENT, WINDOW, [{"label": "B", "title": f"{second.name}：自己負担500円",
                                                    "body": "自己負担500円で受けられます。今月中のお申し込みを。"}]),
                               editor, approver)
    start = timezone.localdate() - timedelta(days=DAYS_AGO)
    base, effect = TRUE_EFFECT["holdout"]
    g1, g2 = _groups(told), _groups(compared)
    v = TRUE_EFFECT["variants"]
    reactions = [
        Reaction(first.code, notified=g1.get("A", []), holdout=g1.get(HOLDOUT, []), start=start, days=WINDOW,
                 base=base, effect=effect),
        Reaction(second.code, notified=g2.get("A", []), holdout=g2.get(HOLDOUT, []), start=start, days=WINDOW,
                 base=v["base"], effect=v["A"]),
        Reaction(second.code, notified=g2.get("B", []), holdout=[], start=start, days=WINDOW, base=v["base"],
                 effect=v["B"]),
    ]
    data = Path(settings.DATA_DIR)
    later = data / "demo-export-reacted"
    simulate(data / "demo-export", later, reactions, seed=seed)
    run = run_import(later, timezone.localdate(), stream=stream)
    if run.status != ImportRun.Status.APPLIED:
        stream.write(f"demo effect story: the simulated export was not imported (import #{run.pk})\n")
        return False
    stream.write(f"demo effect story (simulated take-up): “{first.name}” with a {HOLDOUT_PERCENT}% holdout (true effect "
                 f"+{effect * 100:.0f} points), “{second.name}” comparing two wordings\n")
    return True
