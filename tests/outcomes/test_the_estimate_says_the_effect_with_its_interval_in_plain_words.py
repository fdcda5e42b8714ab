"""two_groups(): rates, the difference in percentage points and the relative uplift with 95% intervals
(statsmodels), a verdict from one vocabulary, a sentence; too small groups are said to be so."""

import pytest
from django.utils import translation
from statsmodels.stats.proportion import confint_proportions_2indep, proportion_confint

from foryou.outcomes.estimate import Verdict, additional_people, two_groups


def test_a_clear_effect_is_positive_with_newcombe_and_wilson_intervals():
    estimate = two_groups(120, 1000, 40, 1000)
    assert estimate.difference == pytest.approx(0.08)
    assert estimate.difference_ci == pytest.approx(confint_proportions_2indep(120, 1000, 40, 1000, method="newcomb"))
    assert estimate.rate_control_ci == pytest.approx(proportion_confint(40, 1000, method="wilson"))
    assert estimate.difference_ci[0] < 0.08 < estimate.difference_ci[1]
    assert estimate.uplift == pytest.approx(2.0)
    assert estimate.uplift_ci[0] < 2.0 < estimate.uplift_ci[1]
    assert estimate.verdict == Verdict.POSITIVE
    with translation.override("en"):
        assert estimate.sentence.startswith("12.0% of those notified took it up and 4.0% of those not yet notified: "
                                            "a difference of +8.0 percentage points (95% confidence interval +")
        assert estimate.sentence.endswith("The notice made more people take the program up.")


def test_no_difference_is_no_detectable_effect_and_a_drop_is_negative():
    assert two_groups(50, 1000, 52, 1000).verdict == Verdict.NO_DETECTABLE_EFFECT
    assert two_groups(10, 1000, 60, 1000).verdict == Verdict.NEGATIVE


@pytest.mark.parametrize("counts", [(5, 9, 1, 100), (3, 500, 4, 500), (0, 0, 3, 50)])
def test_small_groups_or_few_take_ups_are_too_small_to_tell(counts):
    estimate = two_groups(*counts)
    assert estimate.verdict == Verdict.TOO_SMALL
    with translation.override("en"):
        assert estimate.sentence.startswith("Too small to tell")


def test_no_one_in_the_holdout_taking_it_up_leaves_the_relative_uplift_undefined():
    estimate = two_groups(30, 500, 0, 500)
    assert estimate.ratio is None and estimate.uplift_ci is None
    assert estimate.verdict == Verdict.POSITIVE


def test_additional_people_scale_the_difference_and_its_interval_by_the_notified():
    estimate = two_groups(120, 1000, 40, 1000)
    extra = additional_people(estimate, 5000)
    assert extra.point == pytest.approx(400)
    assert extra.low == pytest.approx(estimate.difference_ci[0] * 5000)
    assert additional_people(two_groups(0, 0, 1, 10)) is None


def test_impossible_counts_are_refused():
    with pytest.raises(ValueError):
        two_groups(11, 10, 1, 10)
