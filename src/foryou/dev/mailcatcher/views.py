"""The mailbox page (debug mode only): received mail, newest first, and each message's text and HTML.
The HTML part is mail from elsewhere as far as this page knows: it is served by its own view with a
sandboxing Content-Security-Policy and shown in a sandboxed frame, never inlined."""

from zoneinfo import ZoneInfo

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET, require_POST

from foryou.dev.mailcatcher.mailbox import Mailbox

TOKYO = ZoneInfo("Asia/Tokyo")
PAGE_SIZE = 200
HTML_PART_POLICY = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'; "
                    "form-action 'none'; sandbox allow-popups allow-popups-to-escape-sandbox")
SHOWN_HEADERS = ("From", "To", "Subject", "Date", "Message-ID", "List-Unsubscribe", "List-Unsubscribe-Post")


def _demo_only() -> Mailbox:
    """The demo's mailbox only: a real installation's mail is nobody's page to read."""
    if not getattr(settings, "DEMO", False):
        raise Http404()
    return Mailbox.default()


def _mail(name: str):
    mail = _demo_only().get(name)
    if mail is None:
        raise Http404()
    return mail


def _row(mail) -> dict:
    return {"name": mail.name, "date": mail.date.astimezone(TOKYO), "to": mail.to, "subject": mail.subject,
            "sender": mail.sender}


@require_GET
def mailbox(request):
    box = _demo_only()
    mails = box.messages(limit=PAGE_SIZE, newest_first=True)
    return render(request, "mailcatcher/list.html", {"rows": [_row(m) for m in mails], "count": box.count(),
                                                     "limit": PAGE_SIZE, "directory": box.directory})


@require_GET
def detail(request, name: str):
    mail = _mail(name)
    headers = [(h, str(mail.message[h])) for h in SHOWN_HEADERS if mail.message[h] is not None]
    unsubscribe = str(mail.message.get("List-Unsubscribe", "")).strip().strip("<>")
    return render(request, "mailcatcher/detail.html", {
        "mail": _row(mail), "headers": headers, "text": mail.text, "has_html": bool(mail.html),
        "unsubscribe_url": unsubscribe if unsubscribe.startswith(("http://", "https://")) else "",
        "envelope": mail.envelope})


@require_GET
@xframe_options_sameorigin
def html_part(request, name: str):
    response = HttpResponse(_mail(name).html, content_type="text/html; charset=utf-8")
    response["Content-Security-Policy"] = HTML_PART_POLICY
    response["Referrer-Policy"] = "no-referrer"
    return response


@require_GET
def raw(request, name: str):
    response = HttpResponse(_mail(name).raw, content_type="text/plain; charset=utf-8")
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@require_POST
def clear(request):
    _demo_only().clear()
    return redirect("mailcatcher_list")
