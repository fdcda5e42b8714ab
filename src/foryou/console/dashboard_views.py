"""The console's home page: the figures a city reports ("212 通 / 36,493 人 / 登録者 約 10,800 人"),
charts of registrants and sends over time, delivery success, recent sends and recent imports.

Everything here is an aggregate from foryou.notices.stats: no resident's data is shown, so every
member of staff may open it (recent imports only for those who may open the imports pages)."""

from datetime import date, datetime

from django.utils import timezone
from django.utils.dates import WEEKDAYS_ABBR
from django.utils.translation import gettext as _

from foryou.console import charts
from foryou.console.suppression import threshold
from foryou.enrollment import preferences
from foryou.shared.jp.dates import wareki
from foryou.notices.inbox import inbox_count
from foryou.notices.models import SendOrder
from foryou.notices.stats import TOKYO, sends_by_month, service_stats
from foryou.residents import store
from foryou.residents.models import ImportRun

RECENT_SENDS = 8
SEND_MONTHS = 12


def today() -> date:
    return timezone.now().astimezone(TOKYO).date()


def approximately(n: int) -> str:
    """10,812 → '約 10,800' (the way the city reports registrants); small numbers stay exact."""
    if n < 1000:
        return f"{n:,}"
    return _("about %(n)s") % {"n": f"{round(n, -2):,}"}


def percent(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.1f}%"


def heading_date(day: date) -> str:
    """令和8年11月27日（金）"""
    return f"{wareki(day)}（{WEEKDAYS_ABBR[day.weekday()]}）"


def registrants_chart(series: list[dict], day: date) -> charts.Chart:
    """Active registrants by channel at the end of each month, gaps filled up to this month."""
    by_month = {row["month"]: row for row in series}
    months = charts.months_between(series[0]["month"], charts.month_of(day)) if series else []
    line, email, last = [], [], {"line": 0, "email": 0}
    for month in months:
        last = by_month.get(month, last)
        line.append(last["line"])
        email.append(last["email"])
    return charts.stacked_area(
        months, [charts.Series("line", _("LINE"), line), charts.Series("email", _("Email"), email)],
        title=_("Registrants by channel"), unit=_("people"),
        desc=_("Active registrants at the end of each month, LINE and email stacked; the top edge is the total."))


def sends_chart(day: date) -> charts.Chart:
    first = date(day.year - 1, day.month, 1) if day.month == 12 else date(day.year - 1, day.month + 1, 1)
    rows = sends_by_month(first, day)
    return charts.bars(
        [r["month"] for r in rows], [r["sends"] for r in rows], key="sends", label=_("Notices sent"),
        title=_("Notices sent per month"), unit=_("notices"),
        desc=_("Sends started in each of the last 12 months."),
        extra_columns=[(_("Recipients"), [f"{r['recipients']:,}" for r in rows]),
                       (_("People reached"), [f"{r['reached']:,}" for r in rows])])


def delivery_chart(stats: dict) -> charts.Chart:
    orders = stats["orders"]
    line = sum(o["accepted"] for o in orders)
    email = sum(o["sent"] for o in orders)
    waiting = sum(o["waiting"] for o in orders)
    failed = max(0, stats["recipients"] - stats["people_reached"] - waiting)
    return charts.donut(
        [("line", _("Reached on LINE"), line), ("email", _("Reached by email"), email),
         ("failed", _("Not reached"), failed), ("waiting", _("Still sending"), waiting)],
        title=_("Delivery success"), unit=_("people"),
        desc=_("Recipients of every send so far, by outcome."),
        centre=percent(stats["delivery_success"]), centre_label=_("reached"))


def _status_label(o: dict) -> str:
    if o["status"] != SendOrder.Status.SENDING:
        return _("Completed")
    return _("Waiting for the delivery hours") if o.get("held_for_window") else _("Sending")


def recent_sends(stats: dict) -> list[dict]:
    rows = []
    for o in stats["orders"][:RECENT_SENDS]:
        rows.append(o | {
            "when": datetime.fromisoformat(o["scheduled_for"]),
            "kind_label": SendOrder.Kind(o["kind"]).label,
            # Not SendOrder.Status's labels: "finished" is also a field's name in the catalog (終了日時).
            "status_label": _status_label(o),
            "success": percent(o["reached"] / o["recipients"]) if o["recipients"] and o["status"] == "finished" else "",
        })
    return rows


def funnel_charts(user) -> list[charts.Chart]:
    """The registration funnel, for staff who see applications (registrars, administrators)."""
    from foryou.accounts import access

    if not access.is_registrar(user):
        return []
    from foryou.console import funnel_chart
    from foryou.enrollment.funnel import funnel

    data = funnel()
    if not data["by_month"]:
        return []  # no application or card verification yet: nothing to show, and nothing to say about it
    return [funnel_chart.steps_chart(data), funnel_chart.months_chart(data)]


def dashboard_context(user) -> dict:
    day = today()
    stats = service_stats(day)
    registrants = stats["registrants"]
    return {
        "today": heading_date(day),
        "stats": stats,
        "registrants_approx": approximately(registrants["active"]),
        "success": percent(stats["delivery_success"]),
        "charts": [registrants_chart(stats["registrants_by_month"], day), sends_chart(day)],
        "delivery": delivery_chart(stats),
        "recent_sends": recent_sends(stats),
        "funnel_charts": funnel_charts(user),
        "summary": store.summary(),
        "approvals": inbox_count(user),  # None: the user approves nothing
        "show_imports": user.has_perm("residents.view_importrun"),
        "recent_imports": ImportRun.objects.all()[:5],
        # Counts of people: suppressed below the small-cell threshold (console.suppression).
        "topic_counts": preferences.topic_counts(), "language_counts": preferences.language_counts(),
        "small_count": threshold(),
        **effect_context(),
    }



EFFECT_ROWS = 6


def effect_context() -> dict:
    """The service-wide effect of notices with a holdout (foryou.effect.summary)."""
    from foryou.effect import shown
    from foryou.effect.pages import simulated
    from foryou.effect.summary import service_summary

    summary = service_summary()
    return {
        "effect_summary": summary, "effect_total": f"{summary.total:,.0f}", "effect_low": f"{summary.total_low:,.0f}",
        "effect_high": f"{summary.total_high:,.0f}", "effect_ci": shown.ci_heading(), "simulated": simulated(),
        "effect_rows": [{"notice": r.notice, "title": r.title, "difference": shown.pp(r.difference),
                         "ci": shown.interval(r.difference_ci), "additional": shown.additional_text(r.additional)}
                        for r in summary.rows[:EFFECT_ROWS]],
    }

