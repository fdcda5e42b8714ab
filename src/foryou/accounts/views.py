"""Two-factor enrolment and verification, and the staff management page of service administrators."""

from functools import wraps

import segno
from django.contrib import messages
from django.contrib.auth import get_user_model, logout
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import verify_token
from django_otp.plugins.otp_totp.models import TOTPDevice

from foryou.accounts import access, enrolment, lockout, services
from foryou.accounts.forms import AddStaffForm, CodeForm, EnrolmentCodeForm, RoleForm
from foryou.accounts.middleware import forbidden, locked_out, two_factor_exempt
from foryou.accounts.models import LoginFailure, Lockout, Membership, StaffAuthenticator
from foryou.audit import services as audit


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse("home")


def _wrong_code(request):
    """A wrong code counts like a wrong password; when it locks the account, the session ends."""
    user = request.user
    until = lockout.record_failure(user.get_username(), lockout.client_ip(request), LoginFailure.Kind.CODE)
    if until is not None:
        logout(request)
        return locked_out(request, until)
    return None


def _locked(request):
    until = lockout.locked_until(request.user.get_username(), lockout.client_ip(request))
    if until is not None:
        logout(request)
        return locked_out(request, until)
    return None


@two_factor_exempt
@login_required
def verify(request):
    user = request.user
    if not access.needs_two_factor(user) or user.is_verified():
        return redirect(_next(request))
    device = StaffAuthenticator.objects.filter(user=user, confirmed=True).first()
    if device is None:
        return redirect(f"{reverse('two_factor_setup')}?{urlencode({'next': _next(request)})}")
    form = CodeForm(request.POST or None)
    error = ""
    if request.method == "POST" and form.is_valid():
        if (response := _locked(request)) is not None:
            return response
        allowed, info = device.verify_is_allowed()
        if not allowed:
            wait = info.get("locked_until") if info else None
            error = _("Too many wrong codes. Wait until %(time)s, then enter the code shown at that time.") % {
                "time": timezone.localtime(wait).strftime("%H:%M:%S") if wait else "-"}
        elif verify_token(user, device.persistent_id, form.cleaned_data["code"]) is not None:
            otp_login(request, device)
            lockout.clear_failures(user.get_username(), LoginFailure.Kind.CODE)
            audit.record("accounts.two_factor_verified", actor=user, target=f"user:{user.get_username()}",
                         detail={"ip": lockout.client_ip(request)})
            return redirect(_next(request))
        else:
            if (response := _wrong_code(request)) is not None:
                return response
            error = _("The code is wrong or has expired. Enter the code your authenticator app shows now.")
            form = CodeForm()  # an empty field: the next code is not typed after the wrong one
    return render(request, "accounts/two_factor_verify.html", {"form": form, "error": error, "next": _next(request)})


def _enrolment_code(request):
    """Before the secret is shown: the one-time code an administrator issued (foryou.accounts.enrolment)."""
    form = EnrolmentCodeForm(request.POST or None)
    error = ""
    if request.method == "POST" and form.is_valid():
        if (response := _locked(request)) is not None:
            return response
        if enrolment.redeem(request.user, form.cleaned_data["enrolment_code"]):
            enrolment.remember(request)
            return redirect(f"{reverse('two_factor_setup')}?{urlencode({'next': _next(request)})}")
        if (response := _wrong_code(request)) is not None:
            return response
        error = _("The enrolment code is wrong, used or expired. Ask a service administrator for a new one.")
        form = EnrolmentCodeForm()
    return render(request, "accounts/two_factor_enrolment_code.html",
                  {"form": form, "error": error, "next": _next(request)})


