"""The figures of the report for the mayor and the assembly (実施状況報告), for a period:

- per program (a notice's program_code; broadcasts as a row of their own): notices sent, sends,
  recipients, people reached (LINE accepted or email sent; a LINE failure that fell back to email
  counts once), delivery rate (reached / recipients) and click rate (link clicks / people reached, over
  sends that counted clicks);
- registrants against the population, by ward (区) and by age band (foryou.console.population).

Send figures come from each send order's progress as the gateway reports it (foryou.notices.stats
.order_stats, as the dashboard reads it). People reached are counted per send and summed: the gateway
reports counts, not who, so someone reached by two sends of a program is counted twice (延べ人数).
Every count of people is passed through foryou.console.suppression before anyone sees it."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils.translation import gettext as _

from foryou.console import suppression
from foryou.console.population import UNKNOWN_AGE, Coverage, coverage
from foryou.notices.stats import TOKYO, active_registrant_ids, order_stats, orders_between, send_key
from foryou.programs import catalog
from foryou.residents.store import NoSnapshot
from foryou.shared.jp.dates import fiscal_year

THIS_FISCAL_YEAR, LAST_FISCAL_YEAR, LAST_MONTH, CUSTOM = "this_fy", "last_fy", "last_month", "custom"
BROADCAST = ""  # a broadcast notice has no program


@dataclass(frozen=True)
class Period:
    first: date
    last: date
    preset: str = CUSTOM

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1


def preset_period(preset: str, today: date) -> Period:
    """今年度 (1 April to today), 前年度 (the whole previous fiscal year) or 先月 (last calendar month)."""
    if preset == LAST_FISCAL_YEAR:
        year = fiscal_year(today) - 1
        return Period(date(year, 4, 1), date(year + 1, 3, 31), LAST_FISCAL_YEAR)
    if preset == LAST_MONTH:
        last = today.replace(day=1) - timedelta(days=1)
        return Period(last.replace(day=1), last, LAST_MONTH)
    return Period(date(fiscal_year(today), 4, 1), today, THIS_FISCAL_YEAR)


def preset_labels() -> list[tuple[str, str]]:
    return [(THIS_FISCAL_YEAR, _("This fiscal year")), (LAST_FISCAL_YEAR, _("Last fiscal year")),
            (LAST_MONTH, _("Last month"))]


@dataclass
class ProgramRow:
    code: str
    name: str
    notices: set = field(default_factory=set)
    sends: int = 0
    recipients: int = 0
    reached: int = 0
    waiting: int = 0
    tracked_sends: int = 0
    tracked_reached: int = 0
    clicks: int = 0
    starts: set = field(default_factory=set)  # foryou.notices.stats.send_key of each send counted

    def add(self, stats, tracked: bool, key=None) -> None:
        """key: the send the order belongs to (a wording's or a language's order is part of one send)."""
        self.notices.add(stats.notice)
        new = key is None or key not in self.starts
        self.starts.add(key if key is not None else stats.order)
        self.sends += new
        self.recipients += stats.recipients
        self.reached += stats.reached
        self.waiting += stats.waiting
        if tracked:
            self.tracked_sends += new
            self.tracked_reached += stats.reached
            self.clicks += stats.clicks

    def shown(self, hide: set[str] = frozenset()) -> dict:
        """What a page or a file may show of this row: counts of people suppressed, and the columns in
        `hide` hidden as well (secondary suppression), with the rates computed from them."""
        people, rate = suppression.people, suppression.rate
        return {
            "code": self.code, "name": self.name, "notices": len(self.notices), "sends": self.sends,
            "recipients": people(self.recipients, hide="recipients" in hide),
            "reached": people(self.reached, hide="reached" in hide),
            "delivery_rate": rate(self.reached, self.recipients, hide=bool(hide & {"recipients", "reached"})),
            "clicks": people(self.clicks, hide="clicks" in hide) if self.tracked_sends else None,
            "click_rate": (rate(self.clicks, self.tracked_reached, hide=bool(hide & {"clicks", "reached"}))
                           if self.tracked_sends else None),
            "waiting": self.waiting,
        }


def shown_programs(rows: list[ProgramRow]) -> list[dict]:
    """The rows as they may be shown above their total: no hidden cell can be worked out from it."""
    hide = [set() for _row in rows]
    for column in ("recipients", "reached"):
        for i in suppression.hidden_cells([getattr(r, column) for r in rows]):
            hide[i].add(column)
    tracked = [i for i, r in enumerate(rows) if r.tracked_sends]
    for j in suppression.hidden_cells([rows[i].clicks for i in tracked]):
        hide[tracked[j]].add("clicks")
    return [row.shown(hidden) for row, hidden in zip(rows, hide)]


def program_names() -> dict[str, str]:
    try:
        return {p.code: p.name for p in catalog.file_programs()}
    except Exception:  # a broken programs folder must not hide the report; codes are shown instead
        return {}


def program_rows(period: Period, departments: set[str] | None) -> tuple[list[ProgramRow], ProgramRow, dict]:
    """One row per program with sends in the period (most people reached first, broadcasts last), the
    total, and sends per month ('YYYY-MM' → n). departments: whose notices (None: every department)."""
    names = program_names()
    rows: dict[str, ProgramRow] = {}
    total = ProgramRow("", _("Total"))
    months: dict[str, int] = {}
    counted = set()
    for order in orders_between(period.first, period.last, departments):
        month = (order.started_at or order.scheduled_for).astimezone(TOKYO).strftime("%Y-%m")
        key = send_key(order)
        months[month] = months.get(month, 0) + (key not in counted)
        counted.add(key)
        code = order.notice.program_code or BROADCAST
        if code not in rows:
            name = _("Broadcasts to every registrant") if code == BROADCAST else names.get(code, code)
            rows[code] = ProgramRow(code, name)
        stats = order_stats(order)
        rows[code].add(stats, order.tracked, key)
        total.add(stats, order.tracked, key)
    ordered = sorted(rows.values(), key=lambda r: (r.code == BROADCAST, -r.reached, r.name))
    return ordered, total, months


def coverage_rows(cells) -> list[dict]:
    """(label, Cell) rows as they may be shown above their total (secondary suppression included)."""
    population = suppression.hidden_cells([c.population for _label, c in cells])
    registrants = suppression.hidden_cells([c.registrants for _label, c in cells])
    return [{"label": label, "population": suppression.people(c.population, hide=i in population),
             "registrants": suppression.people(c.registrants, hide=i in registrants),
             "rate": suppression.rate(c.registrants, c.population, hide=i in population | registrants)}
            for i, (label, c) in enumerate(cells)]


def band_label(key: str) -> str:
    if key == UNKNOWN_AGE:
        return _("Birth date unknown")
    if key.endswith("+"):
        return _("%(age)s and over") % {"age": key[:-1]}
    youngest, oldest = key.split("-")
    return _("%(youngest)s to %(oldest)s") % {"youngest": youngest, "oldest": oldest}


@dataclass
class Report:
    period: Period
    scope: set[str] | None  # departments (None: the whole service)
    programs: list[dict]
    total: dict
    coverage: Coverage | None
    wards: list[dict]
    bands: list[dict]
    coverage_total: dict | None
    months: dict[str, int]  # sends per month

    @property
    def registrants_not_found(self):
        """Active registrants who are no current resident of the snapshot (shown suppressed), or None."""
        n = self.coverage.registrants_not_found if self.coverage else 0
        return suppression.people(n) if n else None


def build(period: Period, departments: set[str] | None) -> Report:
    rows, total, months = program_rows(period, departments)
    try:
        cov = coverage(active_registrant_ids())
    except NoSnapshot:
        cov = None
    wards = coverage_rows(cov.by_ward()) if cov else []
    bands = coverage_rows([(band_label(k), c) for k, c in cov.by_band()]) if cov else []
    cov_total = coverage_rows([(_("Total"), cov.total())])[0] if cov else None
    return Report(period, departments, shown_programs(rows), total.shown(), cov, wards, bands, cov_total, months)
