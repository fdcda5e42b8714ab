"""The service-wide effect for the dashboard: the notices whose effect was measured (a holdout large
enough to tell), and how many more people took programs up because they were told, with an interval.

Each notice's additional people is its difference × its notified group with the difference's 95%
interval (foryou.outcomes.estimate.additional_people). Summed over notices, which reach separate groups
and are measured independently, the total's interval is the normal approximation: each notice's
standard error read from its interval's width (÷ 2 × 1.96), combined as the root of the sum of squares."""

import math
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
    rows: list[Row] = field(default_factory=list)  # measured, newest first
    waiting: int = 0  # notices with an experiment not yet large enough, or with no data yet
    total: float = 0.0
    total_low: float = 0.0
    total_high: float = 0.0

    @property
    def measured(self) -> int:
        return len(self.rows)


def service_summary(notices=None) -> Summary:
    from foryou.notices.models import Notice
    from foryou.outcomes.estimate import Verdict

    if notices is None:
        ids = Experiment.objects.values_list("notice_id", flat=True).distinct()
        notices = Notice.objects.filter(pk__in=ids).prefetch_related("versions")
    names = results._ward_names()
    summary, variance = Summary(), 0.0
    for notice in notices:
        effect = results.measure(notice, with_cells=False, ward_names=names)
        estimate = effect.estimate
        if (estimate is None or effect.additional is None or estimate.verdict == Verdict.TOO_SMALL
                or effect.withheld):
            summary.waiting += 1
            continue
        title = notice.latest.title
        summary.rows.append(Row(notice, title, estimate.difference, estimate.difference_ci, estimate.verdict,
                                effect.additional))
        add = effect.additional
        summary.total += add.point
        variance += ((add.high - add.low) / (2 * Z95)) ** 2
    spread = Z95 * math.sqrt(variance)
    summary.total_low, summary.total_high = summary.total - spread, summary.total + spread
    summary.rows.sort(key=lambda r: r.notice.created_at, reverse=True)
    return summary
