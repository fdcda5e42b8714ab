"""The console's page of quarantined gateway events (foryou.bridge.quarantine), for service
administrators: each event's sequence number, kind, time and error (never its content), and a retry
that asks to confirm first (a POST without `confirmed` only shows what it does: no JavaScript needed)."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from foryou.accounts import access
from foryou.accounts.middleware import forbidden
from foryou.bridge import quarantine
from foryou.bridge.models import QuarantinedEvent


def admin_required(view):
    @wraps(view)
    @login_required
    def wrapped(request, *args, **kwargs):
        if not access.is_admin(request.user):
            return forbidden(request)
        return view(request, *args, **kwargs)

    return wrapped


@admin_required
def quarantined(request):
    return render(request, "bridge/quarantined.html", {
        "events": QuarantinedEvent.objects.all()[:500], "keep_days": quarantine.KEEP_DAYS})


@admin_required
@require_POST
def retry(request, pk: int):
    event = get_object_or_404(QuarantinedEvent, pk=pk)
    if event.event is None:
        messages.error(request, _("This event is past its retention period and can no longer be retried."))
        return redirect("console_quarantined_events")
    if request.POST.get("confirmed") != "yes":
        return render(request, "bridge/retry_confirm.html", {"event": event})
    if quarantine.retry(event, request.user):
        messages.success(request, _("Event %(seq)s was applied and removed from the quarantine.") % {"seq": event.seq})
    else:
        messages.error(request, _("Event %(seq)s failed again; it stays in the quarantine.") % {"seq": event.seq})
    return redirect("console_quarantined_events")
