"""The cumulative take-up chart of a notice: for each group (notified, holdout, or each wording), the
share who had taken the program up by each day since the notice. SVG drawn from numbers in attributes
(the console's CSP allows no inline style), with the figures in a table for screen readers
(console/dashboard/_chart.html)."""

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from foryou.console.charts import Chart, Frame, _fmt, _fmt_join, _grid, _points, _svg, nice_ticks
from foryou.effect.models import HOLDOUT


def arm_label(arm: str, *, wordings: int = 1) -> str:
    if arm == HOLDOUT:
        return _("Holdout (told after the window)")
    if arm == "told" or wordings == 1:
        return _("Notified")
    return _("Wording %(label)s") % {"label": arm}


def arm_key(arm: str) -> str:
    return {"holdout": "holdout", "told": "told", "A": "told", "B": "wording-b", "C": "wording-c"}.get(arm, "told")


def takeup_chart(curves: dict[str, list[float]], *, wordings: int, simulated: bool = False) -> Chart:
    """curves: arm → share who took it up on day 0..D (fractions)."""
    title = _("Cumulative take-up since the notice")
    desc = _("Share of each group who had taken the program up, by day since the notice.")
    if simulated:
        title += " " + _("(simulation)")
    order = [a for a in curves if a != HOLDOUT] + ([HOLDOUT] if HOLDOUT in curves else [])
    legend = [(arm_key(a), arm_label(a, wordings=wordings)) for a in order]
    days = max((len(c) for c in curves.values()), default=0)
    columns = [_("Days since the notice")] + [label for _k, label in legend]
    rows = [[str(d)] + [f"{100 * curves[a][d]:.1f}%" if d < len(curves[a]) else "" for a in order]
            for d in range(days)]
    if days < 2:
        return Chart(title, desc, SafeString(""), legend, columns, rows, empty=True)
    frame = Frame(right=34)
    top_share = max(max(c) for c in curves.values()) * 100
    ticks = nice_ticks(max(top_share * 1.1, 1))
    top = ticks[-1]

    def x_of(d):
        return frame.left + frame.plot_w * d / (days - 1)

    lines = []
    for arm in order:
        edge = [(x_of(d), frame.y(100 * share, top)) for d, share in enumerate(curves[arm])]
        lines.append(_fmt('<polyline class="edge s-{}" points="{}" fill="none"/>'
                          '<circle class="point s-{}" cx="{}" cy="{}" r="3"><title>{}: {}%</title></circle>',
                          arm_key(arm), _points(edge), arm_key(arm), edge[-1][0], edge[-1][1],
                          arm_label(arm, wordings=wordings), f"{100 * curves[arm][-1]:.1f}"))
    step = next(s for s in (1, 2, 5, 7, 10, 14, 30, 60) if days / s <= 10)
    labels = _fmt_join("", '<text class="tick" x="{}" y="{}" text-anchor="middle">{}</text>',
                       ((x_of(d), frame.height - 10, _("day %(n)s") % {"n": d}) for d in range(0, days, step)))
    grid = _grid(frame, ticks)
    unit = _fmt('<text class="tick" x="{}" y="{}" text-anchor="start">%</text>', 4, frame.top + 4)
    body = _fmt("{}{}{}{}", grid, unit, mark_safe("".join(lines)), labels)
    return Chart(title, desc, _svg(frame.width, frame.height, title, desc, body, "line-chart"), legend, columns, rows)

