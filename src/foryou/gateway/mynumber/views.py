"""マイナンバーカードで本人確認: the button on the application page starts the flow (POST: the LIFF page's ID
token, or the email address typed on the web), the provider sends the resident back to the callback."""

import logging

from django import forms
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from foryou.gateway.liff import InvalidIdToken, verify_id_token
from foryou.gateway.mynumber import config, relying_party, services
from foryou.gateway.views import page

log = logging.getLogger(__name__)


def _apply_url(via: str) -> str:
    return reverse("gateway_apply") + ("?via=line" if via == "line" else "")


def _refused(request, code: str, via: str = "web", status: int = 400):
    return page(request, "message.html", status=status, title=_("Verification not completed"),
                text=str(services.FAILURES[code]), next_url=_apply_url(via), next_label=_("Back to the application page"))


@never_cache
@require_POST
def start(request):
    via = "line" if request.POST.get("via") == "line" else "web"
    if not config.enabled():
        return _refused(request, "unavailable", via, status=404)
    line_user_id = email = ""
    if via == "line":
        try:
            line_user_id = verify_id_token(request.POST.get("id_token", ""))
        except InvalidIdToken as exc:
            log.info("card verification without a verified LINE user: %s", exc)
            return page(request, "message.html", status=400, title=_("Verification not completed"),
                        text=_("Open this page from the city's LINE account, then tap the button again."),
                        next_url=_apply_url(via), next_label=_("Back to the application page"))
    else:
        field = forms.EmailField(max_length=254)
        try:
            email = field.clean(request.POST.get("email", "").strip())
        except forms.ValidationError:
            return page(request, "message.html", status=400, title=_("Verification not completed"),
                        text=_("Enter the email address where the city should write to you (for example "
                               "hanako@example.jp), then tap the button again."),
                        next_url=_apply_url(via), next_label=_("Back to the application page"))
    try:
        return HttpResponseRedirect(services.start(line_user_id=line_user_id, email=email))
    except relying_party.Refused as exc:
        return _refused(request, exc.code, via, status=409 if exc.code == "already_registered" else 503)


@never_cache
@require_GET
def callback(request):
    finished = services.finish(request.GET.dict())
    if not finished.ok:
        return _refused(request, finished.code)
    return page(request, "message.html", title=_("Your card was read"),
                text=_("Your details were sent to the city, encrypted. You will be told the result in LINE or "
                       "by email within a few minutes. You can close this page."))
