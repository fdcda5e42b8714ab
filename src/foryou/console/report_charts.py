"""The report's charts, drawn on the server like the dashboard's (foryou.console.charts, whose frame,
ticks and SVG wrapper they reuse): sends per month, and horizontal bars for categories (programs,
wards, age bands). A figure hidden by small-cell suppression gets no bar, only its text (「10人未満」)."""

from datetime import date

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from foryou.console import charts
from foryou.console.suppression import Shown

ROW = 30
LABEL_CHARS = 11


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[:LABEL_CHARS - 1] + "…"


def horizontal_bars(labels: list[str], shown: list[Shown], *, key: str, title: str, desc: str, column: str,
                    percent: bool = False) -> charts.Chart:
    """One bar per label, its figure (as shown: suppressed or not) at the bar's end."""
    columns = [_("Item"), column]
    rows = [[label, s.text] for label, s in zip(labels, shown)]
    values = [(100 * s.value if percent else s.value) if not s.hidden else None for s in shown]
    if not labels or not any(values):
        return charts.Chart(title, desc, SafeString(""), [(key, column)], columns, rows, empty=True)
    frame = charts.Frame(width=480, height=14 + ROW * len(labels) + 30, left=150, right=64, top=14, bottom=30)
    ticks = charts.nice_ticks(max(v for v in values if v is not None))
    top = ticks[-1]

    def x_of(value: float) -> float:
        return frame.left + frame.plot_w * value / top

    grid = charts._fmt_join(
        "", '<line class="grid" x1="{}" x2="{}" y1="{}" y2="{}"/><text class="tick" x="{}" y="{}" '
            'text-anchor="middle">{}</text>',
        ((x_of(t), x_of(t), frame.top, frame.height - frame.bottom, x_of(t), frame.height - 8,
          f"{charts._num(t)}%" if percent else charts._num(t)) for t in ticks))

    def y_of(i: int) -> float:
        return frame.top + ROW * i

    names = charts._fmt_join(
        "", '<text class="tick" x="{}" y="{}" text-anchor="end" dominant-baseline="middle">{}<title>{}</title></text>',
        ((frame.left - 8, y_of(i) + ROW / 2, _short(label), label) for i, label in enumerate(labels)))
    bars = charts._fmt_join(
        "", '<rect class="bar s-{}" x="{}" y="{}" width="{}" height="{}" rx="2"><title>{}: {}</title></rect>',
        ((key, frame.left, y_of(i) + 5, max(1.0, x_of(v) - frame.left), ROW - 10, labels[i], shown[i].text)
         for i, v in enumerate(values) if v))
    figures = charts._fmt_join(
        "", '<text class="value" x="{}" y="{}" dominant-baseline="middle">{}</text>',
        ((x_of(v or 0) + 6, y_of(i) + ROW / 2, shown[i].text) for i, v in enumerate(values)))
    axis = charts._fmt('<line class="axis" x1="{}" x2="{}" y1="{}" y2="{}"/>', frame.left, frame.left, frame.top,
                       frame.height - frame.bottom)
    body = charts._fmt("{}{}{}{}{}", grid, axis, names, bars, figures)
    svg = charts._svg(frame.width, frame.height, title, desc, body, "hbar-chart")
    return charts.Chart(title, desc, svg, [(key, column)], columns, rows)


def sends_per_month(first: date, last: date, counts: dict[str, int]) -> charts.Chart:
    """Sends started in each month of the period (a count of sends, not of people: not suppressed)."""
    months = charts.months_between(charts.month_of(first), charts.month_of(last))
    return charts.bars(months, [counts.get(m, 0) for m in months], key="sends", label=_("Notices sent"),
                       title=_("Notices sent per month"), unit=_("notices"),
                       desc=_("Sends started in each month of the period."))
