"""Resident-facing pages of the gateway: apply, activate (LIFF or email), consent. Mobile first,
Japanese. Nothing a resident types is stored here in the clear."""

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from foryou.shared import numbers
from foryou.gateway import services
from foryou.gateway.forms import EmailActivationForm, NumberForm
from foryou.shared.application import ApplicationForm
from foryou.gateway.liff import InvalidIdToken, verify_id_token
from foryou.gateway.models import Subscriber
from foryou.gateway.towns import towns_for
from foryou.gateway.db import DB

EMAIL_LINK_SALT = "foryou.gateway.email-activation"
EMAIL_LINK_MAX_AGE = 24 * 3600


def client_ip(request) -> str:
    return request.META.get("REMOTE_ADDR", "")


def _page(request, template: str, **context):
    response = render(request, f"gateway/{template}", {"liff_sdk_url": settings.LIFF_SDK_URL,
                                                      "liff_id": settings.LIFF_ID, **context})
    if settings.LIFF_PAGES_FRAMABLE:
        response.xframe_options_exempt = True  # the demo's phone simulator shows LIFF pages in a frame
    return response


@require_http_methods(["GET", "POST"])
def apply(request):
    source = "line" if request.GET.get("via") == "line" or request.POST.get("via") == "line" else "web"
    form = ApplicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.submit_application(form.sealed_data(source))
        return _page(request, "message.html", title=_("Application received"),
                     text=_("Thank you. The city will check your application and send a postcard with your "
                            "registration number to your registered address. It usually arrives within two weeks."))
    return _page(request, "apply.html", form=form, via=source)


def postal_lookup(request):
    """Towns with this postal code, from the municipality's own town list (public data)."""
    code = "".join(ch for ch in request.GET.get("code", "") if ch.isdigit())[:7]
    towns = towns_for(code) if len(code) == 7 else []
    return JsonResponse({"towns": [{"address": f"{settings.MUNICIPALITY_NAME}{t['ward']}{t['town']}"} for t in towns]})


@require_http_methods(["GET", "POST"])
def activate(request):
    """In LINE (LIFF): the page sends its ID token with the number."""
    form = NumberForm(request.POST or None, initial={"number": request.GET.get("n", "")})
    if request.method == "POST" and form.is_valid():
        try:
            line_user_id = verify_id_token(form.cleaned_data["id_token"])
        except InvalidIdToken:
            form.add_error(None, _("Open this page from the city's LINE account to register."))
        else:
            outcome = services.activate(form.cleaned_data["number"], line_user_id=line_user_id, ip=client_ip(request))
            if outcome.ok:
                return _page(request, "message.html", title=_("Registration complete"), text=outcome.message,
                             next_url=reverse("gateway_consent"), next_label=_("About the use of tax data"))
            form.add_error("number", outcome.message)
    return _page(request, "activate.html", form=form)


@require_http_methods(["GET", "POST"])
def activate_email(request):
    """On the web: the address gets a confirmation link first; the number is linked when it is opened."""
    form = EmailActivationForm(request.POST or None, initial={"number": request.GET.get("n", "")})
    if request.method == "POST" and form.is_valid():
        number = numbers.normalize(form.cleaned_data["number"])
        if not numbers.is_well_formed(number):
            form.add_error("number", services.MESSAGES["malformed"])
        else:
            token = signing.dumps({"n": number, "e": form.cleaned_data["email"]}, salt=EMAIL_LINK_SALT)
            link = request.build_absolute_uri(reverse("gateway_activate_email_confirm") + f"?t={token}")
            send_mail(_("[%(service)s] Confirm your email address") % {"service": settings.SERVICE_NAME},
                      _("Open this link within 24 hours to finish registering:\n%(link)s\n\n"
                        "If you did not ask for this, ignore this email.") % {"link": link},
                      None, [form.cleaned_data["email"]])
            return _page(request, "message.html", title=_("Check your email"),
                         text=_("We sent a confirmation link to %(email)s. Open it within 24 hours to finish registering.")
                         % {"email": form.cleaned_data["email"]})
    return _page(request, "activate_email.html", form=form)


def activate_email_confirm(request):
    try:
        data = signing.loads(request.GET.get("t", ""), salt=EMAIL_LINK_SALT, max_age=EMAIL_LINK_MAX_AGE)
    except signing.BadSignature:
        return _page(request, "message.html", title=_("This link does not work"),
                     text=_("The link is wrong or older than 24 hours. Enter your number again to get a new one."),
                     next_url=reverse("gateway_activate_email"), next_label=_("Enter the number again"))
    outcome = services.activate(data["n"], email=data["e"], ip=client_ip(request))
    title = _("Registration complete") if outcome.ok else _("Registration not completed")
    return _page(request, "message.html", title=title, text=outcome.message)


@require_http_methods(["GET", "POST"])
def consent(request):
    """What consent to the use of tax data means; give or withdraw it (LIFF: identified by ID token)."""
    subscriber, error = None, ""
    token = request.POST.get("id_token", "")
    if request.method == "POST":
        try:
            subscriber = Subscriber.objects.active().by_line_user(verify_id_token(token)).first()
        except InvalidIdToken:
            error = _("Open this page from the city's LINE account.")
        if subscriber is None and not error:
            error = _("This LINE account is not registered yet. Enter your registration number first.")
        if subscriber is not None and request.POST.get("choice") in ("give", "withdraw"):
            services.set_consent(subscriber, request.POST["choice"] == "give")
    return _page(request, "consent.html", subscriber=subscriber, error=error,
                 terms_version=settings.CONSENT_TERMS_VERSION)


def healthz(request):
    """For the load balancer: the gateway answers and its database is reachable."""
    Subscriber.objects.using(DB).exists()
    return JsonResponse({"ok": True, "zone": "gateway"})
