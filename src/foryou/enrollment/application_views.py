"""One application as a registrar reviews it: the registry candidates, a manual search of the registry
when none fits, contacting the applicant, and the decision. Accepting issues a number at once, for a
person the console proposed only (proposals.py); anyone else needs an override with a reason that a
second registrar confirms. Rejecting and confirming an override first show what they do and ask to
confirm (a POST without `confirmed` only shows that page, so it works without JavaScript). Every look
at the application or at registry data is audited. The new number is shown masked: it is printed on
the postcard, not read off the screen."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from foryou.audit import services as audit
from foryou.audit.models import AuditEvent
from foryou.enrollment import proposals, registrant_lookup, services
from foryou.enrollment.addresses import undoubled
from foryou.enrollment.display import channel_label, masked
from foryou.enrollment.matching import manual
from foryou.enrollment.models import AcceptOverride, Application
from foryou.residents import resident_ids, store
from foryou.shared.jp.dates import NotADate, parse_date

CONTACTED = "enrollment.applicant_contacted"


class ManualSearchForm(forms.Form):
    """The registrar's own search: a 宛名番号, or a name with a date of birth."""

    name = forms.CharField(label=gettext_lazy("Name (kanji or kana; part is enough)"), required=False, max_length=100)
    birth_date = forms.CharField(label=gettext_lazy("Date of birth"), required=False, max_length=40,
                                 help_text=gettext_lazy("e.g. 1935-04-01 or 昭和10年4月1日"))
    resident_id = forms.CharField(label=gettext_lazy("宛名番号"), required=False, max_length=20)

    def clean_birth_date(self):
        text = self.cleaned_data["birth_date"].strip()
        if not text:
            return None
        try:
            return parse_date(text)
        except (NotADate, ValueError):
            raise forms.ValidationError(_("Write the date of birth as 1935-04-01 or 昭和10年4月1日.")) from None

    def clean_resident_id(self):
        value = resident_ids.typed(self.cleaned_data["resident_id"])
        if value and not resident_ids.is_digits(value):
            raise forms.ValidationError(_("A 宛名番号 is written in digits only."))
        return value

    def clean(self):
        data = super().clean()
        if not self.errors and not data.get("resident_id") and not (data.get("name") and data.get("birth_date")):
            raise forms.ValidationError(_("Enter a 宛名番号, or a name together with a date of birth."))
        return data


def _manual_search(request, app: Application) -> tuple[ManualSearchForm | None, object, str]:
    """(form, result or None, error) of the manual search asked for in the query string, audited."""
    if request.GET.get("search") != "manual":
        return ManualSearchForm(initial={"name": app.name_kana, "birth_date": app.birth_date.isoformat()}), None, ""
    form = ManualSearchForm(request.GET)
    if not form.is_valid():
        return form, None, ""
    data = form.cleaned_data
    try:
        with store.connect() as con:
            result = manual.search(con, name=data["name"], birth_date=data["birth_date"],
                                   resident_id=data["resident_id"])
    except store.NoSnapshot as exc:
        return form, None, str(exc)
    audit.record("enrollment.registry_searched", actor=request.user, target=f"application:{app.pk}", detail={
        "name": data["name"], "birth_date": data["birth_date"].isoformat() if data["birth_date"] else "",
        "resident_id": data["resident_id"], "shown": [f.resident_id for f in result.found],
        "protected_left_out": result.protected_left_out})
    return form, result, ""


@login_required
def application(request, pk: int):
    app = get_object_or_404(Application, pk=pk)
    audit.record("enrollment.application_viewed", actor=request.user, target=f"application:{app.pk}")
    found, protected_match, error = [], False, ""
    form, manual_result, override = None, None, None
    if app.status == Application.Status.PENDING:
        try:
            found = proposals.candidates_for(app)
            protected_match = found.protected_match
        except store.NoSnapshot as exc:
            error = str(exc)
        override = _pending_override(app)
        audit.record("enrollment.candidates_viewed", actor=request.user, target=f"application:{app.pk}",
                     detail={"candidates": [c.resident_id for c in found]}
                     | ({"override": override.resident_id} if override else {}))
        form, manual_result, manual_error = _manual_search(request, app)
        error = error or manual_error
    return render(request, "enrollment/application.html", {
        "app": app, "address": undoubled(app.address), "channel": channel_label(app.channel),
        "candidates": found, "protected_match": protected_match, "error": error,
        "reasons": Application.RejectReason.choices, "manual_form": form, "manual": manual_result,
        "duplicates": _duplicates_of(app), "override": override,
        "override_form": OverrideForm(auto_id="override_%s"), "can_confirm": override and override.requested_by_id != request.user.pk,
        "contacts": AuditEvent.objects.about(f"application:{app.pk}").filter(action=CONTACTED).order_by("at"),
    })


def _duplicates_of(app: Application) -> list[Application]:
    if app.status != Application.Status.PENDING:
        return []
    same = Application.objects.duplicates_pending()
    return list(Application.objects.filter(pk__in=same - {app.pk})) if app.pk in same else []


def _pending_override(app: Application):
    """The override waiting for a second registrar, with the registry's record of its person (None when
    the person is no longer current, or under 支援措置: never shown)."""
    override = AcceptOverride.objects.pending_for(app).select_related("requested_by").first()
    if override is not None:
        try:
            person = registrant_lookup.person(override.resident_id)
        except store.NoSnapshot:
            person = None
        override.person = person if person is not None and person.is_current and not person.protected else None
    return override


