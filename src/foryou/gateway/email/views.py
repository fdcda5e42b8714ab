"""The unsubscribe page. GET only asks (link scanners open links); the button posts with CSRF. Mail
clients' one-click unsubscribe (RFC 8058) posts `List-Unsubscribe=One-Click` without a CSRF token: the
signed token in the URL authenticates that post, so it alone is exempt."""

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods

from foryou.gateway import services
from foryou.gateway.email.unsubscribe import subscriber_for
from foryou.gateway.models import Subscriber

ONE_CLICK = "One-Click"
ENDING = "opted_out"  # the same ending as 配信停止 in the LINE chat


def _message(request, title: str, text: str, status: int = 200, apply_again: bool = False) -> HttpResponse:
    context = {"title": title, "text": text}
    if apply_again:
        context.update(next_url=reverse("gateway_apply"), next_label=_("Apply again"))
    return render(request, "gateway/message.html", context, status=status)


def _stopped(request) -> HttpResponse:
    return _message(request, _("Notices stopped"),
                    _("You will no longer receive notices from this service. To receive them again, apply again."),
                    apply_again=True)


@never_cache
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    subscriber = subscriber_for(token)
    if subscriber is None:
        return _message(request, _("This link is not valid"),
                        _("Open the link in the email again, or contact the city (see the email)."), status=400)
    if request.method == "POST" and request.POST.get("List-Unsubscribe") == ONE_CLICK:
        services.end(subscriber, ENDING)
        return _stopped(request)
    return _confirm(request, subscriber)


@csrf_protect
def _confirm(request, subscriber: Subscriber) -> HttpResponse:
    if subscriber.status != Subscriber.Status.ACTIVE:
        return _message(request, _("Notices are already stopped"),
                        _("This registration no longer receives notices. To receive them again, apply again."),
                        apply_again=True)
    if request.method == "POST":
        services.end(subscriber, ENDING)
        return _stopped(request)
    return render(request, "gateway/email/unsubscribe.html", {"has_line": bool(subscriber.line_user_id)})
