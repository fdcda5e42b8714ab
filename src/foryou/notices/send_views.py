"""Sending notices from the console: the send page (now, at a set time in Asia/Tokyo, to everyone,
urgent, with click counts; the number of recipients shown first), the daily automatic run of trigger
programs, test sends to one's own number, the schedule (list and month calendar, cancellable until a
send starts) and each send's live progress and results.

The views call foryou.notices.sending as `foryou notices send|cancel` does; the console scheduler
(`foryou scheduler`, a thread in the demo) starts what is due and brings back the gateway's reports."""

import calendar
from datetime import date, datetime, timedelta

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from foryou.accounts import access
from foryou.console import suppression
from foryou.notices.refusals import (KIND, ORDER_STATUS, get_notice, get_order,
                                    require_notice_staff, safe_next)
from foryou.notices import by_language
from foryou.notices.results import results
from foryou.shared import languages
from foryou.notices import audience, delivery_hours, sending, services
from foryou.notices.models import SendOrder
from foryou.residents.store import NoSnapshot

TOKYO = sending.TOKYO
AT_FORMAT = "%Y-%m-%dT%H:%M"


class SendForm(forms.Form):
    when = forms.ChoiceField(choices=[("now", gettext_lazy("Now")), ("at", gettext_lazy("At a set time"))],
                             widget=forms.RadioSelect, initial="now")
    at = forms.CharField(label=gettext_lazy("Date and time (Japan time)"), required=False,
                         widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    audience = forms.ChoiceField(choices=[("program", gettext_lazy("Those the program's conditions find")),
                                          ("broadcast", gettext_lazy("Every active registrant (broadcast)"))],
                                 widget=forms.RadioSelect, initial="program")
    urgent = forms.BooleanField(label=gettext_lazy("Urgent: send outside the delivery hours too"), required=False)
    tracked = forms.BooleanField(label=gettext_lazy("Count link clicks (one message per person)"), required=False)

    def __init__(self, *args, notice=None, **kwargs):
        super().__init__(*args, **kwargs)
        # The audience is the approved one (決裁 covers it): the sender does not choose it.
        version = notice.sendable or notice.latest
        if not notice.program_code or (version is not None and version.broadcast):
            self.fields["audience"].choices = self.fields["audience"].choices[1:]
            self.fields["audience"].initial = "broadcast"
        else:
            self.fields["audience"].choices = self.fields["audience"].choices[:1]

    def clean(self):
        cleaned = super().clean()
        cleaned["when_at"] = None
        if cleaned.get("when") == "at":
            try:
                at = datetime.strptime(cleaned.get("at") or "", AT_FORMAT).replace(tzinfo=TOKYO)
            except ValueError:
                self.add_error("at", _("Enter the date and time to send at."))
            else:
                if at <= timezone.now():
                    self.add_error("at", _("Choose a time in the future, or send now."))
                cleaned["when_at"] = at
        return cleaned


def _pending(notice):
    return notice.orders.real().filter(status__in=[SendOrder.Status.SCHEDULED, SendOrder.Status.SENDING])


def _confirmation(notice, data) -> dict:
    """What the confirmation states before anything is sent: to how many, when, and whether it waits for
    the delivery hours. The number is counted now, as the estimate on the page is."""
    broadcast = data["audience"] == "broadcast"
    try:
        _targeted, recipients = sending.estimate(notice, broadcast=broadcast)
    except NoSnapshot:
        recipients = None
    else:
        _record_estimate(notice, data.get("user"), broadcast)
        recipients = suppression.people(recipients)
    at = data["when_at"] or timezone.now()
    waits = not data["urgent"] and not delivery_hours.is_open(at)
    return {"recipients": recipients, "at": data["when_at"], "urgent": data["urgent"], "tracked": data["tracked"],
            "audience": data["audience"], "at_text": data.get("at") or "",
            "waits_until": delivery_hours.opening_label(at) if waits else ""}


@login_required
def notice_send(request, pk: int):
    notice = get_notice(request, pk, edit=True)
    form = SendForm(request.POST or None, notice=notice)
    confirm = None
    if (request.method == "POST" and notice.sendable is not None and form.is_valid()
            and request.POST.get("confirmed") != "1"):
        # Nothing is sent before the staff member confirms.
        confirm = _confirmation(notice, form.cleaned_data | {"user": request.user})
    elif request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            order = sending.schedule(notice, by=request.user, at=data["when_at"], urgent=data["urgent"],
                                     tracked=data["tracked"], broadcast=data["audience"] == "broadcast")
        except sending.SendRefused as exc:
            messages.error(request, _("Not sent: %(reason)s") % {"reason": exc.localized()})
        else:
            if data["when_at"] is not None:
                local = timezone.localtime(order.scheduled_for, TOKYO)
                messages.success(request, _("Scheduled for %(when)s. You can cancel it until it starts.")
                                 % {"when": f"{local:%Y-%m-%d %H:%M}"})
            else:
                messages.success(request, _("Sending starts within a few seconds."))
            return redirect("console_send", pk=order.pk)
    program = None
    if notice.program_code:
        from foryou.programs.catalog import UnknownProgram, get_program

        try:
            program = get_program(notice.program_code)
        except UnknownProgram:
            program = None
    return render(request, "notices/send.html", {
        "notice": notice, "form": form, "version": notice.sendable, "latest": notice.latest,
        "audience": audience.describe(notice.sendable), "can_edit": True,
        "program_name": services.program_name_of(notice), "program": program, "pending": list(_pending(notice)),
        "kinds": KIND, "order_status": ORDER_STATUS, "confirm": confirm, "hours": delivery_hours.hours(),
        "now_local": timezone.localtime(timezone.now() + timedelta(hours=1), TOKYO).strftime("%Y-%m-%dT%H:00"),
    }, status=400 if request.method == "POST" and confirm is None else 200)


def _record_estimate(notice, user, broadcast: bool) -> None:
    """A program's estimate is one of its counts shown before a send: audited as the editor's are."""
    if broadcast or not notice.program_code or user is None:
        return
    from foryou.programs import live
    from foryou.programs import services as program_services
    from foryou.programs.catalog import get_program

    program = get_program(notice.program_code)
    program_services.record_counts_viewed(user, program, sending.today_in_tokyo(), page="estimate",
                                          reads_tax=live.reads_tax(program.conditions))


@login_required
@require_GET
def notice_estimate(request, pk: int):
    """How many would get it if sent now (loaded after the page, as counting takes a moment). Counts
    of people are shown suppressed (「10人未満」, console/suppression.py) and audited."""
    notice = get_notice(request, pk)
    version = notice.sendable or notice.latest
    broadcast = bool(version is not None and version.broadcast) or not notice.program_code
    try:
        targeted, recipients = sending.estimate(notice, broadcast=broadcast)
        error = ""
    except NoSnapshot as exc:
        targeted, recipients, error = None, None, str(exc)
    else:
        _record_estimate(notice, request.user, broadcast)
        targeted, recipients = suppression.people(targeted), suppression.people(recipients)
    return render(request, "notices/_estimate.html", {
        "targeted": targeted, "recipients": recipients, "error": error,
        "broadcast": broadcast or not notice.program_code})


@login_required
@require_POST
def notice_automatic(request, pk: int):
    notice = get_notice(request, pk, edit=True)
    on = request.POST.get("automatic") == "on"
    try:
        version = services.set_automatic(notice, on, request.user)
    except services.ApprovalRefused as exc:
        messages.error(request, exc.localized())
    else:
        messages.success(request, _("Version %(n)s asks for approval to send this notice every day to whoever "
                                    "newly qualifies. It goes out automatically once approved.") % {"n": version.number}
                         if on else _("Version %(n)s, not sent automatically, waits for approval. Nothing of this "
                                      "notice is sent until it is approved.") % {"n": version.number})
    return redirect("console_notice", pk=notice.pk)


# -- test sends -----------------------------------------------------------------------------------

@login_required
@require_POST
def notice_test_send(request, pk: int):
    """The latest version to one of the user's own linked test devices (chosen on the notice page)."""
    notice = get_notice(request, pk)
    try:
        order = sending.test_send(notice, by=request.user, device_ref=request.POST.get("device", ""),
                                  variant=request.POST.get("variant", ""), language=request.POST.get("language", ""))
    except sending.SendRefused as exc:
        messages.error(request, _("No test sent: %(reason)s") % {"reason": exc.localized()})
        return redirect("console_notice", pk=notice.pk)
    messages.success(request, _("Test send of version %(n)s to your test device is on its way.")
                     % {"n": order.version.number})
    return redirect("console_send", pk=order.pk)


# -- schedule and calendar ------------------------------------------------------------------------

def _month(request) -> date:
    try:
        year, month = (int(x) for x in request.GET.get("month", "").split("-"))
        return date(year, month, 1)
    except ValueError:
        return timezone.localtime(timezone.now(), TOKYO).date().replace(day=1)


def _orders_for(user):
    orders = SendOrder.objects.real().select_related("notice", "version")
    mine = access.departments(user)
    return orders if mine is None else orders.filter(notice__department__in=mine)


@login_required
@require_GET
def schedule(request):
    require_notice_staff(request)
    first = _month(request)
    days_in_month = calendar.monthrange(first.year, first.month)[1]
    grid = calendar.Calendar(firstweekday=6).monthdatescalendar(first.year, first.month)  # weeks from Sunday
    start = datetime.combine(grid[0][0], datetime.min.time(), TOKYO)
    end = datetime.combine(grid[-1][-1] + timedelta(days=1), datetime.min.time(), TOKYO)
    by_day = {}
    shown = _orders_for(request.user).filter(scheduled_for__gte=start, scheduled_for__lt=end)
    for order in shown.order_by("scheduled_for"):
        by_day.setdefault(timezone.localtime(order.scheduled_for, TOKYO).date(), []).append(order)
    today = timezone.localtime(timezone.now(), TOKYO).date()
    weeks = [[{"day": d, "in_month": d.month == first.month, "today": d == today, "orders": by_day.get(d, [])}
              for d in week] for week in grid]
    upcoming = list(_orders_for(request.user).filter(
        Q(status=SendOrder.Status.SCHEDULED) | Q(status=SendOrder.Status.SENDING)).order_by("scheduled_for")[:100])
    recent = list(_orders_for(request.user).filter(status=SendOrder.Status.FINISHED).order_by("-scheduled_for")[:10])
    previous = (first - timedelta(days=1)).replace(day=1)
    return render(request, "notices/schedule.html", {
        "first": first, "weeks": weeks, "upcoming": upcoming, "recent": recent, "kinds": KIND,
        "order_status": ORDER_STATUS, "previous": previous, "next": first + timedelta(days=days_in_month),
        "weekdays": [_("Sun"), _("Mon"), _("Tue"), _("Wed"), _("Thu"), _("Fri"), _("Sat")],
        "can_cancel": {o.pk for o in upcoming if access.can_edit(request.user, o.notice.department)
                       and o.kind != SendOrder.Kind.HOLDOUT},  # the holdout's delayed send stays (decision 0026)
    })


# -- one send -------------------------------------------------------------------------------------

@login_required
@require_GET
def send_detail(request, pk):
    order = get_order(request, pk)
    from foryou.casework.outcomes import order_funnel

    return render(request, "notices/send_detail.html", {
        **_results(request, order), "notice": order.notice, "program_name": services.program_name_of(order.notice),
        "kinds": KIND, "order_status": ORDER_STATUS, "applications_funnel": order_funnel(order),
        "language_rows": by_language.count(by_language.started_together(order)),
        "language_names": dict(languages.NAMES)})


def _results(request, order) -> dict:
    return results(order) | {"can_cancel": order.status == SendOrder.Status.SCHEDULED
                             and order.kind != SendOrder.Kind.HOLDOUT
                             and access.can_edit(request.user, order.notice.department)}


@login_required
@require_GET
def send_progress(request, pk):
    """The progress fragment the send page polls (every 2 s while sending; not after it is over)."""
    order = get_order(request, pk)
    return render(request, "notices/_progress.html", _results(request, order))


@login_required
@require_POST
def send_cancel(request, pk):
    order = get_order(request, pk, edit=True)
    try:
        sending.cancel(order, by=request.user)
    except sending.SendRefused as exc:
        messages.error(request, _("Not cancelled: %(reason)s") % {"reason": exc.localized()})
    else:
        messages.success(request, _("The send was cancelled. Nobody receives it."))
    return redirect(safe_next(request, reverse("console_send", args=[order.pk])))
