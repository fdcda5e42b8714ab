"""The audit log (監査ログ) for auditors and service administrators: every recorded event, filtered
by actor, action, target and dates (Asia/Tokyo), a page at a time, and as CSV for Excel (UTF-8 with a
byte-order mark, so that Japanese opens correctly). The export itself is recorded."""

import csv
from datetime import datetime, time, timedelta
from functools import wraps

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from foryou.accounts import access
from foryou.accounts.middleware import forbidden
from foryou.audit import details
from foryou.audit import services as audit
from foryou.audit.models import AuditEvent
from foryou.audit.labels import label
from foryou.notices.sending import TOKYO

PAGE_SIZE = 50
DETAIL_ITEMS_SHOWN = 4
BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def auditor_required(view):
    """Auditors and administrators (or staff given the permission to view audit events directly)."""
    @wraps(view)
    @login_required
    def wrapped(request, *args, **kwargs):
        if not (access.is_auditor(request.user) or request.user.has_perm("audit.view_auditevent")):
            return forbidden(request)
        return view(request, *args, **kwargs)

    return wrapped


class DateInput(forms.DateInput):
    input_type = "date"

    def format_value(self, value):
        return value.isoformat() if hasattr(value, "isoformat") else value


class AuditFilterForm(forms.Form):
    actor = forms.CharField(label=gettext_lazy("Actor"), required=False, max_length=150)
    action = forms.ChoiceField(label=gettext_lazy("Action"), required=False)
    target = forms.CharField(label=gettext_lazy("Target contains"), required=False, max_length=200)
    since = forms.DateField(label=gettext_lazy("Date from"), required=False, widget=DateInput)
    until = forms.DateField(label=gettext_lazy("Date to"), required=False, widget=DateInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        recorded = AuditEvent.objects.order_by("action").values_list("action", flat=True).distinct()
        self.fields["action"].choices = [("", _("All actions"))] + [(a, label(a)) for a in recorded]

    def clean(self):
        data = super().clean()
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            raise forms.ValidationError(_("The first date comes after the last one."))
        return data

    def events(self):
        """The events the filters select (none while a filter is invalid), newest first."""
        if self.is_bound and not self.is_valid():
            return AuditEvent.objects.none()
        rows = AuditEvent.objects.all()
        data = self.cleaned_data if self.is_bound else {}
        if data.get("actor"):
            rows = rows.filter(actor_label__icontains=data["actor"].strip())
        if data.get("action"):
            rows = rows.filter(action=data["action"])
        if data.get("target"):
            rows = rows.filter(target__icontains=data["target"].strip())
        if data.get("since"):
            rows = rows.filter(at__gte=datetime.combine(data["since"], time(), tzinfo=TOKYO))
        if data.get("until"):
            rows = rows.filter(at__lt=datetime.combine(data["until"] + timedelta(days=1), time(), tzinfo=TOKYO))
        return rows.order_by("-at", "-id")

    def used(self) -> dict:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return {k: v.isoformat() if hasattr(v, "isoformat") else v for k, v in data.items() if v}


@auditor_required
def audit_log(request):
    form = AuditFilterForm(request.GET or None)
    page = Paginator(form.events(), PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [{"e": e, "label": label(e.action), "when": details.when(e.at), "target": details.target_text(e.target),
             "items": (items := details.detail_items(e.detail)), "long": len(items) > DETAIL_ITEMS_SHOWN}
            for e in page.object_list]
    params = request.GET.copy()
    params.pop("page", None)
    return render(request, "audit/list.html", {
        "form": form, "page": page, "rows": rows, "params": params.urlencode(),
        "filtered": bool(form.is_bound and form.is_valid() and form.used())})


class _Echo:
    def write(self, value):
        return value


def safe_cell(value) -> str:
    """A cell Excel will not run as a formula (=, +, -, @ at the start)."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def csv_lines(events):
    writer = csv.writer(_Echo())
    yield BOM + writer.writerow([_("Event id"), _("Time (Asia/Tokyo)"), _("Actor"), _("Action"), _("Meaning"),
                                 _("Target"), _("Detail")])
    for e in events.iterator(chunk_size=2000):
        at = timezone.localtime(e.at, TOKYO).strftime("%Y-%m-%d %H:%M:%S")
        yield writer.writerow([e.pk, at] + [safe_cell(v) for v in (e.actor_label, e.action, label(e.action),
                                                                   details.target_text(e.target),
                                                                   details.detail_line(e.detail))])


@auditor_required
def audit_csv(request):
    form = AuditFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return redirect(f"{reverse('console_audit')}?{request.GET.urlencode()}")
    events = form.events()
    audit.record("audit.exported", actor=request.user, target="audit_log",
                 detail={"filters": form.used(), "rows": events.count()})
    stamp = timezone.localtime(timezone.now(), TOKYO).strftime("%Y%m%d-%H%M")
    response = StreamingHttpResponse(csv_lines(events), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="audit-log-{stamp}.csv"'
    return response
