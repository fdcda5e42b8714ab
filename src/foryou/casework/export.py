"""The inbox as CSV for the department's own business system, in the layout documented in
docs/casework-export.md (UTF-8 with BOM, CRLF, one row per application, the answers as one JSON column).
Only the applications the member of staff may see, with the inbox's filters; audited with the receipts."""

import csv
import io
import json

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.utils import timezone

from foryou.accounts import access
from foryou.accounts.middleware import forbidden
from foryou.audit import services as audit
from foryou.casework.queries import InboxFilter, visible_to

HEADER = ["受付番号", "制度コード", "所管課", "状態", "受付日時", "補正日時", "補正回数", "決定日時", "担当者", "期限",
          "宛名番号", "登録番号", "様式版", "回答"]


def _when(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M:%S") if value else ""


def rows_of(applications):
    for a in applications:
        yield [a.receipt, a.program_code, a.department, a.status, _when(a.received_at), _when(a.corrected_at),
               a.corrections, _when(a.decided_at), a.assignee.get_username() if a.assignee else "",
               a.due_date.isoformat() if a.due_date else "", a.resident_id, a.number,
               f"{a.form.version}:{a.form_digest}" if a.form else a.form_digest,
               json.dumps(a.answers, ensure_ascii=False, sort_keys=True)]


@login_required
def export_csv(request):
    if not access.can_view_programs(request.user):
        return forbidden(request)
    filters = InboxFilter(request.GET or None, programs=[(request.GET.get("program", ""), "")])
    applications = list(filters.apply(visible_to(request.user), request.user)
                        .select_related("assignee", "form").order_by("received_at", "id"))
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(rows_of(applications))
    audit.record("casework.exported", actor=request.user, target="casework:export",
                 detail={"receipts": [a.receipt for a in applications]})
    response = HttpResponse(out.getvalue().encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="casework-{timezone.localdate():%Y%m%d}.csv"'
    return response
