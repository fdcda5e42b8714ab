"""The effect of a notice, with 95% confidence intervals, from counts of people who took a program up.

    two_groups(x_treated, n_treated, x_control, n_control) -> Estimate
    compare_variants([("short", x, n), ("detailed", x, n)]) -> VariantComparison
    additional_people(estimate, n_notified) -> Additional | None

The intervals are statsmodels' (not written here): Wilson score intervals for each take-up rate, the
Newcombe hybrid score interval for the difference, the log-adjusted interval for the ratio. Variants
are compared pairwise with Bonferroni-widened intervals (decision 0022); too small groups are said to be
so rather than estimated (decision 0021).
"""

from dataclasses import dataclass, field

import numpy as np
from django.db import models
from django.utils.translation import gettext, gettext_lazy as _
from statsmodels.stats.proportion import confint_proportions_2indep, proportion_confint

CONFIDENCE = 0.95
# Decision 0021: below these, the page says "too small to tell" rather than an effect.
MIN_GROUP = 10  # people in each group (also the service's small-count threshold)
MIN_TAKEUPS = 10  # people who took the program up, both groups together


class Verdict(models.TextChoices):
    """What an estimate says, in words, defined once for pages, reports and the dashboard."""

    TOO_SMALL = "too_small", _("too small to tell")
    NO_DETECTABLE_EFFECT = "no_detectable_effect", _("no effect shown")
    POSITIVE = "positive", _("more people took it up")
    NEGATIVE = "negative", _("fewer people took it up")


def _pct(value: float) -> str:
    return f"{value * 100:.1f}%"


def _pp(value: float) -> str:
    return f"{value * 100:+.1f}"


def wilson(x, n, alpha: float = 1 - CONFIDENCE) -> tuple[float, float]:
    """The Wilson score interval of a take-up rate x/n."""
    low, high = proportion_confint(x, n, alpha=alpha, method="wilson")
    return max(0.0, float(low)), min(1.0, float(high))  # clipped: rounding can step past 0 or 1


def difference_interval(x1, n1, x2, n2, alpha: float = 1 - CONFIDENCE):
    """The Newcombe hybrid score interval of x1/n1 − x2/n2 (arrays are fine: one interval each)."""
    return confint_proportions_2indep(x1, n1, x2, n2, compare="diff", method="newcomb", alpha=alpha)


def ratio_interval(x1, n1, x2, n2, alpha: float = 1 - CONFIDENCE):
    """The log-adjusted interval of (x1/n1) / (x2/n2)."""
    return confint_proportions_2indep(x1, n1, x2, n2, compare="ratio", method="log-adjusted", alpha=alpha)


def verdict_of(low: float, high: float) -> str:
    if low > 0:
        return Verdict.POSITIVE
    if high < 0:
        return Verdict.NEGATIVE
    return Verdict.NO_DETECTABLE_EFFECT


def too_small(x_total: int, sizes: list[int]) -> bool:
    return min(sizes) < MIN_GROUP or x_total < MIN_TAKEUPS


@dataclass(frozen=True)
class Estimate:
    """Take-up among those notified (treated) and those not yet notified (control), and the difference.
    Rates and differences are fractions (0.082 is 8.2 percentage points); None where undefined."""

    x_treated: int
    n_treated: int
    x_control: int
    n_control: int
    rate_treated: float | None
    rate_treated_ci: tuple[float, float] | None
    rate_control: float | None
    rate_control_ci: tuple[float, float] | None
    difference: float | None
    difference_ci: tuple[float, float] | None
    ratio: float | None  # None when no one in the control group took it up
    ratio_ci: tuple[float, float] | None
    verdict: str

    @property
    def uplift(self) -> float | None:
        """Relative uplift: ratio − 1 (0.5 is 50% more take-up than without the notice)."""
        return None if self.ratio is None else self.ratio - 1

    @property
    def uplift_ci(self) -> tuple[float, float] | None:
        return None if self.ratio_ci is None else (self.ratio_ci[0] - 1, self.ratio_ci[1] - 1)

    @property
    def verdict_label(self) -> str:
        return str(Verdict(self.verdict).label)

    @property
    def sentence(self) -> str:
        """The result in plain words, for staff and the mayor."""
        if self.difference is None:
            return gettext("Too small to tell: a group has no one in it yet.")
        if self.verdict == Verdict.TOO_SMALL:
            if min(self.n_treated, self.n_control) < MIN_GROUP:
                why = gettext("a group has fewer than %(n)s people") % {"n": MIN_GROUP}
            else:
                why = gettext("fewer than %(n)s people took it up in both groups together") % {"n": MIN_TAKEUPS}
            return gettext("Too small to tell yet: %(why)s. Wait for more people or more days.") % {"why": why}
        low, high = self.difference_ci
        said = gettext(
            "%(treated)s of those notified took it up and %(control)s of those not yet notified: a difference of "
            "%(diff)s percentage points (95%% confidence interval %(low)s to %(high)s).") % {
            "treated": _pct(self.rate_treated), "control": _pct(self.rate_control), "diff": _pp(self.difference),
            "low": _pp(low), "high": _pp(high)}
        meaning = {
            Verdict.POSITIVE: gettext("The notice made more people take the program up."),
            Verdict.NEGATIVE: gettext("Fewer people took the program up after the notice than without it."),
            Verdict.NO_DETECTABLE_EFFECT: gettext("A difference this size could be chance: no effect is shown yet."),
        }[self.verdict]
        return f"{said} {meaning}"