def _acceptable(resident_id: str) -> bool:
    """A person staff may register: in the current data, resident, not under 支援措置 (the form only
    offers such persons; this holds for whatever is posted)."""
    try:
        person = registrant_lookup.person(resident_id)
    except store.NoSnapshot:
        return False
    return person is not None and person.is_current and not person.protected


@login_required
@permission_required("enrollment.change_application", raise_exception=True)
@require_POST
def review(request, pk: int):
    app = get_object_or_404(Application, pk=pk)
    decision, reason = request.POST.get("decision"), request.POST.get("reason")
    try:
        if decision == "accept" and request.POST.get("resident_id"):
            resident_id = resident_ids.canonical(request.POST["resident_id"])
            if not proposals.is_proposed(app, resident_id, request.user):
                messages.error(request, _("Only a person proposed for this application (a candidate, or found by your "
                                          "search) can be accepted. For anyone else, ask for an override that "
                                          "another registrar confirms."))
                return redirect("console_application", pk=pk)
            if not _acceptable(resident_id):
                messages.error(request, _("This person cannot be registered from here. Choose another one."))
                return redirect("console_application", pk=pk)
            _accepted(request, services.accept(app, resident_id, request.user))
        elif decision == "reject" and reason in Application.RejectReason.values:
            if request.POST.get("confirmed") != "yes":
                audit.record("enrollment.application_viewed", actor=request.user, target=f"application:{app.pk}")
                return render(request, "enrollment/reject_confirm.html", {
                    "app": app, "reason": reason, "reason_label": Application.RejectReason(reason).label,
                    "told_by_email": bool(app.gateway_ref and app.email)})
            services.reject(app, reason, request.user)
            messages.success(request, _("Application rejected."))
        else:
            messages.error(request, _("Choose a candidate to accept, or a reason to reject."))
            return redirect("console_application", pk=pk)
    except services.EnrollmentError:
        messages.error(request, _("This application has already been reviewed by someone else."))
    return redirect("console_applications")


@login_required
@permission_required("enrollment.change_application", raise_exception=True)
@require_POST
def contacted(request, pk: int):
    """Record that the registrar contacted the applicant (by phone or email), with what was said."""
    app = get_object_or_404(Application, pk=pk)
    note = request.POST.get("note", "").strip()
    if not note:
        messages.error(request, _("Write what you told the applicant, or what they said."))
    else:
        services.record_contact(app, note, request.user)
        messages.success(request, _("The contact has been recorded."))
    return redirect("console_application", pk=pk)


def _accepted(request, registration) -> None:
    messages.success(request, _("Accepted. Registration number %(number)s will be printed in the next postcard batch.")
                     % {"number": masked(registration.number)})


class OverrideForm(forms.Form):
    """Accept a person who was not proposed: their 宛名番号 and why (a second registrar confirms)."""

    resident_id = forms.CharField(label=gettext_lazy("宛名番号"), max_length=20)
    reason = forms.CharField(label=gettext_lazy("Why this person (for the registrar who confirms)"), max_length=500,
                             widget=forms.Textarea(attrs={"rows": 2}))

    def clean_resident_id(self):
        value = resident_ids.typed(self.cleaned_data["resident_id"])
        if not resident_ids.is_digits(value):
            raise forms.ValidationError(_("A 宛名番号 is written in digits only."))
        return resident_ids.canonical(value)


@login_required
@permission_required("enrollment.change_application", raise_exception=True)
@require_POST
def request_override(request, pk: int):
    app = get_object_or_404(Application, pk=pk)
    form = OverrideForm(request.POST)
    if not form.is_valid() or not form.cleaned_data["reason"].strip():
        messages.error(request, _("An override needs a 宛名番号 (digits) and a reason."))
    elif not _acceptable(form.cleaned_data["resident_id"]):
        messages.error(request, _("This person cannot be registered from here. Choose another one."))
    else:
        try:
            services.request_override(app, form.cleaned_data["resident_id"], form.cleaned_data["reason"], request.user)
        except services.EnrollmentError:
            messages.error(request, _("This application has already been reviewed by someone else."))
            return redirect("console_applications")
        messages.success(request, _("Override requested. Another registrar must confirm it before a number is issued."))
    return redirect("console_application", pk=pk)


@login_required
@permission_required("enrollment.change_application", raise_exception=True)
@require_POST
def confirm_override(request, pk: int, override: int):
    app = get_object_or_404(Application, pk=pk)
    found = get_object_or_404(AcceptOverride.objects.pending_for(app).select_related("requested_by"), pk=override)
    if found.requested_by_id == request.user.pk:
        messages.error(request, _("Another registrar must confirm your override."))
        return redirect("console_application", pk=pk)
    if not _acceptable(found.resident_id):
        messages.error(request, _("This person cannot be registered from here. Choose another one."))
        return redirect("console_application", pk=pk)
    if request.POST.get("confirmed") != "yes":
        found.person = registrant_lookup.person(found.resident_id)
        audit.record("enrollment.candidates_viewed", actor=request.user, target=f"application:{app.pk}",
                     detail={"candidates": [], "override": found.resident_id})
        return render(request, "enrollment/override_confirm.html", {"app": app, "override": found})
    try:
        _accepted(request, services.confirm_override(found, request.user))
    except services.EnrollmentError:
        messages.error(request, _("This application has already been reviewed by someone else."))
    return redirect("console_applications")
