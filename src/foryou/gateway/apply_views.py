"""The application page (利用申請) on a phone: fill in → review (修正する / 送信する) → sealed and sent, with a
reference number. Nothing is sealed or sent before the resident confirms; the values travel in the review
page's hidden fields (never in a session: the gateway keeps nothing a resident types in the clear)."""

from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from foryou.gateway import services
from foryou.gateway.forms import WebApplicationForm
from foryou.gateway.views import page
from foryou.shared.application import short_reference

EDIT, REVIEW, SEND = "edit", "review", "send"


def _source(request) -> str:
    return "line" if request.GET.get("via") == "line" or request.POST.get("via") == "line" else "web"


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
        return page(request, "apply.html", form=form, via=via)
    form = WebApplicationForm(request.POST)
    if not form.is_valid():
        return page(request, "apply.html", form=form, via=via)
    if step != SEND:
        return page(request, "apply_review.html", form=form, rows=form.review(), via=via)
    ref = services.submit_application(form.sealed_data(via))
    return page(request, "apply_done.html", reference=short_reference(ref), via=via,
                channel=form.cleaned_data["channel"])
