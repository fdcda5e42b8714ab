"""Staff pages for enrollment: the applications queue with registry candidates, accept or reject,
registrations, and postcard batches. Every look at registry data is audited."""

from functools import lru_cache

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from foryou.audit import services as audit
from foryou.enrollment import services
from foryou.enrollment.matching import ApplicationData, candidates, towns_from_snapshot
from foryou.enrollment.models import Application, PostcardBatch, Registration
from foryou.shared.numbers import display
from foryou.enrollment.postcard_batches import make_batch, mark_mailed
from foryou.shared.application import ApplicationForm
from foryou.residents import store


@lru_cache(maxsize=4)
def _towns(snapshot: str):
    with store.connect() as con:
        return towns_from_snapshot(con)


@login_required
def applications(request):
    status = request.GET.get("status", Application.Status.PENDING)
    rows = Application.objects.filter(status=status).order_by("received_at")[:200]
    return render(request, "enrollment/applications.html", {
        "applications": rows, "status": status, "statuses": Application.Status.choices,
        "pending": Application.objects.pending().count()})


@login_required
@permission_required("enrollment.add_application", raise_exception=True)
def counter_application(request):
    """An application taken at the counter (e.g. with a move-in, 住民異動届), entered by staff."""
    form = ApplicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        app = Application.objects.create(
            source=Application.Source.COUNTER, name=data["name"], name_kana=data["name_kana"],
            birth_date=data["birth_date"], postal_code=data["postal_code"], address=data["address"],
            phone=data["phone"], email=data["email"], channel=data["channel"])
        audit.record("enrollment.counter_application", actor=request.user, target=f"application:{app.pk}")
        return redirect("console_application", pk=app.pk)
    return render(request, "enrollment/counter_application.html", {"form": form})


@login_required
def application(request, pk: int):
    app = get_object_or_404(Application, pk=pk)
    found, protected_match, error = [], False, ""
    if app.status == Application.Status.PENDING:
        try:
            with store.connect() as con:
                data = ApplicationData(app.name, app.name_kana, app.birth_date, app.postal_code, app.address,
                                       app.phone, app.email)
                found = candidates(con, data, _towns(store.current_snapshot_name()))
                protected_match = found.protected_match
        except store.NoSnapshot as exc:
            error = str(exc)
        audit.record("enrollment.candidates_viewed", actor=request.user, target=f"application:{app.pk}",
                     detail={"candidates": [c.resident_id for c in found]})
    return render(request, "enrollment/application.html", {
        "app": app, "candidates": found, "protected_match": protected_match, "error": error,
        "reasons": Application.RejectReason.choices})


@login_required
@permission_required("enrollment.change_application", raise_exception=True)
@require_POST
def review(request, pk: int):
    app = get_object_or_404(Application, pk=pk)
    try:
        if request.POST.get("decision") == "accept" and request.POST.get("resident_id"):
            registration = services.accept(app, request.POST["resident_id"], request.user)
            messages.success(request, _("Accepted. Registration number %(number)s will be printed in the next postcard batch.")
                             % {"number": display(registration.number)})
        elif request.POST.get("decision") == "reject" and request.POST.get("reason") in Application.RejectReason.values:
            services.reject(app, request.POST["reason"], request.user)
            messages.success(request, _("Rejected."))
        else:
            messages.error(request, _("Choose a candidate to accept, or a reason to reject."))
            return redirect("console_application", pk=pk)
    except services.EnrollmentError:
        messages.error(request, _("This application has already been reviewed by someone else."))
    return redirect("console_applications")


@login_required
@permission_required("enrollment.change_registration", raise_exception=True)
@require_POST
def reissue(request, pk: int):
    registration = get_object_or_404(Registration, pk=pk)
    try:
        new = services.reissue(registration, request.user)
    except services.EnrollmentError:
        messages.error(request, _("A number that is in use cannot be re-issued. Stop the registration first."))
    else:
        messages.success(request, _("New number %(number)s issued; the old one no longer works. It will be printed "
                                    "in the next postcard batch.") % {"number": display(new.number)})
    return redirect(f"{reverse('console_registrations')}?q={registration.resident_id}")


@login_required
def postcards(request):
    return render(request, "enrollment/postcards.html", {
        "batches": PostcardBatch.objects.all()[:50],
        "waiting": Registration.objects.waiting_for_postcard().count()})


@login_required
@permission_required("enrollment.add_postcardbatch", raise_exception=True)
@require_POST
def print_postcards(request):
    try:
        result = make_batch(actor=request.user)
    except store.NoSnapshot as exc:
        messages.error(request, str(exc))
        return redirect("console_postcards")
    if result.batch:
        messages.success(request, _("Printed %(n)s postcards.") % {"n": result.batch.cards})
    else:
        messages.info(request, _("No postcards to print."))
    if result.held_back:
        messages.warning(request, _("%(n)s registrations were not printed (支援措置, no longer resident or not in the "
                                    "registry): handle them by hand.") % {"n": len(result.held_back)})
    return redirect("console_postcards")


@login_required
@permission_required("enrollment.change_postcardbatch", raise_exception=True)
@require_POST
def mailed(request, pk: int):
    mark_mailed(get_object_or_404(PostcardBatch, pk=pk), request.user)
    return redirect("console_postcards")


@login_required
def postcard_pdf(request, pk: int):
    batch = get_object_or_404(PostcardBatch, pk=pk)
    audit.record("enrollment.postcards_downloaded", actor=request.user, target=f"postcard_batch:{batch.pk}")
    try:
        return FileResponse(open(batch.pdf, "rb"), content_type="application/pdf",
                            filename=f"postcards-{batch.pk}.pdf")
    except OSError:
        raise Http404(_("The PDF of this batch is no longer on disk. Print the batch again."))
