"""The settings page (設定): language, topics, channel and a quiet period for one registrant.

Two ways in, one page: an email registrant follows the signed link in any email (settings_links); in
LINE the LIFF page /settings/ sends its ID token (liff-open.js posts it as soon as LIFF gives it) and is
sent on to a fresh signed link for that LINE user. The page shows in the registrant's language unless
the switcher chose another; saving a new language shows the page in it at once. Saving sends
registration.preferences to the console (foryou.gateway.preferences)."""

from urllib.parse import urlencode

from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from foryou.gateway import consent_links, languages as page_languages, preferences, settings_links
from foryou.gateway.forms import SettingsForm
from foryou.gateway.line import words
from foryou.gateway.liff import InvalidIdToken, verify_id_token
from foryou.gateway.models import Subscriber
from foryou.gateway.views import page
from foryou.gateway.db import DB


def _today():
    return timezone.localdate()


@never_cache
@require_http_methods(["GET", "POST"])
def open_in_line(request):
    """In LINE (LIFF): the ID token names the LINE user; their settings open under a signed link."""
    if request.method == "POST":
        try:
            line_user_id = verify_id_token(request.POST.get("id_token", ""))
        except InvalidIdToken:
            return page(request, "message.html", status=400, title=_("Open this page from the city's LINE account."),
                        text=_("Tap \"Settings\" in the menu of the city's LINE account."))
        subscriber = Subscriber.objects.using(DB).active().by_line_user(line_user_id).first()
        if subscriber is None:
            return page(request, "message.html", title=_("Not registered yet"),
                        text=_("This LINE account is not registered yet. Enter your registration number first."))
        return HttpResponseRedirect(_with_language(settings_links.path_for(subscriber), request))
    return page(request, "settings_open.html")


def _with_language(path: str, request) -> str:
    """A language picked on the opening page (before it had opened the settings) is kept."""
    code = page_languages.explicit(request)
    return f"{path}{'&' if '?' in path else '?'}{urlencode({page_languages.PARAMETER: code})}" if code else path


@never_cache
@require_http_methods(["GET", "POST"])
def settings_page(request, token: str):
    subscriber = settings_links.read(token)
    if subscriber is None:
        return page(request, "message.html", status=400, title=_("This link is not valid"),
                    text=_("Open the link in the newest email again, or tap \"Settings\" in the LINE menu."))
    page_languages.use_subscribers(request, subscriber)
    saved = False
    form = SettingsForm(request.POST or None, subscriber=subscriber, today=_today())
    if request.method == "POST" and form.is_valid():
        preferences.save(subscriber, form.choices())
        saved = True
        subscriber.refresh_from_db()
        code = form.cleaned_data["language"]
        translation.activate(code)  # the page answers in the language just chosen
        request.LANGUAGE_CODE = code
        form = SettingsForm(subscriber=subscriber, today=_today())
    return page(request, "settings.html", form=form, saved=saved, subscriber=subscriber,
                consent_url=_consent_url(subscriber), stop_word=words.STOP)


def _consent_url(subscriber: Subscriber) -> str:
    """Where this registrant gives or withdraws consent to the use of tax data: their signed link when
    they have an email address (it works in any browser), else the consent page beside this one in the
    LIFF app (it identifies them by the ID token)."""
    if subscriber.email:
        return reverse(consent_links.URL_NAME, args=[consent_links.token_for(subscriber)])
    return reverse("gateway_consent")