@two_factor_exempt
@login_required
def setup(request):
    """Enrolment: after the administrator's one-time enrolment code, a QR code (and the key to type) for
    an authenticator app, confirmed by one code."""
    user = request.user
    if not access.needs_two_factor(user):
        return redirect(_next(request))
    if services.has_two_factor(user):
        if user.is_verified():
            return redirect(_next(request))
        return redirect(f"{reverse('two_factor_verify')}?{urlencode({'next': _next(request)})}")
    if not enrolment.entered(request):
        return _enrolment_code(request)
    device = StaffAuthenticator.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = StaffAuthenticator.objects.create(user=user, name=_("authenticator app"), confirmed=False)
    form = CodeForm(request.POST or None)
    error = ""
    if request.method == "POST" and form.is_valid():
        if (response := _locked(request)) is not None:
            return response
        if device.verify_token(form.cleaned_data["code"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            enrolment.forget(request)
            lockout.clear_failures(user.get_username(), LoginFailure.Kind.CODE)
            audit.record("accounts.two_factor_enrolled", actor=user, target=f"user:{user.get_username()}",
                         detail={"ip": lockout.client_ip(request)})
            messages.success(request, _("Two-factor authentication is set up. From now on, log in with your "
                                        "password and a code from the app."))
            return redirect(_next(request))
        if (response := _wrong_code(request)) is not None:
            return response
        error = _("The code is wrong or has expired. Check that the app's clock is right and enter the code it "
                  "shows now.")
        form = CodeForm()
    qr = segno.make(device.config_url, error="m").svg_inline(scale=4, title=_("QR code for your authenticator app"))
    return render(request, "accounts/two_factor_setup.html", {
        "form": form, "error": error, "qr": qr, "secret": services.totp_secret(device), "next": _next(request)})


def admin_required(view):
    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        if not access.is_admin(request.user):
            return forbidden(request)
        return view(request, *args, **kwargs)
    return wrapper


def _staff_rows():
    User = get_user_model()
    users = User.objects.order_by("username").prefetch_related("memberships__department")
    enrolled = set(TOTPDevice.objects.filter(confirmed=True).values_list("user_id", flat=True))
    locked = dict(Lockout.objects.filter(scope=Lockout.Scope.USERNAME, until__gt=timezone.now())
                  .values_list("key", "until"))
    rows = []
    for user in users:
        memberships = list(user.memberships.all())
        roles = {m.role for m in memberships} | ({access.ADMIN} if user.is_superuser else set())
        rows.append({"user": user, "memberships": memberships, "two_factor": user.pk in enrolled,
                     "needs_two_factor": bool(roles & access.TWO_FACTOR_ROLES),
                     "locked_until": locked.get(lockout.fold(user.username))})
    return rows


@admin_required
def staff_list(request):
    services.sync_departments()
    return render(request, "accounts/staff_list.html", {"rows": _staff_rows(), "form": AddStaffForm()})


@admin_required
@require_POST
def staff_add(request):
    services.sync_departments()
    form = AddStaffForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            user = services.add_staff(data["username"], data["password"], role=data["role"],
                                      department=data["department"] or None, display_name=data["display_name"],
                                      by=request.user)
        except services.StaffError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Added %(user)s.") % {"user": user.get_username()})
            return redirect("staff_detail", pk=user.pk)
    return render(request, "accounts/staff_list.html", {"rows": _staff_rows(), "form": form}, status=400)


@admin_required
def staff_detail(request, pk: int, form=None):
    member = get_object_or_404(get_user_model(), pk=pk)
    services.sync_departments()
    return render(request, "accounts/staff_detail.html", {
        "member": member, "memberships": Membership.objects.of(member),
        "two_factor": services.has_two_factor(member), "needs_two_factor": access.needs_two_factor(member),
        "locked_until": lockout.locked_until(member.get_username(), None), "form": form or RoleForm()},
        status=400 if form is not None else 200)


@admin_required
@require_POST
def staff_grant(request, pk: int):
    member = get_object_or_404(get_user_model(), pk=pk)
    form = RoleForm(request.POST)
    if form.is_valid():
        try:
            services.grant(member, form.cleaned_data["role"], form.cleaned_data["department"] or None, by=request.user)
        except services.StaffError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The role was granted."))
            return redirect("staff_detail", pk=member.pk)
    return staff_detail(request, pk, form=form)


@admin_required
@require_POST
def staff_revoke(request, pk: int, membership: int):
    member = get_object_or_404(get_user_model(), pk=pk)
    held = get_object_or_404(Membership, pk=membership, user=member)
    try:
        services.revoke(member, held.role, held.department.name if held.department else None, by=request.user)
    except services.StaffError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The role was taken away."))
    return redirect("staff_detail", pk=member.pk)


@admin_required
@require_POST
def staff_reset_two_factor(request, pk: int):
    member = get_object_or_404(get_user_model(), pk=pk)
    services.reset_two_factor(member, by=request.user)
    messages.success(request, _("Two-factor authentication was reset: %(user)s sets up an authenticator app at "
                                "the next login.") % {"user": member.get_username()})
    return redirect("staff_detail", pk=member.pk)


@admin_required
@require_POST
def staff_enrolment_code(request, pk: int):
    """Issue a one-time enrolment code, shown on this answer only (never kept in the clear)."""
    member = get_object_or_404(get_user_model(), pk=pk)
    if not access.needs_two_factor(member) or services.has_two_factor(member):
        messages.error(request, _("%(user)s needs no enrolment code: no authenticator to set up.")
                       % {"user": member.get_username()})
        return redirect("staff_detail", pk=member.pk)
    code, expires_at = enrolment.issue(member, by=request.user)
    response = render(request, "accounts/staff_enrolment_code.html",
                      {"member": member, "code": code, "expires_at": expires_at})
    add_never_cache_headers(response)
    return response


@admin_required
@require_POST
def staff_unlock(request, pk: int):
    member = get_object_or_404(get_user_model(), pk=pk)
    services.unlock(member, by=request.user)
    messages.success(request, _("%(user)s can log in again.") % {"user": member.get_username()})
    return redirect("staff_detail", pk=member.pk)
