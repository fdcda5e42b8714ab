"""The service-wide effect for the dashboard: the notices whose effect was measured (a holdout large
enough to tell), and how many more people took programs up because they were told, with an interval.

Each notice's additional people is its difference × its notified group with the difference's 95%
interval (foryou.outcomes.estimate.additional_people). Every notice whose groups are large enough is
summed, whatever its take-up (choosing by take-up would bias the total upwards); only those with a
verdict and no small counts are listed one by one. Summed over notices, which reach separate groups
and are measured independently, the total's interval is the normal approximation: each notice's
standard error read from its interval's width (÷ 2 × 1.96), combined as the root of the sum of squares."""

import math
from collections import defaultdict
from dataclasses import dataclass, field

from foryou.effect import results
from foryou.effect.models import Experiment

Z95 = 1.959964


@dataclass
class Row:
    notice: object
    title: str
    difference: float
    difference_ci: tuple[float, float]
    verdict: str
    additional: object


@dataclass
class Summary:
    rows: list[Row] = field(default_factory=list)  # shown one by one (a verdict, no small counts), newest first
    measured: int = 0  # notices in the total: both groups large enough, whatever their take-up
    waiting: int = 0  # notices with a holdout whose groups are still too small, or with no data yet
    total: float = 0.0
    total_low: float = 0.0
    total_high: float = 0.0


def service_summary(notices=None) -> Summary:
    from foryou.notices.models import Notice
    from foryou.outcomes.estimate import MIN_GROUP, Verdict

    from foryou.console import suppression

    experiments = defaultdict(list)
    for experiment in Experiment.objects.select_related("order", "version").order_by("started_at"):
        experiments[experiment.notice_id].append(experiment)
    if notices is None:
        notices = Notice.objects.filter(pk__in=list(experiments))
    summary, variance, cache = Summary(), 0.0, {}
    for notice in notices:
        effect = results.measure(notice, with_cells=False, with_funnel=False, experiments=experiments[notice.pk],
                                 cache=cache)
        estimate = effect.estimate
        # Which notices count is decided by the groups' sizes only, never by their take-up: leaving out the
        # notices where few took it up would make the total look larger than it is.
        if (estimate is None or effect.additional is None
                or min(estimate.n_treated, estimate.n_control) < max(MIN_GROUP, suppression.threshold())):
            summary.waiting += 1
            continue
        summary.measured += 1
        if estimate.verdict != Verdict.TOO_SMALL and not effect.withheld:
            summary.rows.append(Row(notice, effect.experiments[-1].version.title, estimate.difference,
                                    estimate.difference_ci, estimate.verdict, effect.additional))
        add = effect.additional
        summary.total += add.point
        variance += ((add.high - add.low) / (2 * Z95)) ** 2
    spread = Z95 * math.sqrt(variance)
    summary.total_low, summary.total_high = summary.total - spread, summary.total + spread
    summary.rows.sort(key=lambda r: r.notice.created_at, reverse=True)
    return summary
