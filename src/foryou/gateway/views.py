"""Resident-facing pages of the gateway: activate (LIFF or email), the postal-code lookup, and the page
helper the other resident pages use (apply: apply_views; consent: consent_views). Mobile first, in the
resident's language (foryou.gateway.languages).
Nothing a resident types is stored here in the clear."""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from foryou.shared import numbers
from foryou.shared.client_address import client_ip as _client_ip
from foryou.gateway import consent_links, languages as page_languages, services, settings_links, throttle
from foryou.gateway.line import profiles
from foryou.shared import languages
from foryou.gateway.email import confirmations, letters
from foryou.gateway.forms import EmailActivationForm, NumberForm
from foryou.gateway.liff import InvalidIdToken, verify_id_token
from foryou.gateway.models import Subscriber
from foryou.gateway.towns import towns_for
from foryou.gateway.db import DB


def client_ip(request) -> str:
    """The client's address, behind the city's proxy too (FORYOU_CLIENT_IP_HEADER), for lockouts."""
    return _client_ip(request) or ""


def contact() -> dict:
    """Whom residents ask: the service's office (the department named as the postcards' sender)."""
    return {"CONTACT_DEPARTMENT": settings.POSTCARD_DEPARTMENT, "CONTACT_PHONE": settings.POSTCARD_SENDER_PHONE}


def page(request, template: str, status: int = 200, **context):
    response = render(request, f"gateway/{template}", {"liff_sdk_url": settings.LIFF_SDK_URL,
                                                      "liff_id": settings.LIFF_ID, **contact(), **context},
                      status=status)
    if settings.LIFF_PAGES_FRAMABLE:
        response.xframe_options_exempt = True  # the demo's phone simulator shows LIFF pages in a frame
    return response


def postal_lookup(request):
    """Towns with this postal code, from the municipality's own town list (public data)."""
    code = "".join(ch for ch in request.GET.get("code", "") if ch.isdigit())[:7]
    towns = towns_for(code) if len(code) == 7 else []
    return JsonResponse({"towns": [{"address": f"{settings.MUNICIPALITY_NAME}{t['ward']}{t['town']}"} for t in towns]})


@require_http_methods(["GET", "POST"])
def activate(request):
    """In LINE (LIFF): the page sends its ID token with the number. The language is preset only where
    the resident chose one with the switcher; otherwise it is their LINE profile's."""
    form = NumberForm(request.POST or None, initial={"number": request.GET.get("n", "")},
                      language=page_languages.chosen(request))
    if request.method == "POST" and form.is_valid():
        try:
            line_user_id = verify_id_token(form.cleaned_data["id_token"])
        except InvalidIdToken:
            form.add_error(None, _("Open this page from the city's LINE account to register."))
        else:
            language = form.cleaned_data.get("language") or profiles.language_for(line_user_id)
            outcome = services.activate(form.cleaned_data["number"], line_user_id=line_user_id, ip=client_ip(request),
                                        language=language)
            if outcome.ok:
                translation.activate(language)  # the answer in the language just chosen
                request.LANGUAGE_CODE = language
                return page(request, "message.html", title=_("Registration complete"), text=outcome.message,
                            next_url=reverse("gateway_consent"), next_label=_("About the use of tax data"))
            form.add_error("number", outcome.message)
            form.describe_fields()
    return page(request, "activate.html", form=form)


@require_http_methods(["GET", "POST"])
def activate_email(request):
    """On the web: the address gets a confirmation link first; the number is linked when it is opened."""
    form = EmailActivationForm(request.POST or None, initial={"number": request.GET.get("n", "")},
                               language=translation.get_language())
    if request.method == "POST" and form.is_valid():
        number = numbers.normalize(form.cleaned_data["number"])
        if not numbers.is_well_formed(number):
            form.add_error("number", services.MESSAGES["malformed"])
            form.describe_fields()
        elif refusal := throttle.confirmation_mail(request, form.cleaned_data["email"]):
            return page(request, "message.html", status=refusal.status, title=refusal.title, text=refusal.text)
        else:
            token = confirmations.create(number, form.cleaned_data["email"])  # the link carries only this
            language = languages.or_japanese(form.cleaned_data.get("language") or translation.get_language())
            translation.activate(language)
            request.LANGUAGE_CODE = language
            # A language other than Japanese rides in the link: the page it opens, and the registration, are in it.
            chosen = "" if language == languages.JAPANESE else f"{page_languages.PARAMETER}={language}&"
            link = request.build_absolute_uri(reverse("gateway_activate_email_confirm") + f"?{chosen}t={token}")
            if not letters.address_confirmation(form.cleaned_data["email"], link, language):
                return page(request, "message.html", status=503, title=_("Please try again later"),
                            text=_("The email could not be sent just now. Please try again in a few minutes."),
                            next_url=reverse("gateway_activate_email"), next_label=_("Enter the number again"))
            return page(request, "message.html", title=_("Check your email"),
                        text=_("We sent a confirmation link to %(email)s. Open it within 24 hours to finish registering.")
                        % {"email": form.cleaned_data["email"]})
    return page(request, "activate_email.html", form=form)


@never_cache
def activate_email_confirm(request):
    """The link from the confirmation email: links the address, says notices come by email, offers consent.
    Opening it again after it worked shows the same page (and sends nothing twice)."""
    pending = confirmations.read(request.GET.get("t", ""))
    if pending is None and request.GET.get("via") == "card":  # verified by card: there is no number to enter
        return page(request, "message.html", title=_("This link does not work"),
                    text=_("The link is wrong or older than 24 hours. Verify with your My Number Card again: "
                           "you will get a new link by email."),
                    next_url=reverse("gateway_apply") + "#mynumber", next_label=_("Verify with My Number Card"))
    if pending is None:
        return page(request, "message.html", title=_("This link does not work"),
                    text=_("The link is wrong or older than 24 hours. Enter your number again to get a new one."),
                    next_url=reverse("gateway_activate_email"), next_label=_("Enter the number again"))
    subscriber = Subscriber.objects.using(DB).by_number(pending.number).first()
    done_already = (subscriber is not None and subscriber.status == Subscriber.Status.ACTIVE
                    and subscriber.email.lower() == pending.email.lower())
    if not done_already:  # a second opening is not an attempt: it must not count towards a lockout
        outcome = services.activate(pending.number, email=pending.email, ip=client_ip(request),
                                    language=translation.get_language())
        if not outcome.ok:
            return page(request, "message.html", title=_("Registration not completed"), text=outcome.message)
        subscriber.refresh_from_db()
        letters.registration_complete(subscriber)
    page_languages.use_subscribers(request, subscriber)
    return page(request, "activate_email_done.html", email=subscriber.email,
                consent_url=reverse(consent_links.URL_NAME, args=[consent_links.token_for(subscriber)]),
                settings_url=settings_links.path_for(subscriber), tax_consent=subscriber.tax_consent)


def healthz(request):
    """For the load balancer: the gateway answers and its database is reachable."""
    Subscriber.objects.using(DB).exists()
    return JsonResponse({"ok": True, "zone": "gateway"})
