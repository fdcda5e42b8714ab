"""Staff pages for invitation letters: the batches with their conversion, proposing one from a program's
target persons, and approving it (a confirm step: approving issues numbers that cannot be taken back)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from foryou.accounts import access
from foryou.enrollment import invitations
from foryou.console.suppression import people
from foryou.enrollment.models import InvitationBatch, InvitationDecline
from foryou.residents import store


def _programs(user):
    from foryou.programs.catalog import all_programs

    return [p for p in all_programs() if access.can_edit(user, p.department)]


def _names() -> dict:
    from foryou.programs.catalog import all_programs

    return {p.code: p.name for p in all_programs()}


@login_required
@require_http_methods(["GET", "POST"])
def invitation_batches(request):
    if request.method == "POST":
        code = request.POST.get("program", "")
        if code not in {p.code for p in _programs(request.user)}:
            messages.error(request, _("Choose a program of your department."))
        else:
            try:
                batch = invitations.propose(code, request.user)
            except (invitations.InvitationRefused, store.NoSnapshot):
                messages.error(request, _("The group could not be chosen: the resident data is not imported yet."))
            else:
                messages.success(request, _("%(n)s residents chosen. A second person approves the batch before "
                                            "numbers are issued.") % {"n": len(batch.resident_ids)})
                return redirect("console_invitations")
    names = _names()
    rows = [{"batch": b, "program": names.get(b.program_code, b.program_code), "chosen": len(b.resident_ids),
             "can_approve": b.status == InvitationBatch.Status.PROPOSED and b.created_by_id != request.user.pk
             and access.can_approve(request.user, b.department), **invitations.conversion(b)}
            for b in InvitationBatch.objects.all()[:50]]
    declined = InvitationDecline.objects.counts()
    # The part from the resident page is hidden when the rest would give a small count away.
    hide = people(declined["total"] - declined["by_residents"]).hidden
    return render(request, "enrollment/invitations.html", {
        "rows": rows, "programs": _programs(request.user), "declined": people(declined["total"]),
        "declined_by_residents": people(declined["by_residents"], hide=hide and declined["by_residents"] > 0)})


@login_required
@require_http_methods(["GET", "POST"])
def approve_invitations(request, pk: int):
    batch = get_object_or_404(InvitationBatch, pk=pk)
    if request.method == "POST" and request.POST.get("confirmed") == "yes":
        try:
            issued = invitations.approve(batch, request.user)
        except invitations.InvitationRefused as exc:
            messages.error(request, _("Not approved: %(why)s") % {"why": exc})
        else:
            messages.success(request, _("%(n)s numbers issued; print the postcards from the postcards page.")
                             % {"n": issued})
        return redirect("console_invitations")
    return render(request, "enrollment/invitation_confirm.html", {
        "batch": batch, "program": _names().get(batch.program_code, batch.program_code),
        "chosen": len(batch.resident_ids)})
