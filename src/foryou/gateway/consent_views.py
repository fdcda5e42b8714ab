"""The consent page (税情報の利用): what consent to the use of tax data enables, give or withdraw it.

Two ways in, one page: in LINE (LIFF) the resident is identified by an ID token; an email registrant opens a
signed, expiring link from an email (consent_links). Either way the choice reaches the console the same way
(services.set_consent emits consent.changed); the page then thanks the resident, and an email registrant
also gets a confirmation email. Opening or posting a link again shows the current state and repeats nothing.
"""

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from foryou.gateway import consent_links, languages as page_languages, services
from foryou.gateway.email import letters
from foryou.gateway.liff import InvalidIdToken, verify_id_token
from foryou.gateway.models import Subscriber
from foryou.gateway.views import page

CHOICES = {"give": True, "withdraw": False}


def _choose(subscriber: Subscriber, choice: str) -> bool:
    """Record the choice unless it is already the current one under the terms shown (the version in the
    page's language); True if it changed."""
    given = CHOICES[choice]
    language = translation.get_language()
    if subscriber.tax_consent == given and subscriber.consent_terms == services.consent_terms(language):
        return False
    services.set_consent(subscriber, given, language=language)
    return True


def _render(request, subscriber, *, via: str, error: str = "", done: str = "", mailed: bool = False):
    return page(request, "consent.html", subscriber=subscriber, error=error, done=done, mailed=mailed, via=via,
                terms_version=services.consent_terms(translation.get_language()))


@never_cache
@require_http_methods(["GET", "POST"])
def consent(request):
    """In LINE (LIFF): identified by the ID token the page posts with the choice."""
    subscriber, error, done = None, "", ""
    if request.method == "POST":
        try:
            line_user_id = verify_id_token(request.POST.get("id_token", ""))
            subscriber = Subscriber.objects.active().by_line_user(line_user_id).first()
        except InvalidIdToken:
            error = _("Open this page from the city's LINE account.")
        if subscriber is None and not error:
            error = _("This LINE account is not registered yet. Enter your registration number first.")
        if subscriber is not None and request.POST.get("choice") in CHOICES:
            _choose(subscriber, request.POST["choice"])
            done = request.POST["choice"]
    return _render(request, subscriber, via="line", error=error, done=done)


@never_cache
@require_http_methods(["GET", "POST"])
def consent_by_email(request, token: str):
    """From an email: the signed link names the registration; the buttons post with CSRF."""
    link = consent_links.read(token)
    if link is None:
        return page(request, "message.html", status=400, title=_("This link is not valid"),
                    text=_("Open the link in the email again, or contact the city (see the email)."))
    subscriber = link.subscriber
    page_languages.use_subscribers(request, subscriber)
    if subscriber.status != Subscriber.Status.ACTIVE:
        return page(request, "message.html", title=_("This registration has ended"),
                    text=_("This registration no longer receives notices. To receive them again, apply again."),
                    next_url=reverse("gateway_apply"), next_label=_("Apply again"))
    if link.expired:
        if request.method == "POST" and request.POST.get("action") == "new_link":
            sent = consent_links.may_mail_new_link(subscriber) and letters.new_consent_link(subscriber)
            return page(request, "message.html", title=_("Check your email") if sent else _("Please try again later"),
                        text=_("We sent a new link to your registered email address.") if sent else
                        _("The email could not be sent just now. Please try again in a few minutes."))
        return page(request, "consent_expired.html")
    done, mailed = "", False
    if request.method == "POST" and request.POST.get("choice") in CHOICES:
        done = request.POST["choice"]
        if _choose(subscriber, done):
            subscriber.refresh_from_db()
            mailed = letters.consent_changed(subscriber)
    return _render(request, subscriber, via="email", done=done, mailed=mailed)
