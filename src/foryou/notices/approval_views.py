"""Approval (決裁) pages: the inbox of what waits for the approver, approving a version (after a
confirmation that says what approving does: the version can then be sent), and returning a version to
its author with a comment (差し戻し). Writes go through foryou.notices.services, which checks the roles
again and audits."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from foryou.accounts import access
from foryou.notices import audience, services
from foryou.notices.inbox import approver_departments
from foryou.notices.models import NoticeVersion
from foryou.notices.refusals import get_notice, require_notice_staff


def _waiting(user) -> list[NoticeVersion]:
    """Latest versions submitted for approval and not yet approved, in the departments the user approves."""
    departments = approver_departments(user)
    if departments is not None and not departments:
        return []
    versions = NoticeVersion.objects.waiting().select_related("notice", "created_by").order_by("submitted_at")
    if departments is not None:
        versions = versions.filter(notice__department__in=departments)
    return list(versions[:500])


@login_required
@require_GET
def approvals(request):
    require_notice_staff(request)
    rows = [{"version": v, "program_name": services.program_name_of(v.notice),
             "is_author": v.created_by_id == request.user.pk} for v in _waiting(request.user)]
    return render(request, "notices/approvals.html", {
        "rows": rows, "approves": approver_departments(request.user) != set(),
        "inbox": sum(1 for row in rows if not row["is_author"])})


def _version_to_decide(request, pk: int) -> tuple:
    notice = get_notice(request, pk)
    try:
        number = int(request.POST.get("version", ""))
    except ValueError:
        raise Http404() from None
    version = get_object_or_404(NoticeVersion.objects.select_related("created_by"), notice=notice, number=number)
    if not access.can_approve(request.user, notice.department):
        raise PermissionDenied(_("Only approvers of %(department)s approve its notices.")
                               % {"department": notice.department})
    return notice, version


def _back(request, notice):
    if request.POST.get("next") == "inbox":
        return redirect("console_approvals")
    return redirect("console_notice", pk=notice.pk)


@login_required
@require_POST
def notice_approve(request, pk: int):
    """Without confirmed=1 nothing is approved: the page says what approving does and asks again. What
    cannot be approved anyway (a draft, one's own version, a replaced one) is refused at once."""
    notice, version = _version_to_decide(request, pk)
    decidable = (version.submitted_at is not None and version.approved_at is None
                 and version.created_by_id != request.user.pk and notice.latest.pk == version.pk)
    if decidable and request.POST.get("confirmed") != "1":
        return render(request, "notices/approve_confirm.html", {
            "notice": notice, "version": version, "program_name": services.program_name_of(notice),
            "audience": audience.describe(version), "seen_revision": audience.revision_key(notice.program_code),
            "design_sizes": _design_sizes(notice, version), "language_versions": language_versions(version),
            "next": "inbox" if request.POST.get("next") == "inbox" else ""})
    try:
        # The conditions the approver was shown: approving is refused if they changed since.
        services.approve(version, request.user, seen_revision=request.POST.get("seen_revision"))
    except services.ApprovalRefused as exc:
        messages.error(request, _("Not approved: %(reason)s") % {"reason": exc.localized()})
    else:
        messages.success(request, _("Version %(n)s of “%(title)s” approved. Its editors can now send it.")
                         % {"n": version.number, "title": version.title})
    return _back(request, notice)


def language_versions(version):
    from foryou.notices.views import language_versions as of_version

    return of_version(version)


def _design_sizes(notice, version) -> dict | None:
    """The groups the approver is shown for an experiment: about how many would be held out and told if it
    were sent now (counts of people, suppressed below the small-count threshold)."""
    if not version.is_experiment:
        return None
    from foryou.console import suppression
    from foryou.effect.design import expected_sizes
    from foryou.notices import sending
    from foryou.residents.store import NoSnapshot

    try:
        _targets, recipients = sending.estimate(notice, version=version)
    except NoSnapshot:
        return None
    sizes = expected_sizes(recipients, version.holdout_percent, len(version.wordings()))
    return {key: suppression.people(n) for key, n in sizes.items()}


@login_required
@require_POST
def notice_return(request, pk: int):
    """差し戻し: back to the author as a draft, with the approver's comment (required)."""
    notice, version = _version_to_decide(request, pk)
    try:
        services.return_to_author(version, request.user, request.POST.get("comment", ""))
    except services.ApprovalRefused as exc:
        messages.error(request, _("Not returned: %(reason)s") % {"reason": exc.localized()})
    else:
        messages.success(request, _("Version %(n)s was returned to %(author)s with your comment.")
                         % {"n": version.number, "author": version.created_by.get_username()})
    return _back(request, notice)
