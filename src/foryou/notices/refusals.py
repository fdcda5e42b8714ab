"""What the notices pages share: who may open them, the notice or send looked up within the user's
departments (403 outside them), each notice's status, and the Japanese labels of send results."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from foryou.accounts import access
from foryou.notices.models import Notice, SendOrder


def require_notice_staff(request) -> None:
    """Editors, approvers and administrators work on notices; other roles are refused the pages."""
    mine = access.departments(request.user)
    if mine is not None and not mine:
        raise PermissionDenied(_("Notices are for the editors and approvers of a department."))


def get_notice(request, pk: int, *, edit: bool = False) -> Notice:
    require_notice_staff(request)
    notice = get_object_or_404(Notice, pk=pk)
    if not access.can_view_department(request.user, notice.department):
        raise PermissionDenied(_("This notice belongs to another department."))
    if edit and not access.can_edit(request.user, notice.department):
        raise PermissionDenied(_("Only editors of %(department)s can change or send this notice.")
                               % {"department": notice.department})
    return notice


def get_order(request, pk, *, edit: bool = False) -> SendOrder:
    require_notice_staff(request)
    order = SendOrder.objects.select_related("notice", "version").filter(pk=pk).first()
    if order is None:
        raise Http404()
    get_notice(request, order.notice_id, edit=edit)
    return order


def safe_next(request, default: str) -> str:
    """The page to go back to (`next`, GET or POST) if it is on this site, else the default."""
    url = request.POST.get("next") or request.GET.get("next") or ""
    ok = url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}, require_https=request.is_secure())
    return url if url and ok else default


# -- status ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Status:
    key: str
    label: str


DRAFT = Status("draft", _("Draft"))
RETURNED = Status("returned", _("Returned"))
WAITING = Status("waiting", _("Waiting for approval"))
APPROVED = Status("approved", _("Approved"))
SCHEDULED = Status("scheduled", _("Scheduled"))
SENDING = Status("sending", _("Sending"))
SENT = Status("sent", _("Sent"))
AUTOMATIC = Status("automatic", _("Sent automatically"))
STATUSES = (DRAFT, RETURNED, WAITING, APPROVED, SCHEDULED, SENDING, SENT, AUTOMATIC)


def version_status(version) -> Status:
    if version.approved_at is not None:
        return APPROVED
    if version.submitted_at is not None:
        return WAITING
    return RETURNED if version.returned_at is not None else DRAFT


def notice_status(notice: Notice) -> Status:
    """What staff most need to know: a send under way, one booked, the latest wording's approval, sent."""
    orders = {o.status for o in notice.orders.all() if o.kind != SendOrder.Kind.TEST}
    if SendOrder.Status.SENDING in orders:
        return SENDING
    if SendOrder.Status.SCHEDULED in orders:
        return SCHEDULED
    latest = max(notice.versions.all(), key=lambda v: v.number, default=None)  # prefetched on lists
    state = version_status(latest) if latest is not None else DRAFT
    if state is not APPROVED:
        return state
    if latest.automatic and notice.program_code:  # the approved version asks for automatic sending
        return AUTOMATIC
    return SENT if SendOrder.Status.FINISHED in orders else APPROVED


ORDER_STATUS = {
    SendOrder.Status.SCHEDULED: _("Scheduled"),
    SendOrder.Status.CANCELLED: _("Cancelled"),
    SendOrder.Status.SENDING: _("Sending"),
    SendOrder.Status.FINISHED: _("Sent"),
}

KIND = {
    SendOrder.Kind.NOW: _("Now"),
    SendOrder.Kind.SCHEDULED: _("At a set time"),
    SendOrder.Kind.TRIGGER: _("Daily automatic run"),
    SendOrder.Kind.BROADCAST: _("Broadcast"),
    SendOrder.Kind.TEST: _("Test send"),
}
