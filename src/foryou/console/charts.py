"""Charts for the staff console, drawn on the server as inline SVG: no JavaScript and no inline
style (the console's Content-Security-Policy allows neither). Colours come from classes in
console/dashboard.css, sizes from SVG attributes.

Each chart is an <svg role="img"> named by its <title> and <desc>; the template shows a legend in
HTML beside it and a visually hidden table with the same figures (console/dashboard/_chart.html),
so a screen reader gets every number the picture shows."""

import itertools
import math
from dataclasses import dataclass
from datetime import date

from django.utils.dates import MONTHS_AP
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

_ids = itertools.count(1)


def _plain(value):
    """Numbers written for SVG attributes (format_html escapes its arguments, so no format codes)."""
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".")
    return value


def _fmt(template: str, *args) -> SafeString:
    return format_html(template, *(_plain(a) for a in args))


def _fmt_join(sep: str, template: str, rows) -> SafeString:
    return format_html_join(sep, template, ([_plain(a) for a in row] for row in rows))


@dataclass
class Series:
    key: str  # CSS class suffix: .s-line, .s-email …
    label: str
    values: list[float]


@dataclass
class Chart:
    title: str
    desc: str
    svg: SafeString
    legend: list[tuple[str, str]]  # (css key, label)
    columns: list[str]  # the data table's column headers (first is the row label)
    rows: list[list[str]]
    empty: bool = False


def month_label(month: str, *, with_year: bool = True) -> str:
    """'2025-04' → '2025年4月' (or '4月'); month names from Django's own catalog."""
    year, number = int(month[:4]), int(month[5:7])
    name = str(MONTHS_AP[number])
    return _("%(month)s %(year)s") % {"year": year, "month": name} if with_year else name


def months_between(first: str, last: str) -> list[str]:
    """Every 'YYYY-MM' from first to last, both included."""
    year, month = int(first[:4]), int(first[5:7])
    out = []
    while f"{year:04d}-{month:02d}" <= last:
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def month_of(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def nice_ticks(maximum: float, count: int = 4) -> list[float]:
    """0 and round steps (1, 2, 2.5 or 5 × 10^k; whole numbers) reaching `maximum` in at most count + 1 steps."""
    if maximum <= 0:
        return [0, 1]
    power = 10 ** math.floor(math.log10(maximum / count))
    step = next(s for s in (m * power for m in (1, 2, 2.5, 5, 10, 20, 25, 50))
                if s >= 1 and math.ceil(maximum / s) <= count + 1)
    steps = math.ceil(maximum / step)
    return [int(i * step) if float(i * step).is_integer() else i * step for i in range(steps + 1)]


def _num(value: float) -> str:
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,.1f}"


