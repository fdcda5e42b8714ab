"""A notice's measured effect: its experiments pooled (a trigger program's daily runs, or a notice sent
again, each start an experiment; day 0 is each one's notice day), take-up in the notified and holdout
groups over days since the notice, the difference and the relative uplift with their 95% intervals
(foryou.outcomes.estimate), the same by ward, age band and channel (small cells suppressed), the reach
funnel, and for wording variants their comparison.

Each experiment counts up to the end of its window or to the day outcome data is known through,
whichever is first; the pooled curve at day d sums the experiments observed that far."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from foryou.console import suppression
from foryou.effect.models import HOLDOUT, Experiment
from foryou.effect.strata import STRATA, UNKNOWN, parts
from foryou.notices.models import SendOrder
from foryou.notices.sending import TOKYO
from foryou.notices.stats import order_stats

STALE_AFTER_DAYS = 14  # outcome data older than this: "imports have stopped since …"
TOLD = "told"  # every wording pooled: those notified


@dataclass
class Cell:
    """One subgroup's estimate as it may be shown (None: suppressed, a count in it is too small)."""

    dimension: str
    key: str
    label: str
    n_told: suppression.Shown
    n_holdout: suppression.Shown
    estimate: object | None


@dataclass
class Funnel:
    sent: int = 0
    delivered: int = 0
    clicked: int | None = None  # None: no send counted clicks
    took_up: int = 0
    by_wording: dict = field(default_factory=dict)  # wording label → Funnel (its own orders)

    def add(self, s, tracked: bool) -> None:
        self.sent += s.recipients
        self.delivered += s.reached
        if tracked:
            self.clicked = (self.clicked or 0) + s.clicks


@dataclass
class NoticeEffect:
    notice: object
    program: object | None
    outcome: object | None
    experiments: list = field(default_factory=list)
    holdout_percent: int = 0
    window_days: int = 30
    window_ends: object = None  # the latest experiment's window end (datetime)
    data_through: date | None = None
    stale: bool = False
    curves: dict = field(default_factory=dict)  # arm → [rate on day 0..D] (fractions)
    sizes: dict = field(default_factory=dict)  # arm → people assigned
    took_up: dict = field(default_factory=dict)  # arm → people who took it up (observed)
    estimate: object | None = None  # told vs holdout
    additional: object | None = None
    cells: list[Cell] = field(default_factory=list)
    variants: object | None = None  # VariantComparison
    wording_titles: dict = field(default_factory=dict)
    funnel: Funnel = field(default_factory=Funnel)
    simulated: bool = False

    @property
    def measured(self) -> bool:
        return self.estimate is not None and self.estimate.difference is not None

    @property
    def withheld(self) -> bool:
        """A group's size or take-up is a small count: the rates, the difference and the chart would give it
        away, so they are not shown (console/suppression), only that the result waits for more people."""
        e = self.estimate
        return e is not None and any(suppression.is_small(v) for v in (e.x_treated, e.n_treated, e.x_control,
                                                                       e.n_control))

    @property
    def chart_withheld(self) -> bool:
        """The chart draws every group's rate day by day: not shown while any group's size or take-up is a
        small count (a wording's too, when wordings are compared without a holdout)."""
        return self.withheld or any(suppression.is_small(self.sizes[a]) or suppression.is_small(self.took_up[a])
                                    for a in self.sizes)

    @property
    def window_open(self) -> bool:
        return self.window_ends is not None and timezone.now() < self.window_ends

    @property
    def days_observed(self) -> int:
        return max((len(c) - 1 for c in self.curves.values()), default=0)


def today() -> date:
    return timezone.now().astimezone(TOKYO).date()


def _observed_days(experiment: Experiment, through: date | None) -> int:
    """Days after the notice day with take-up data: -1 when none yet."""
    if through is None:
        return -1
    return min(experiment.window_days, (through - experiment.started_on).days)


def _program_facts(code: str, cache: dict) -> tuple:
    """(program, outcome, data through) of a program code, looked up once per `cache` (the dashboard
    measures many notices of the same few programs)."""
    from foryou.outcomes.definitions import outcome_of
    from foryou.outcomes.takeup import data_through
    from foryou.programs.catalog import UnknownProgram, get_program
    from foryou.programs.definition import ProgramError

    if code not in cache:
        try:
            program = get_program(code) if code else None
        except (UnknownProgram, ProgramError):  # gone or broken: the programs page says which
            program = None
        outcome = outcome_of(program) if program is not None else None
        cache[code] = (program, outcome, data_through(program) if outcome is not None else None)
    return cache[code]


