"""The effect of a notice (効果測定): its results page, the same as CSV and as a printable PDF, and the
assignment counts per stratum (the draw's audit: counts only, no names). Staff of the notice's
department open them, as the notice's own pages; downloads are audited."""

import csv

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from foryou.audit import services as audit
from foryou.audit.views import BOM, safe_cell
from foryou.effect import export, pages
from foryou.notices.refusals import get_notice


@login_required
@require_GET
def effect_page(request, pk: int):
    notice = get_notice(request, pk)
    return render(request, "effect/results.html", pages.context(notice))


class _Echo:
    def write(self, value):
        return value


def _csv_response(rows, filename: str) -> HttpResponse:
    writer = csv.writer(_Echo())
    body = BOM + "".join(writer.writerow([safe_cell(c) for c in row]) for row in rows)
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_GET
def effect_csv(request, pk: int):
    notice = get_notice(request, pk)
    audit.record("effect.download", actor=request.user, target=f"notice:{notice.pk}", detail={"as": "csv"})
    return _csv_response(export.csv_rows(pages.context(notice)), f"foryou-effect-{notice.pk}.csv")


@login_required
@require_GET
def effect_strata_csv(request, pk: int):
    notice = get_notice(request, pk)
    audit.record("effect.download", actor=request.user, target=f"notice:{notice.pk}", detail={"as": "strata"})
    return _csv_response(export.strata_rows(notice), f"foryou-effect-{notice.pk}-strata.csv")


@login_required
@require_GET
def effect_pdf(request, pk: int):
    notice = get_notice(request, pk)
    audit.record("effect.download", actor=request.user, target=f"notice:{notice.pk}", detail={"as": "pdf"})
    pdf = export.pdf(pages.context(notice))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="foryou-effect-{notice.pk}.pdf"'
    return response
