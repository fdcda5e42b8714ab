"""The stop link in each email (配信停止): it pauses the notices, as 配信停止 in the LINE chat does; the
registration stays, and the same link resumes them (配信再開) without a new application or postcard.

GET only asks (link scanners open links); the buttons post with CSRF. Mail clients' one-click
unsubscribe (RFC 8058) posts `List-Unsubscribe=One-Click` without a CSRF token: the signed token in the
URL authenticates that post, so it alone is exempt."""

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods

from foryou.gateway import languages as page_languages, services, settings_links
from foryou.gateway.email.unsubscribe import subscriber_for
from foryou.gateway.models import Subscriber

ONE_CLICK = "One-Click"
RESUME = "resume"


def _page(request, subscriber: Subscriber, *, status: int = 200, changed: bool = False):
    state = ("ended" if subscriber.status != Subscriber.Status.ACTIVE else
             "paused" if subscriber.paused_at is not None else "receiving")
    page_languages.use_subscribers(request, subscriber)
    settings_url = settings_links.path_for(subscriber) if state != "ended" else ""
    return render(request, "gateway/email/unsubscribe.html", {
        "state": state, "changed": changed, "has_line": bool(subscriber.line_user_id),
        "settings_url": settings_url}, status=status)


@never_cache
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    subscriber = subscriber_for(token)
    if subscriber is None:
        return render(request, "gateway/message.html", {
            "title": _("This link is not valid"),
            "text": _("Open the link in the email again, or contact the city (see the email).")}, status=400)
    if request.method == "POST" and request.POST.get("List-Unsubscribe") == ONE_CLICK:
        changed = services.pause(subscriber)
        return _page(request, subscriber, changed=changed)
    return _choose(request, subscriber)


@csrf_protect
def _choose(request, subscriber: Subscriber):
    if request.method == "POST" and subscriber.status == Subscriber.Status.ACTIVE:
        if request.POST.get("action") == RESUME:
            changed = services.resume(subscriber)
        else:
            changed = services.pause(subscriber)
        return _page(request, subscriber, changed=changed)
    return _page(request, subscriber)
