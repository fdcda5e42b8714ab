"""Console protection, as middleware so that it holds for every console page, direct URLs included:

- ConsoleAccessMiddleware: staff who need two-factor authentication (administrators, approvers) enrol
  or enter a code before any console page; areas a role has no business in are refused; console HTML
  gets a Content-Security-Policy; every response gets a Permissions-Policy.
- LoginLockoutMiddleware: a login refused or stopped by a lockout is answered with a page that says
  until when, instead of the login form.

Resident pages (gateway), the LINE webhook, /bridge/, the LINE emulator and static files are never
touched by the console rules."""

from django.conf import settings
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.deprecation import MiddlewareMixin
from django.utils.http import urlencode

from foryou.accounts import access
from foryou.accounts.backends import LOCKED_ATTRIBUTE

NOT_CONSOLE_MODULES = ("foryou.gateway", "foryou.dev.lineemu", "foryou.dev.mailcatcher", "django.views.static",
                       "django.contrib.staticfiles")
TWO_FACTOR_FREE_URL_NAMES = {"login", "logout", "healthz"}


def _has_module_perms(app_label):
    return lambda user: user.has_module_perms(app_label)


def _has_perm(permission):
    return lambda user: user.has_perm(permission)


# Console areas and who may open them, by view ("module." prefix or "module.function"). The views'
# own permission_required checks still apply to what is done inside.
AREAS = [
    ("foryou.enrollment.views.", _has_module_perms("enrollment")),  # registrars (and admins)
    ("foryou.enrollment.application_views.", _has_module_perms("enrollment")),
    ("foryou.console.views.imports", _has_perm("residents.view_importrun")),  # administrators
    ("foryou.console.views.import_detail", _has_perm("residents.view_importrun")),
]


def is_console_view(view_func) -> bool:
    module = getattr(view_func, "__module__", "") or ""
    return not module.startswith(NOT_CONSOLE_MODULES)


def two_factor_exempt(view):
    """Marks a view that staff may open before their second factor (the two-factor pages themselves)."""
    view.two_factor_exempt = True
    return view


def forbidden(request):
    return render(request, "accounts/forbidden.html", status=403)


def _area_allowed(user, view_func) -> bool:
    name = f"{getattr(view_func, '__module__', '')}.{getattr(view_func, '__name__', '')}"
    for prefix, allowed in AREAS:
        if (name.startswith(prefix) if prefix.endswith(".") else name == prefix) and not allowed(user):
            return False
    return True


class ConsoleAccessMiddleware(MiddlewareMixin):
    def process_view(self, request, view_func, view_args, view_kwargs):
        if not is_console_view(view_func):
            return None
        request.foryou_console = True
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None  # the view's login_required sends them to the login page
        match = request.resolver_match
        if (match and match.url_name in TWO_FACTOR_FREE_URL_NAMES) or getattr(view_func, "two_factor_exempt", False):
            return None
        if access.needs_two_factor(user) and not (hasattr(user, "is_verified") and user.is_verified()):
            from foryou.accounts.services import has_two_factor

            target = "two_factor_verify" if has_two_factor(user) else "two_factor_setup"
            return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
        if not _area_allowed(user, view_func):
            return forbidden(request)
        return None

    def process_response(self, request, response):
        if getattr(request, "foryou_console", False) and response.get("Content-Type", "").startswith("text/html"):
            response.headers.setdefault("Content-Security-Policy", settings.CONSOLE_CONTENT_SECURITY_POLICY)
        if settings.PERMISSIONS_POLICY:
            response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class LoginLockoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        until = getattr(request, LOCKED_ATTRIBUTE, None)
        if until is not None:
            return locked_out(request, until)
        return response


def locked_out(request, until):
    return render(request, "accounts/locked_out.html", {"until": until}, status=429)
