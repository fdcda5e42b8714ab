"""For any counts: each interval holds its point estimate and stays in range, the verdict reads off the
difference's interval, and swapping the groups mirrors the difference (hypothesis)."""

import pytest
from hypothesis import given, settings, strategies as st

from foryou.outcomes.estimate import MIN_GROUP, MIN_TAKEUPS, Verdict, compare_variants, two_groups


@st.composite
def group(draw, low=1):
    n = draw(st.integers(min_value=low, max_value=100_000))
    return draw(st.integers(min_value=0, max_value=n)), n


@settings(max_examples=300, deadline=None)
@given(group(), group())
def test_intervals_hold_their_estimates_and_the_verdict_follows_the_interval(treated, control):
    (x_t, n_t), (x_c, n_c) = treated, control
    estimate = two_groups(x_t, n_t, x_c, n_c)
    for rate, (low, high) in ((estimate.rate_treated, estimate.rate_treated_ci),
                              (estimate.rate_control, estimate.rate_control_ci)):
        assert 0 <= low <= rate + 1e-12 and rate - 1e-12 <= high <= 1
    low, high = estimate.difference_ci
    assert -1 <= low <= estimate.difference + 1e-12 and estimate.difference - 1e-12 <= high <= 1
    if min(n_t, n_c) < MIN_GROUP or x_t + x_c < MIN_TAKEUPS:
        assert estimate.verdict == Verdict.TOO_SMALL
    elif low > 0:
        assert estimate.verdict == Verdict.POSITIVE
    elif high < 0:
        assert estimate.verdict == Verdict.NEGATIVE
    else:
        assert estimate.verdict == Verdict.NO_DETECTABLE_EFFECT
    mirrored = two_groups(x_c, n_c, x_t, n_t)
    assert mirrored.difference == pytest.approx(-estimate.difference)
    assert mirrored.difference_ci == pytest.approx((-high, -low), abs=1e-9)
    if estimate.ratio is not None and estimate.ratio > 0:
        assert estimate.ratio_ci[0] <= estimate.ratio <= estimate.ratio_ci[1]


@settings(max_examples=100, deadline=None)
@given(st.lists(group(low=0), min_size=2, max_size=3))
def test_a_variant_called_best_beats_every_other_in_its_intervals(variants):
    comparison = compare_variants([(f"v{i}", x, n) for i, (x, n) in enumerate(variants)])
    if comparison.best is None:
        return
    for pair in comparison.pairs:
        if comparison.best == pair.a:
            assert pair.difference_ci[0] > 0
        elif comparison.best == pair.b:
            assert pair.difference_ci[1] < 0
