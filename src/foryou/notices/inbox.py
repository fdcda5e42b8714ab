"""What waits for an approver (決裁待ち): shown in the console's menu, on the dashboard and in the inbox."""

from foryou.accounts import access
from foryou.notices.models import NoticeVersion


def approver_departments(user) -> set[str] | None:
    """The departments the user approves in (None: all, for administrators)."""
    mine = access.departments(user)
    return None if mine is None else {d for d in mine if access.can_approve(user, d)}


def inbox_count(user) -> int | None:
    """Versions submitted and not approved in the user's departments, their own left out; None for
    someone who approves nothing."""
    if not access.approves_somewhere(user):
        return None
    return NoticeVersion.objects.waiting_for(user, approver_departments(user)).count()
