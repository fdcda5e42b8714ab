"""The registration funnel on the dashboard: one horizontal bar per step (width from the count), the
median days the step took and how many stopped before it, for each way in; and activations per month
by way in (stacked areas). SVG from numbers in attributes only (the console's CSP: no inline style)."""

from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from foryou.console import charts
from foryou.console.charts import Chart, _fmt, _num, _svg

ROW, LABEL_W, WIDTH = 34, 230, 720
KEYS = {"form": "line", "mynumber": "email", "invitation": "invite"}  # colours of dashboard.css


def steps_chart(funnel: dict) -> Chart:
    from foryou.enrollment.funnel import PATH_LABELS

    rows, shapes, y = [], [], 30
    biggest = max([s["count"] for steps in funnel["paths"].values() for s in steps] or [0])
    for path, steps in funnel["paths"].items():
        shapes.append(_fmt('<text class="tick" x="0" y="{}" font-weight="bold">{}</text>', y - 8, PATH_LABELS[path]))
        for step in steps:
            width = (WIDTH - LABEL_W - 150) * step["count"] / biggest if biggest else 0
            days = step.get("median_days")
            note = (_("median %(days)s days") % {"days": _num(days)}) if days is not None else ""
            dropped = step.get("dropped")
            rows.append([f"{PATH_LABELS[path]}: {step['label']}", f"{step['count']:,}",
                         "–" if days is None else _num(days), "–" if dropped is None else f"{dropped:,}"])
            shapes.append(_fmt('<text class="tick" x="{}" y="{}" text-anchor="end" dominant-baseline="middle">{}</text>'
                               '<rect class="bar s-{}" x="{}" y="{}" width="{}" height="{}" rx="2"><title>{}: {}</title></rect>'
                               '<text class="value" x="{}" y="{}" dominant-baseline="middle">{} {}</text>',
                               LABEL_W - 8, y + ROW / 2 - 4, step["label"], KEYS[path],
                               LABEL_W, y, max(width, 1), ROW - 10, step["label"], step["count"],
                               LABEL_W + max(width, 1) + 6, y + ROW / 2 - 4, f"{step['count']:,}", note))
            y += ROW
        y += 24
    title = _("Registration funnel")
    desc = _("How many applicants reached each step of registration, by the form and postcard or by the My Number "
             "Card, with the median days each step took.")
    columns = [_("Step"), _("People"), _("Median days"), _("Stopped before this step")]
    legend = [(KEYS[path], str(charts_label(path))) for path in funnel["paths"]]
    if not biggest:
        return Chart(title, desc, mark_safe(""), legend, columns, rows, empty=True)
    return Chart(title, desc, _svg(WIDTH, y, title, desc, mark_safe("".join(shapes)), "bar-chart"), legend, columns, rows)


def charts_label(path: str):
    from foryou.enrollment.funnel import PATH_LABELS

    return PATH_LABELS[path]


def months_chart(funnel: dict) -> Chart:
    months = [row["month"] for row in funnel["by_month"]]
    if months:
        months = charts.months_between(months[0], months[-1])
    by_month = {row["month"]: row for row in funnel["by_month"]}
    form = [by_month.get(m, {}).get("form_activated", 0) for m in months]
    card = [by_month.get(m, {}).get("mynumber_activated", 0) for m in months]
    invited = [by_month.get(m, {}).get("invitation_activated", 0) for m in months]
    return charts.stacked_area(
        months, [charts.Series("line", str(charts_label("form")), form), charts.Series("email", str(charts_label("mynumber")), card),
                 charts.Series("invite", str(charts_label("invitation")), invited)],
        title=_("Activations by month of application"), unit=_("people"),
        desc=_("Registrations activated, by the month the application, card verification or invitation came, "
               "stacked by way in."))
