"""The report for the mayor and the assembly (実施状況報告): figures per program and registrants against
the population (foryou.console.reports) for a period, as a page, a CSV file for Excel (UTF-8 with a
byte-order mark, Japanese headers) and a page to print on A4 with the dates in 和暦.

Who may open it: service administrators and auditors for the whole service; approvers (課長 and the
like, who answer for their department's notices) for the programs of their own departments. The
population figures are service-wide aggregates either way. Every opening is recorded in the audit log."""

import csv
from datetime import date
from functools import wraps

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from foryou.accounts import access
from foryou.accounts.middleware import forbidden
from foryou.audit import services as audit
from foryou.audit.views import BOM, DateInput, safe_cell
from foryou.console import report_charts, reports, suppression
from foryou.notices.stats import TOKYO
from foryou.shared.jp.dates import wareki

MAX_DAYS = 366 * 5 + 1


def report_scope(user) -> tuple[bool, set[str] | None]:
    """(may open the report, departments it covers: None for the whole service)."""
    roles = access.roles(user)
    if roles & {access.ADMIN, access.AUDITOR}:
        return True, None
    approving = {d for d in (access.departments(user) or set()) if access.can_approve(user, d)}
    return bool(approving), approving


def may_view_reports(user) -> bool:
    return report_scope(user)[0]


def report_access(view):
    @wraps(view)
    @login_required
    def wrapped(request, *args, **kwargs):
        allowed, departments = report_scope(request.user)
        if not allowed:
            return forbidden(request)
        return view(request, departments, *args, **kwargs)

    return wrapped


class PeriodForm(forms.Form):
    preset = forms.ChoiceField(required=False, choices=[(k, k) for k in
                                                        (reports.THIS_FISCAL_YEAR, reports.LAST_FISCAL_YEAR,
                                                         reports.LAST_MONTH, reports.CUSTOM)])
    first = forms.DateField(label=gettext_lazy("Date from"), required=False, widget=DateInput)
    last = forms.DateField(label=gettext_lazy("Date to"), required=False, widget=DateInput)

    def clean(self):
        data = super().clean()
        first, last = data.get("first"), data.get("last")
        if data.get("preset") in ("", reports.CUSTOM) and (first or last):
            if not (first and last):
                raise forms.ValidationError(_("Give both the first and the last day."))
            if first > last:
                raise forms.ValidationError(_("The first date comes after the last one."))
            if (last - first).days >= MAX_DAYS:
                raise forms.ValidationError(_("A report covers at most five years."))
        return data

    def period(self, today: date) -> reports.Period:
        """The chosen period; this fiscal year when nothing (valid) was chosen."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        if data.get("preset") in ("", reports.CUSTOM, None) and data.get("first") and data.get("last"):
            return reports.Period(data["first"], data["last"], reports.CUSTOM)
        return reports.preset_period(data.get("preset") or reports.THIS_FISCAL_YEAR, today)


def today() -> date:
    return timezone.now().astimezone(TOKYO).date()


def period_text(period: reports.Period) -> str:
    """令和8年4月1日から令和8年12月7日まで"""
    return _("%(first)s to %(last)s") % {"first": wareki(period.first), "last": wareki(period.last)}


def period_query(period: reports.Period) -> str:
    if period.preset != reports.CUSTOM:
        return urlencode({"preset": period.preset})
    return urlencode({"preset": reports.CUSTOM, "first": period.first.isoformat(), "last": period.last.isoformat()})


def _chosen(request) -> tuple[PeriodForm, reports.Period]:
    """The period asked for, and the form to show: with its errors, or with a preset's dates filled in."""
    form = PeriodForm(request.GET or None)
    period = form.period(today())
    if period.preset != reports.CUSTOM and not (form.is_bound and form.errors):
        form = PeriodForm(initial={"first": period.first, "last": period.last})
    return form, period


def _record(request, period: reports.Period, departments, shown_as: str) -> None:
    audit.record("reports.viewed", actor=request.user, target="reports", detail={
        "as": shown_as, "first": period.first.isoformat(), "last": period.last.isoformat(),
        "departments": sorted(departments) if departments is not None else "all"})


