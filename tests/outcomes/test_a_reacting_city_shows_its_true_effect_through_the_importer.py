"""End to end: a synthetic city is imported, registrants are told or held out, the city reacts with a
known true effect (simulated), the later export is imported, and the estimate from the recorded take-up
has an interval containing the true effect."""

import io
from datetime import date

import numpy as np
from django.core.management import call_command

from foryou.dev.synth import generate
from foryou.dev.synth.reaction import Reaction, simulate
from foryou.outcomes.estimate import Verdict, two_groups
from foryou.outcomes.models import TakeUp
from foryou.outcomes.takeup import cumulative, data_through, took_up_counts
from foryou.residents import store
from tests.outcomes.conftest import register

AS_OF, START, DAYS = date(2026, 5, 31), date(2026, 6, 1), 30
BASE, EFFECT = 0.05, 0.08


def current_residents() -> list[str]:
    """Residents a notice may reach: current, and not under a protection order nor in such a household."""
    with store.connect() as con:
        return [r for (r,) in con.execute(
            "SELECT p.resident_id FROM persons p JOIN households h USING (household_id) "
            "WHERE p.is_current AND NOT h.protected ORDER BY p.resident_id").fetchall()]


def test_the_interval_from_recorded_take_up_contains_the_simulated_effect(tmp_path, do_import):
    generate(10_000, seed=3, out_dir=tmp_path / "may", as_of=AS_OF)
    do_import(tmp_path / "may", AS_OF)
    rng = np.random.default_rng(11)
    chosen = rng.permutation(current_residents())[:8000].tolist()
    register(*chosen)
    notified, holdout = chosen[:4000], chosen[4000:]

    told = simulate(tmp_path / "may", tmp_path / "july", [
        Reaction("tokutei-kenshin", notified, holdout, START, DAYS, BASE, EFFECT)], seed=1)
    later = do_import(tmp_path / "july", date(2026, 7, 1))

    groups = {"notified": notified, "holdout": holdout}
    counts = took_up_counts("tokutei-kenshin", groups, START, DAYS)
    assert counts == told["tokutei-kenshin"]  # every simulated take-up came through the importer
    assert later.counts["takeups"] >= sum(counts.values())
    curves = cumulative("tokutei-kenshin", groups, START, DAYS)
    gap = [n - h for n, h in zip(curves["notified"], curves["holdout"])]
    assert len(gap) == DAYS + 1 and gap[7] > gap[-1] / 2  # take-up caused by the notice comes early
    estimate = two_groups(counts["notified"], 4000, counts["holdout"], 4000)
    low, high = estimate.difference_ci
    # One fixed draw: a 95% interval misses for about 1 seed in 20 (seed 5 is such a one). That the
    # intervals are right over many draws is the coverage test's job; this one checks the path.
    assert low < EFFECT < high and estimate.verdict == Verdict.POSITIVE
    assert data_through("tokutei-kenshin") == date(2026, 7, 1)


def test_the_command_writes_a_later_export_and_says_it_is_simulated(tmp_path, do_import):
    generate(300, seed=2, out_dir=tmp_path / "may", as_of=AS_OF, encoding="cp932")
    do_import(tmp_path / "may", AS_OF)
    ids = current_residents()
    (tmp_path / "told.txt").write_text("# told\n" + "\n".join(ids[:150]) + "\n")
    (tmp_path / "held.txt").write_text("\n".join(ids[150:]))
    out = io.StringIO()
    call_command("synth_react", export=tmp_path / "may", out=tmp_path / "july", program="jido-fuyo-teate",
                 notified=tmp_path / "told.txt", holdout=tmp_path / "held.txt", start="2026-06-01",
                 base="10%", effect="+20pp", seed=4, stdout=out)
    assert out.getvalue().startswith("synth_react (SIMULATED): jido-fuyo-teate: ")
    register(*ids)
    do_import(tmp_path / "july", date(2026, 7, 1))  # CP932 kept: the later export imports cleanly
    recorded = TakeUp.objects.filter(program="jido-fuyo-teate", took_up_on__gte=START)
    assert recorded.count() > 10 and set(recorded.values_list("source", flat=True)) == {"allowances"}


def test_two_wordings_of_one_notice_react_with_their_own_effects(tmp_path):
    generate(400, seed=2, out_dir=tmp_path / "may", as_of=AS_OF)
    ids = [line.split(",")[0] for line in (tmp_path / "may" / "persons.csv").read_text().splitlines()[1:]]
    short, detailed, held = ids[:150], ids[150:300], ids[300:]
    counts = simulate(tmp_path / "may", tmp_path / "july", [
        Reaction("tokutei-kenshin", short, held, START, DAYS, base=0.1, effect=0.5),
        Reaction("tokutei-kenshin", detailed, [], START, DAYS, base=0.1, effect=0.0)], seed=3)
    added = (tmp_path / "july" / "checkups.csv").read_bytes().count(b"\r\n") - \
        (tmp_path / "may" / "checkups.csv").read_bytes().count(b"\r\n")
    assert counts["tokutei-kenshin"]["notified"] + counts["tokutei-kenshin"]["holdout"] == added
    assert counts["tokutei-kenshin"]["notified"] > 75  # about 0.6 × 150 + 0.1 × 150
