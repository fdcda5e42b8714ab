"""Staff pages for enrollment: the applications queue (duplicates flagged), counter applications,
re-issuing numbers, and postcard batches. One application's page is in application_views.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from foryou.audit import services as audit
from foryou.enrollment import services
from foryou.enrollment.models import Application, PostcardBatch, Registration
from foryou.enrollment.display import masked
from foryou.enrollment.postcard_batches import PAGE_BATCH_LIMIT, make_batch, mark_mailed
from foryou.shared.application import ApplicationForm
from foryou.residents import store


@login_required
def applications(request):
    status = request.GET.get("status", Application.Status.PENDING)
    rows = list(Application.objects.filter(status=status).order_by("received_at")[:200])
    audit.record("enrollment.applications_listed", actor=request.user, target="applications",
                 detail={"status": status, "shown": [app.pk for app in rows]})
    return render(request, "enrollment/applications.html", {
        "applications": rows, "status": status, "statuses": Application.Status.choices,
        "pending": Application.objects.pending().count(),
        "duplicates": Application.objects.duplicates_pending() if status == Application.Status.PENDING else set()})


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
                                    "in the next postcard batch.") % {"number": masked(new.number)})
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
        result = make_batch(actor=request.user, limit=PAGE_BATCH_LIMIT)
    except store.NoSnapshot as exc:
        messages.error(request, str(exc))
        return redirect("console_postcards")
    if result.held_back:
        messages.warning(request, _("%(n)s registrations were not printed (支援措置, no longer resident or not in the "
                                    "registry): handle them by hand.") % {"n": len(result.held_back)})
    if not result.batch:
        messages.info(request, _("No postcards to print."))
        return redirect("console_postcards")
    # The PDF itself, to print at once; the batch stays in the list for printing again and for 投函済み.
    audit.record("enrollment.postcards_downloaded", actor=request.user, target=f"postcard_batch:{result.batch.pk}")
    return _pdf(result.batch, as_attachment=False)


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
    return _pdf(batch, as_attachment=True)


def _pdf(batch: PostcardBatch, *, as_attachment: bool) -> FileResponse:
    try:
        return FileResponse(open(batch.pdf, "rb"), content_type="application/pdf", as_attachment=as_attachment,
                            filename=f"postcards-{batch.pk}.pdf")
    except OSError:
        raise Http404(_("The PDF of this batch is no longer on disk. Print the batch again."))