def _charts(report: reports.Report) -> list:
    out = [report_charts.horizontal_bars(
        [r["name"] for r in report.programs], [r["reached"] for r in report.programs], key="line",
        title=_("People reached by program"), column=_("People reached"),
        desc=_("People reached by the sends of each program in the period, summed over its sends."))]
    out.append(report_charts.sends_per_month(report.period.first, report.period.last, report.months))
    if report.coverage:
        out.append(report_charts.horizontal_bars(
            [r["label"] for r in report.wards], [r["rate"] for r in report.wards], key="email", percent=True,
            title=_("Registration rate by ward"), column=_("Registration rate"),
            desc=_("Registrants as a share of the current residents of each ward.")))
        out.append(report_charts.horizontal_bars(
            [r["label"] for r in report.bands], [r["rate"] for r in report.bands], key="email", percent=True,
            title=_("Registration rate by age"), column=_("Registration rate"),
            desc=_("Registrants as a share of the current residents of each age band.")))
    return out


def _context(form, period, departments, report) -> dict:
    query = period_query(period)
    return {
        "form": form, "period": period, "period_text": period_text(period), "made_on": wareki(today()),
        "report": report, "charts": _charts(report), "presets": reports.preset_labels(),
        "query": query, "scope": sorted(departments) if departments is not None else None,
        "privacy_note": privacy_note(),
        "not_found": not_found_text(report.registrants_not_found) if report.registrants_not_found else "",
        "title": report_title(), "coverage_tables": [(_("Ward"), report.wards), (_("Age"), report.bands)],
    }


@report_access
def report(request, departments):
    form, period = _chosen(request)
    built = reports.build(period, departments)
    _record(request, period, departments, "page")
    return render(request, "foryou/reports/report.html", _context(form, period, departments, built))


@report_access
def report_print(request, departments):
    form, period = _chosen(request)
    built = reports.build(period, departments)
    _record(request, period, departments, "print")
    return render(request, "foryou/reports/print.html", _context(form, period, departments, built))


def csv_rows(report: reports.Report, title: str, made_on: str, scope) -> list[list]:
    """The report as rows of cells: its heading, the programs table, then the population tables."""
    rows = [[title], [_("Period"), period_text(report.period)], [_("Made on"), made_on]]
    if scope is not None:
        rows.append([_("Departments"), "、".join(scope)])
    rows += [[], [_("Program"), _("Number of notices"), _("Number of sends"), _("Recipients (summed over sends)"),
                  _("People reached"), _("Delivery rate"), _("Link clicks"), _("Click rate")]]
    for r in report.programs + [report.total]:
        rows.append([r["name"], r["notices"], r["sends"], r["recipients"], r["reached"], r["delivery_rate"],
                     "" if r["clicks"] is None else r["clicks"], "" if r["click_rate"] is None else r["click_rate"]])
    if report.coverage is not None:
        rows += [[], [_("Resident data as of"), wareki(report.coverage.as_of)]]
        for heading, table in ((_("Ward"), report.wards), (_("Age"), report.bands)):
            rows += [[], [heading, _("Number of residents"), _("Number of registrants"), _("Registration rate")]]
            rows += [[r["label"], r["population"], r["registrants"], r["rate"]]
                     for r in table + [report.coverage_total]]
    if report.registrants_not_found:
        rows += [[], [not_found_text(report.registrants_not_found)]]
    rows += [[], [privacy_note()],
             [_("People reached are counted per send and summed over the sends of the period.")]]
    return rows


class _Echo:
    def write(self, value):
        return value


@report_access
def report_csv(request, departments):
    form, period = _chosen(request)
    built = reports.build(period, departments)
    _record(request, period, departments, "csv")
    writer = csv.writer(_Echo())
    title = report_title()
    scope = sorted(departments) if departments is not None else None
    body = BOM + "".join(writer.writerow([safe_cell(c) for c in row])
                         for row in csv_rows(built, title, wareki(today()), scope))
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    stamp = f"{period.first:%Y%m%d}-{period.last:%Y%m%d}"
    response["Content-Disposition"] = f'attachment; filename="foryou-report-{stamp}.csv"'
    return response


def privacy_note() -> str:
    return (_("To protect privacy, counts of fewer than %(n)s people are shown as “%(fewer)s”, rates computed "
              "from them as “—”, and a count from which one could be worked out with the total as “%(hidden)s”.")
            % {"n": suppression.threshold(), "fewer": suppression.fewer_than(), "hidden": _("hidden")})


def not_found_text(n) -> str:
    return (_("%(n)s registrants are no current residents in that data (moved out or died since) and are not "
              "counted here.") % {"n": n.with_unit})


def report_title() -> str:
    return _("%(service)s: report on its use") % {"service": settings.SERVICE_NAME}