def measure(notice, *, with_cells: bool = True, with_funnel: bool = True, ward_names: dict | None = None,
            experiments: list | None = None, cache: dict | None = None) -> NoticeEffect:
    """The effect of one notice. The dashboard passes its experiments (fetched for every notice at once)
    and a cache of program facts, and needs neither cells nor funnel."""
    from foryou.outcomes import estimate as est
    from foryou.outcomes.takeup import cumulative

    program, outcome, through = _program_facts(notice.program_code, {} if cache is None else cache)
    if experiments is None:
        experiments = list(Experiment.objects.of_notice(notice).select_related("order", "version"))
    result = NoticeEffect(notice, program, outcome, experiments)
    if not experiments:
        return result
    last = experiments[-1]
    result.holdout_percent, result.window_days, result.window_ends = last.holdout_percent, last.window_days, last.window_ends_at
    result.wording_titles = {label: title for label, title, _b in last.version.wordings()}
    if with_funnel:
        result.funnel = funnel(experiments)
    if outcome is None:
        return result
    result.data_through = through
    result.stale = through is not None and (today() - through).days > STALE_AFTER_DAYS
    arms = sorted({a for e in experiments for a in e.arms})
    day_x = defaultdict(lambda: defaultdict(int))  # arm → day → took up (pooled)
    day_n = defaultdict(lambda: defaultdict(int))  # arm → day → people observed that far
    final = defaultdict(lambda: [0, 0])  # (arm, stratum) → [took up, people]
    for experiment in experiments:
        days = _observed_days(experiment, through)
        groups = defaultdict(list)
        for rid, arm, stratum in experiment.assignments.values_list("resident_id", "arm", "stratum"):
            groups[(arm, stratum)].append(rid)
        keys = list(groups)
        if days < 0:
            for key in keys:
                final[key][1] += len(groups[key])
            continue
        counts = cumulative(notice.program_code, {f"{a}\x1f{s}": groups[(a, s)] for a, s in keys},
                            experiment.started_on, days)
        for a, s in keys:
            series = counts[f"{a}\x1f{s}"]
            final[(a, s)][0] += series[-1]
            final[(a, s)][1] += len(groups[(a, s)])
            for d, x in enumerate(series):
                day_x[a][d] += x
                day_n[a][d] += len(groups[(a, s)])
    for arm in arms:
        result.sizes[arm] = sum(n for (a, _s), (_x, n) in final.items() if a == arm)
        result.took_up[arm] = sum(x for (a, _s), (x, _n) in final.items() if a == arm)
        days = sorted(day_n[arm])
        if days:  # nothing observed since the notice yet: no curve
            result.curves[arm] = [day_x[arm][d] / day_n[arm][d] if day_n[arm][d] else 0.0 for d in days]
    wordings = [a for a in arms if a != HOLDOUT]
    told_x = sum(result.took_up[a] for a in wordings)
    told_n = sum(result.sizes[a] for a in wordings)
    result.funnel.took_up = told_x
    if HOLDOUT in arms:
        result.estimate = est.two_groups(told_x, told_n, result.took_up[HOLDOUT], result.sizes[HOLDOUT])
        result.additional = est.additional_people(result.estimate)
        if with_cells:
            result.cells = cells(final, ward_names if ward_names is not None else _ward_names())
    if len(wordings) >= 2:
        result.variants = est.compare_variants([(a, result.took_up[a], result.sizes[a]) for a in wordings])
    return result


def funnel(experiments) -> Funnel:
    """Sent → delivered → clicked among the notified (each wording's order; the delayed send left out)."""
    out = Funnel()
    for experiment in experiments:
        orders = SendOrder.objects.filter(notice_id=experiment.notice_id, started_at=experiment.order.started_at).exclude(
            kind__in=[SendOrder.Kind.HOLDOUT, SendOrder.Kind.TEST]).select_related("version")
        for order in orders:
            s = order_stats(order)
            out.add(s, order.tracked)
            out.by_wording.setdefault(order.variant or "A", Funnel()).add(s, order.tracked)
    return out


def cells(final: dict, ward_names: dict) -> list[Cell]:
    """Told against holdout in each ward, age band and channel; a cell with a small count is suppressed."""
    from foryou.outcomes import estimate as est

    sums = defaultdict(lambda: [0, 0, 0, 0])  # (dimension, key) → [x told, n told, x holdout, n holdout]
    for (arm, stratum), (x, n) in final.items():
        for dimension, key in parts(stratum).items():
            row = sums[(dimension, key)]
            if arm == HOLDOUT:
                row[2] += x
                row[3] += n
            else:
                row[0] += x
                row[1] += n
    out = []
    for dimension in STRATA:
        for (dim, key), (xt, nt, xc, nc) in sorted(sums.items()):
            if dim != dimension:
                continue
            small = any(suppression.is_small(v) for v in (xt, nt, xc, nc))
            out.append(Cell(dimension, key, label_of(dimension, key, ward_names), suppression.people(nt),
                            suppression.people(nc), None if small else est.two_groups(xt, nt, xc, nc)))
    return out


def label_of(dimension: str, key: str, ward_names: dict) -> str:
    if key == UNKNOWN:
        return _("unknown")
    if dimension == "ward":
        return ward_names.get(key, key)
    if dimension == "channel":
        return {"line": _("LINE"), "email": _("Email")}.get(key, key)
    return _("%(band)s years") % {"band": key} if key[0].isdigit() else key


def _ward_names() -> dict:
    from foryou.residents import store

    try:
        with store.connect() as con:
            return dict(con.execute("SELECT ward_code, any_value(ward_name) FROM persons GROUP BY 1").fetchall())
    except store.NoSnapshot:
        return {}


def window_text(effect: NoticeEffect) -> str:
    from foryou.shared.jp.dates import wareki

    if effect.window_ends is None:
        return ""
    day = effect.window_ends.astimezone(TOKYO).date()
    if effect.window_open:
        return _("The measurement window is open until %(day)s.") % {"day": wareki(day)}
    return _("The measurement window closed on %(day)s.") % {"day": wareki(day)}


def data_text(effect: NoticeEffect) -> str:
    from foryou.shared.jp.dates import wareki

    if effect.outcome is None:
        return ""
    if effect.data_through is None or effect.data_through < min(e.started_on for e in effect.experiments):
        return _("No take-up data has been imported since the notice yet.")
    text = _("Take-up data through %(day)s.") % {"day": wareki(effect.data_through)}
    if effect.stale:
        text += " " + _("Imports have stopped since %(day)s: the results stay as they are until the next "
                        "import arrives.") % {"day": wareki(effect.data_through)}
    return text