def _label_indices(months: list[str], most: int = 8) -> tuple[list[int], int]:
    """Which months get an axis label: every 1, 2, 3, 6 or 12 months, aligned to the calendar."""
    step = next((s for s in (1, 2, 3, 6, 12) if len(months) / s <= most), 12 * math.ceil(len(months) / (12 * most)))
    return [i for i, m in enumerate(months) if (int(m[5:7]) - 1) % min(step, 12) == 0
            and (step <= 12 or (int(m[:4]) % (step // 12) == 0))], step


def _axis_text(months: list[str], index: int, step: int, first: bool) -> str:
    month = months[index]
    if step >= 12:
        return _("year %(year)s") % {"year": int(month[:4])}
    return month_label(month, with_year=first or month.endswith("-01"))


@dataclass(frozen=True)
class Frame:
    width: int = 640
    height: int = 260
    left: int = 58
    right: int = 16
    top: int = 14
    bottom: int = 34

    @property
    def plot_w(self) -> int:
        return self.width - self.left - self.right

    @property
    def plot_h(self) -> int:
        return self.height - self.top - self.bottom

    def y(self, value: float, top_value: float) -> float:
        return self.top + self.plot_h * (1 - value / top_value)


def _svg(width: int, height: int, title: str, desc: str, body: SafeString, css: str) -> SafeString:
    n = next(_ids)
    return _fmt('<svg class="chart-svg {}" viewBox="0 0 {} {}" role="img" aria-labelledby="chart{}-t chart{}-d" '
                'focusable="false"><title id="chart{}-t">{}</title><desc id="chart{}-d">{}</desc>{}</svg>',
                css, width, height, n, n, n, title, n, desc, body)


def _grid(frame: Frame, ticks: list[float]) -> SafeString:
    """Horizontal grid lines with their figures on the left, and the baseline."""
    top = ticks[-1]
    lines = _fmt_join("", '<line class="grid" x1="{}" x2="{}" y1="{}" y2="{}"/><text class="tick" x="{}" y="{}" '
                          'text-anchor="end" dominant-baseline="middle">{}</text>',
                      ((frame.left, frame.width - frame.right, frame.y(t, top), frame.y(t, top), frame.left - 8,
                        frame.y(t, top), _num(t)) for t in ticks))
    return _fmt('{}<line class="axis" x1="{}" x2="{}" y1="{}" y2="{}"/>', lines, frame.left,
                frame.width - frame.right, frame.y(0, top), frame.y(0, top))


def _x_labels(frame: Frame, months: list[str], x_of) -> SafeString:
    indices, step = _label_indices(months)
    return _fmt_join("", '<text class="tick" x="{}" y="{}" text-anchor="middle">{}</text>',
                     ((x_of(i), frame.height - 10, _axis_text(months, i, step, n == 0)) for n, i in enumerate(indices)))


def _points(edge: list[tuple[float, float]]) -> str:
    return " ".join(f"{x:.1f},{y:.1f}" for x, y in edge)


def stacked_area(months: list[str], series: list[Series], *, title: str, desc: str, unit: str) -> Chart:
    """Stacked areas over months (registrants by channel): the top edge is the total."""
    frame = Frame()
    legend = [(s.key, s.label) for s in series]
    columns = [_("Month")] + [s.label for s in series] + [_("Total")]
    totals = [sum(s.values[i] for s in series) for i in range(len(months))]
    rows = [[month_label(m)] + [_num(s.values[i]) for s in series] + [_num(totals[i])] for i, m in enumerate(months)]
    if not months or not any(totals):
        return Chart(title, desc, SafeString(""), legend, columns, rows, empty=True)
    ticks = nice_ticks(max(totals))
    top, n = ticks[-1], len(months)

    def x_of(i):
        return frame.left + (frame.plot_w * i / (n - 1) if n > 1 else frame.plot_w / 2)

    parts, base = [], [0.0] * n
    for s in series:
        upper = [base[i] + s.values[i] for i in range(n)]
        edge = [(x_of(i), frame.y(upper[i], top)) for i in range(n)]
        floor = [(x_of(i), frame.y(base[i], top)) for i in reversed(range(n))]
        if n == 1:  # a single month: a narrow column instead of a line
            edge = [(edge[0][0] - 6, edge[0][1]), (edge[0][0] + 6, edge[0][1])]
            floor = [(floor[0][0] + 6, floor[0][1]), (floor[0][0] - 6, floor[0][1])]
        tips = _fmt_join("", '<circle class="point s-{}" cx="{}" cy="{}" r="3"><title>{}: {} {}{}</title></circle>',
                         ((s.key, x, y, month_label(months[i]), s.label, _num(s.values[i]), unit)
                          for i, (x, y) in enumerate(edge[:n])) if n <= 36 else ())
        parts.append(_fmt('<polygon class="area s-{}" points="{}"/>'
                          '<polyline class="edge s-{}" points="{}" fill="none"/>{}',
                          s.key, _points(edge + floor), s.key, _points(edge), tips))
        base = upper
    body = _fmt("{}{}{}", _grid(frame, ticks), mark_safe("".join(parts)), _x_labels(frame, months, x_of))
    return Chart(title, desc, _svg(frame.width, frame.height, title, desc, body, "area-chart"), legend, columns, rows)


def bars(months: list[str], values: list[float], *, key: str, label: str, title: str, desc: str, unit: str,
         extra_columns: list[tuple[str, list[str]]] = ()) -> Chart:
    """One bar per month, its figure written above it."""
    frame = Frame()
    columns = [_("Month"), label] + [name for name, _values in extra_columns]
    rows = [[month_label(m), _num(values[i])] + [vals[i] for _name, vals in extra_columns]
            for i, m in enumerate(months)]
    if not months or not any(values):
        return Chart(title, desc, SafeString(""), [(key, label)], columns, rows, empty=True)
    ticks = nice_ticks(max(values) * 1.08)  # room above the tallest bar for its figure
    top, slot = ticks[-1], frame.plot_w / len(months)
    width = min(slot * 0.62, 38)

    def x_of(i):
        return frame.left + slot * (i + 0.5)

    shapes = _fmt_join("", '<rect class="bar s-{}" x="{}" y="{}" width="{}" height="{}" rx="2"><title>{}: {} {}</title>'
                           '</rect><text class="value" x="{}" y="{}" text-anchor="middle">{}</text>',
                       ((key, x_of(i) - width / 2, frame.y(v, top), width, frame.y(0, top) - frame.y(v, top),
                         month_label(months[i]), _num(v), unit, x_of(i), frame.y(v, top) - 5, _num(v))
                        for i, v in enumerate(values) if v))
    body = _fmt("{}{}{}", _grid(frame, ticks), shapes, _x_labels(frame, months, x_of))
    return Chart(title, desc, _svg(frame.width, frame.height, title, desc, body, "bar-chart"), [(key, label)], columns,
                 rows)


def donut(parts: list[tuple[str, str, int]], *, title: str, desc: str, centre: str, centre_label: str,
          unit: str) -> Chart:
    """A ring of (css key, label, count) parts, with a figure in the middle (delivery success)."""
    total = sum(n for _key, _label, n in parts)
    legend = [(key, f"{label} {_num(n)} {unit}") for key, label, n in parts]
    columns = [_("Outcome"), _("People"), _("Share")]
    rows = [[label, _num(n), f"{100 * n / total:.1f}%" if total else "–"] for _key, label, n in parts]
    if not total:
        return Chart(title, desc, SafeString(""), legend, columns, rows, empty=True)
    radius, stroke = 70, 26
    circumference = 2 * math.pi * radius
    several = len([n for _key, _label, n in parts if n]) > 1
    offset, rings = 0.0, []
    for key, label, n in parts:
        if not n:
            continue
        length = circumference * n / total
        gap = 1.5 if several and length > 3 else 0  # a thin white line between parts
        rings.append(_fmt('<circle class="ring s-{}" cx="100" cy="100" r="{}" fill="none" stroke-width="{}" '
                          'stroke-dasharray="{} {}" stroke-dashoffset="{}" transform="rotate(-90 100 100)">'
                          '<title>{}: {} {}</title></circle>',
                          key, radius, stroke, length - gap, circumference - length + gap, -offset, label, _num(n),
                          unit))
        offset += length
    body = _fmt('<circle class="track" cx="100" cy="100" r="{}" fill="none" stroke-width="{}"/>{}'
                '<text class="centre" x="100" y="100" text-anchor="middle">{}</text>'
                '<text class="centre-label" x="100" y="124" text-anchor="middle">{}</text>',
                radius, stroke, mark_safe("".join(rings)), centre, centre_label)
    return Chart(title, desc, _svg(200, 200, title, desc, body, "donut-chart"), legend, columns, rows)
