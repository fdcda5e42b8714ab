"""The page an invitation postcard points to for 今後の案内を希望しない: the number, then a confirm step."""

from django import forms
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from foryou.gateway import invitation_declines
from foryou.gateway.forms import DescribedFieldsMixin
from foryou.gateway.views import client_ip, page
from foryou.shared import numbers


class DeclineForm(DescribedFieldsMixin, forms.Form):
    number = forms.CharField(label=gettext_lazy("Registration number"), max_length=40,
                             help_text=gettext_lazy("The 16 digits on the postcard, e.g. 1234-5678-9012-3456"),
                             widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.describe_fields()


@never_cache
@require_http_methods(["GET", "POST"])
def decline(request):
    """GET: the number (from the postcard's QR code, or typed). POST without `confirm`: checked, then the
    confirm step; POST with `confirm`: the number is void and the city is told."""
    form = DeclineForm(request.POST or None, initial={"number": request.GET.get("n", "")})
    if request.method == "POST" and form.is_valid():
        typed = form.cleaned_data["number"]
        confirming = request.POST.get("confirm") == "yes"
        code = (invitation_declines.decline if confirming else invitation_declines.check)(typed, client_ip(request))
        if code == "declined":
            return redirect("gateway_decline_done")
        if code == "ok":
            return page(request, "decline_confirm.html", number=numbers.normalize(typed),
                        shown=_grouped(numbers.normalize(typed)))
        form.add_error("number", invitation_declines.message(code))
        form.describe_fields()
    return page(request, "decline.html", form=form, apply_url=reverse("gateway_apply"))


def decline_done(request):
    return page(request, "message.html", title=_("You will not be invited again"),
                text=_("The number on your postcard no longer works, and the city will not send you invitations "
                       "to this service again. If you change your mind, you can still apply on the application page."),
                next_url=reverse("gateway_apply"), next_label=_("Go to the application page"))


def _grouped(number: str) -> str:
    return "-".join(number[i:i + 4] for i in range(0, len(number), 4))
