"""The language of the resident pages: chosen with the switcher on every page (`?lang=en`, then kept in a
cookie that holds only the code), else the registrant's own language where the page knows whom it is for
(use_subscribers()), else Japanese. The console is not touched: it stays Japanese (docs/decisions/0040).

LINE and email texts do not come through here: they are written under
translation.override(subscriber.language) where they are sent."""

from __future__ import annotations

from django.conf import settings
from django.utils import translation

from foryou.shared import languages

PARAMETER = "lang"
COOKIE = "foryou_lang"
COOKIE_AGE = 365 * 24 * 3600
RESIDENT_MODULES = "foryou.gateway."
# Machine endpoints read their raw body themselves (signatures): never touch request.POST before them.
NOT_PAGES = ("foryou.gateway.line.views", "foryou.gateway.bridge.")
# Pages whose uploads are sealed as they stream in: their view sets the upload handlers, so the body must
# not be parsed before it (nor after it, with Django's handlers, which write large files to disk).
STREAMED_UPLOADS = ("foryou.gateway.casework.",)


def _posted(request) -> str | None:
    if request.method != "POST" or getattr(request, "foryou_streamed_upload", False):
        return None
    return request.POST.get(PARAMETER)


def chosen(request) -> str:
    """The language the request names (?lang=, POSTed lang, or the cookie); "" if none offered."""
    for value in (request.GET.get(PARAMETER), _posted(request), request.COOKIES.get(COOKIE)):
        if languages.is_offered(value):
            return value
    return ""


def explicit(request) -> str:
    """A language chosen on this very request (the switcher), which outranks a registrant's stored one."""
    value = request.GET.get(PARAMETER) or _posted(request) or ""
    return value if languages.is_offered(value) else ""


def use_subscribers(request, subscriber) -> str:
    """On a page for a known registrant: their stored language unless this request chose one."""
    code = explicit(request) or languages.or_japanese(getattr(subscriber, "language", ""))
    translation.activate(code)
    request.LANGUAGE_CODE = code
    return code


def html_lang(code: str) -> str:
    """The value of <html lang>: BCP 47 as browsers and screen readers read it (やさしい日本語 is Japanese)."""
    return {"ja-easy": "ja", "zh-hans": "zh-Hans", "pt-br": "pt-BR"}.get(code, code)


class ResidentLanguageMiddleware:
    """Activates the chosen language for gateway views only, and always resets it after the response so
    the next request a thread serves (a console page, in the embedded product) is Japanese again."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            response = self.get_response(request)
        finally:
            translation.deactivate()
        code = explicit(request)
        if code and getattr(request, "foryou_resident_language", False):
            response.set_cookie(COOKIE, code, max_age=COOKIE_AGE, samesite="Lax",
                                secure=settings.SESSION_COOKIE_SECURE, httponly=True)
        if getattr(request, "foryou_resident_language", False):
            response.headers.setdefault("Content-Language", html_lang(getattr(request, "LANGUAGE_CODE", "ja")))
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        module = getattr(view_func, "__module__", "") or ""
        if module.startswith(RESIDENT_MODULES) and not module.startswith(NOT_PAGES):
            request.foryou_resident_language = True
            request.foryou_streamed_upload = module.startswith(STREAMED_UPLOADS)
            code = chosen(request) or languages.JAPANESE
            translation.activate(code)
            request.LANGUAGE_CODE = code
