"""The application page (利用申請) on a phone: fill in → review (修正する / 送信する) → sealed and sent, with a
reference number. Nothing is sealed or sent before the resident confirms; the values travel in the review
page's hidden fields (never in a session: the gateway keeps nothing a resident types in the clear). In LINE
the review page also sends the LIFF ID token: the verified LINE user is kept by the application's ref only
(foryou.gateway.models.LineApplicant), to tell them the outcome in the chat."""

import logging

from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from foryou.gateway import services, throttle
from foryou.gateway.forms import WebApplicationForm
from foryou.gateway.liff import InvalidIdToken, verify_id_token
from foryou.gateway.mynumber.config import enabled as card_enabled
from foryou.gateway.views import page
from foryou.shared.application import short_reference

EDIT, REVIEW, SEND = "edit", "review", "send"
log = logging.getLogger(__name__)


def _source(request) -> str:
    return "line" if request.GET.get("via") == "line" or request.POST.get("via") == "line" else "web"


def _line_user(request, via: str) -> str:
    """The LINE user of the ID token the LIFF page sends with the confirmed application, so the outcome can
    be told in the chat; "" without a valid one (the application goes through all the same)."""
    if via != "line":
        return ""
    try:
        return verify_id_token(request.POST.get("id_token", ""))
    except InvalidIdToken as exc:
        log.info("application from LINE without a verified LINE user (no follow-up in the chat): %s", exc)
        return ""


def _as_typed(post) -> dict:
    """The values as the resident typed them, to fill the form again when they go back to correct it."""
    values = {name: post.get(name, "") for name in WebApplicationForm.base_fields}
    values["agree"] = bool(post.get("agree"))
    return values


@never_cache
@require_http_methods(["GET", "POST"])
def apply(request):
    via = _source(request)
    step = request.POST.get("step", REVIEW)
    if request.method == "GET" or step == EDIT:
        form = WebApplicationForm(initial=_as_typed(request.POST) if request.method == "POST" else None)
        return page(request, "apply.html", form=form, via=via, card_enabled=card_enabled())
    form = WebApplicationForm(request.POST)
    if not form.is_valid():
        return page(request, "apply.html", form=form, via=via)
    if step != SEND:
        return page(request, "apply_review.html", form=form, rows=form.review(), via=via)
    line_user_id = _line_user(request, via)
    refusal = throttle.application(request, line_user_id=line_user_id, address=form.cleaned_data.get("email") or "")
    if refusal:  # too many from here, or the queue for the console is full: nothing is kept
        return page(request, "message.html", status=refusal.status, title=refusal.title, text=refusal.text)
    ref = services.submit_application(form.sealed_data(via), line_user_id=line_user_id)
    return page(request, "apply_done.html", reference=short_reference(ref), via=via,
                channel=form.cleaned_data["channel"])
