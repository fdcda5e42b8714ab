"""Honest intervals: over many simulated notices with a known true effect, the 95% interval of
two_groups() contains it in about 95% of them; with no true effect, the verdict says "more" or
"fewer" in at most about 5% of them; three identical wordings are called different at most about 5%.

Tolerance (decision 0023): RUNS = 400 draws per scenario; the standard error of an observed coverage
near 0.95 is sqrt(0.95 * 0.05 / 400) = 0.011, so coverage must lie in [0.92, 0.98] (about ±2.7 SE: a
correct interval fails with probability < 1%, a 90% or 99% interval fails almost surely), and the
false-positive rate must be at most 0.05 + 0.03. Seeds are fixed: the test is deterministic.
Draws are vectorised numpy binomials; only the estimator runs per draw (about 0.5 ms each).
"""

import numpy as np
import pytest

from foryou.outcomes.estimate import Verdict, compare_variants, two_groups

RUNS = 400
COVERAGE = (0.92, 0.98)
MAX_FALSE_POSITIVES = 0.08


def draws(seed: int, base: float, effect: float, n_treated: int, n_control: int):
    rng = np.random.default_rng(seed)
    return rng.binomial(n_treated, base + effect, RUNS), rng.binomial(n_control, base, RUNS)


@pytest.mark.parametrize("seed, base, effect, n_treated, n_control", [
    (1, 0.03, 0.08, 1800, 200),  # a 10% holdout, a strong effect (Bhargava & Manoli's size)
    (2, 0.10, 0.02, 5000, 5000),  # a small effect on a common program
    (3, 0.01, 0.01, 3000, 3000),  # rare take-up: few events, where approximations strain
    (4, 0.20, -0.03, 800, 800),  # a notice that puts people off
])
def test_the_difference_interval_contains_the_true_effect_in_about_95_percent_of_runs(
        seed, base, effect, n_treated, n_control):
    treated, control = draws(seed, base, effect, n_treated, n_control)
    covered = 0
    for x_t, x_c in zip(treated, control):
        low, high = two_groups(int(x_t), n_treated, int(x_c), n_control).difference_ci
        covered += low <= effect <= high
    assert COVERAGE[0] <= covered / RUNS <= COVERAGE[1], covered / RUNS


@pytest.mark.parametrize("seed, base, effect, n", [(5, 0.10, 0.02, 5000), (6, 0.20, -0.03, 2000)])
def test_the_relative_uplift_interval_contains_the_true_uplift_in_about_95_percent_of_runs(seed, base, effect, n):
    treated, control = draws(seed, base, effect, n, n)
    true_uplift = (base + effect) / base - 1
    covered = 0
    for x_t, x_c in zip(treated, control):
        low, high = two_groups(int(x_t), n, int(x_c), n).uplift_ci
        covered += low <= true_uplift <= high
    assert COVERAGE[0] <= covered / RUNS <= COVERAGE[1], covered / RUNS


@pytest.mark.parametrize("seed, base, n_treated, n_control", [(7, 0.05, 1000, 1000), (8, 0.02, 2000, 500),
                                                               (9, 0.30, 300, 300)])
def test_no_true_effect_looks_significant_in_at_most_about_5_percent_of_runs(seed, base, n_treated, n_control):
    treated, control = draws(seed, base, 0.0, n_treated, n_control)
    verdicts = [two_groups(int(x_t), n_treated, int(x_c), n_control).verdict for x_t, x_c in zip(treated, control)]
    significant = sum(v in (Verdict.POSITIVE, Verdict.NEGATIVE) for v in verdicts)
    assert significant / RUNS <= MAX_FALSE_POSITIVES, significant / RUNS
    assert Verdict.TOO_SMALL not in verdicts  # these groups are big enough to be judged


def test_three_identical_wordings_are_called_different_in_at_most_about_5_percent_of_runs():
    rng = np.random.default_rng(10)
    counts = rng.binomial(1500, 0.08, (RUNS, 3))
    best = sum(compare_variants([(name, int(x), 1500) for name, x in zip("ABC", row)]).best is not None
               for row in counts)
    assert best / RUNS <= MAX_FALSE_POSITIVES, best / RUNS


def test_a_really_better_wording_is_found_when_the_groups_are_large():
    rng = np.random.default_rng(11)
    found = sum(compare_variants([("short", int(rng.binomial(3000, 0.12)), 3000),
                                  ("detailed", int(rng.binomial(3000, 0.08)), 3000)]).best == "short"
                for _ in range(100))
    assert found >= 95  # +4 pp on 3,000 each: power is above 99%
