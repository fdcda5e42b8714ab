"""The links of staff test-device emails: link this mailbox (from the mail the gateway sent when a staff
member typed their work address in the console) and stop test sends to it. GET only asks (link scanners
open links); the button posts with CSRF."""

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from foryou.gateway import test_devices
from foryou.gateway.db import DB


def _message(request, title, text, status=200):
    return render(request, "gateway/message.html", {"title": title, "text": text}, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def link(request, token: str):
    if test_devices.waiting_email(token) is None:
        return _message(request, _("This link is not valid"),
                        _("It was used already or is older than 24 hours. Ask for a new one in the console."), 400)
    if request.method == "POST":
        test_devices.link_email(token)
        return _message(request, _("Mailbox linked"), _("Test sends of notices can now be sent to this address."))
    return render(request, "gateway/test_device_confirm.html", {
        "title": _("Link this mailbox for test sends?"),
        "text": _("Test sends of notices asked for by a staff member will arrive at this address."),
        "button": _("Link this mailbox")})


@never_cache
@require_http_methods(["GET", "POST"])
def stop(request, token: str):
    device = test_devices.device_to_stop(token)
    if device is None:
        return _message(request, _("Test sends stopped"), _("This mailbox receives no test sends."))
    if request.method == "POST":
        device.delete(using=DB)
        return _message(request, _("Test sends stopped"), _("This mailbox receives no test sends."))
    return render(request, "gateway/test_device_confirm.html", {
        "title": _("Stop test sends to this mailbox?"),
        "text": _("Staff test sends of notices will no longer arrive at this address."),
        "button": _("Stop test sends")})