def _pair(x1, n1, x2, n2, alpha: float):
    low, high = difference_interval(x1, n1, x2, n2, alpha)
    return float(x1 / n1 - x2 / n2), (max(-1.0, float(low)), min(1.0, float(high)))


def two_groups(x_treated: int, n_treated: int, x_control: int, n_control: int) -> Estimate:
    """The effect of a notice: take-up x of n in the notified (treated) and holdout (control) groups."""
    for name, x, n in (("treated", x_treated, n_treated), ("control", x_control, n_control)):
        if n < 0 or x < 0 or x > n:
            raise ValueError(f"{name}: need 0 <= took up <= group size, got {x} of {n}")
    if n_treated == 0 or n_control == 0:
        return Estimate(x_treated, n_treated, x_control, n_control, None, None, None, None, None, None, None, None,
                        Verdict.TOO_SMALL)
    alpha = 1 - CONFIDENCE
    difference, difference_ci = _pair(x_treated, n_treated, x_control, n_control, alpha)
    ratio = ratio_ci = None
    if x_control > 0:
        ratio = (x_treated / n_treated) / (x_control / n_control)
        low, high = ratio_interval(x_treated, n_treated, x_control, n_control, alpha)
        ratio_ci = (float(low), float(high))
    verdict = (Verdict.TOO_SMALL if too_small(x_treated + x_control, [n_treated, n_control])
               else verdict_of(*difference_ci))
    return Estimate(x_treated, n_treated, x_control, n_control,
                    x_treated / n_treated, wilson(x_treated, n_treated), x_control / n_control,
                    wilson(x_control, n_control), difference, difference_ci, ratio, ratio_ci, verdict)


@dataclass(frozen=True)
class Additional:
    """Additional people who took the program up because they were told: difference × notified."""

    point: float
    low: float
    high: float


def additional_people(estimate: Estimate, n_treated: int | None = None) -> Additional | None:
    """How many more of the `n_treated` notified people (default: the estimate's) took it up because of the
    notice, with its 95% interval. None when the estimate has no difference."""
    if estimate.difference is None:
        return None
    n = estimate.n_treated if n_treated is None else n_treated
    low, high = estimate.difference_ci
    return Additional(estimate.difference * n, low * n, high * n)


@dataclass(frozen=True)
class Variant:
    label: str
    took_up: int
    size: int
    rate: float | None
    rate_ci: tuple[float, float] | None


@dataclass(frozen=True)
class Pair:
    """Variant a against variant b: rate(a) − rate(b), with its Bonferroni-widened interval."""

    a: str
    b: str
    difference: float
    difference_ci: tuple[float, float]
    verdict: str  # positive: a is better; negative: b is better


@dataclass(frozen=True)
class VariantComparison:
    variants: list[Variant]
    pairs: list[Pair] = field(default_factory=list)
    best: str | None = None  # the variant better than every other, or None: cannot tell yet
    verdict: str = Verdict.TOO_SMALL  # positive: a best one is shown; no_detectable_effect; too_small
    confidence: float = CONFIDENCE  # each pair's interval is at 1 − (1 − confidence) / pairs

    @property
    def sentence(self) -> str:
        if self.verdict == Verdict.TOO_SMALL:
            return gettext("Too small to tell which wording works better yet: each wording needs at least %(n)s "
                           "people and %(t)s people taking it up in all.") % {"n": MIN_GROUP, "t": MIN_TAKEUPS}
        if self.best is None:
            return gettext("Cannot tell yet which wording works better: the differences could be chance.")
        return gettext("The wording “%(best)s” worked better than the others.") % {"best": self.best}


def compare_variants(variants: list[tuple[str, int, int]]) -> VariantComparison:
    """Compare two or three wordings [(label, took up, recipients), ...]: every pair's difference with a
    Bonferroni-widened interval (family-wise 95%), and the wording better than all others, if any."""
    if not 2 <= len(variants) <= 3:
        raise ValueError("compare two or three variants")
    if len({label for label, _x, _n in variants}) != len(variants):
        raise ValueError("variant labels must differ")
    for label, x, n in variants:
        if n < 0 or x < 0 or x > n:
            raise ValueError(f"{label}: need 0 <= took up <= recipients, got {x} of {n}")
    shown = [Variant(label, x, n, x / n if n else None, wilson(x, n) if n else None) for label, x, n in variants]
    if too_small(sum(x for _l, x, _n in variants), [n for _l, _x, n in variants]):
        return VariantComparison(shown)
    pairs_of = [(i, j) for i in range(len(variants)) for j in range(i + 1, len(variants))]
    alpha = (1 - CONFIDENCE) / len(pairs_of)
    pairs, wins = [], np.zeros(len(variants), dtype=int)
    for i, j in pairs_of:
        (a, xa, na), (b, xb, nb) = variants[i], variants[j]
        difference, ci = _pair(xa, na, xb, nb, alpha)
        verdict = verdict_of(*ci)
        wins[i] += verdict == Verdict.POSITIVE
        wins[j] += verdict == Verdict.NEGATIVE
        pairs.append(Pair(a, b, difference, ci, verdict))
    best = [variants[k][0] for k in range(len(variants)) if wins[k] == len(variants) - 1]
    if best:
        return VariantComparison(shown, pairs, best[0], Verdict.POSITIVE)
    return VariantComparison(shown, pairs, None, Verdict.NO_DETECTABLE_EFFECT)
