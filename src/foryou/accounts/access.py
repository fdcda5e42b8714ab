"""Who may do what, and in which departments (所管課). Views and services ask these questions; the
roles live in foryou.accounts.models.Membership.

- admin (サービス管理者): everything, in every department, and manages staff.
- editor (編集者): creates and edits the programs and notices of their department.
- approver (承認者): approves the notices of their department, and reads what its editors read.
- registrar (受付担当): applications, registrations and postcards (service-wide).
- auditor (監査担当): reads the audit log, nothing else.

A superuser counts as a service administrator. Inactive and anonymous users hold no role."""

ADMIN, EDITOR, APPROVER, REGISTRAR, AUDITOR = "admin", "editor", "approver", "registrar", "auditor"
ROLES = (ADMIN, EDITOR, APPROVER, REGISTRAR, AUDITOR)
DEPARTMENT_ROLES = frozenset({EDITOR, APPROVER})
TWO_FACTOR_ROLES = frozenset({ADMIN, APPROVER})

_CACHE = "_foryou_memberships"


def _memberships(user) -> frozenset[tuple[str, str | None]]:
    """{(role, department name or None)}, read once per user object (forget() after a change)."""
    if user is None or not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return frozenset()
    cached = getattr(user, _CACHE, None)
    if cached is None:
        from foryou.accounts.models import Membership

        cached = frozenset(Membership.objects.filter(user_id=user.pk).values_list("role", "department__name"))
        if user.is_superuser:
            cached |= {(ADMIN, None)}
        try:
            setattr(user, _CACHE, cached)
        except AttributeError:
            pass
    return cached


def forget(user) -> None:
    """Drop what this user object remembers about its roles and permissions (after grant/revoke)."""
    for attr in (_CACHE, "_perm_cache", "_user_perm_cache", "_group_perm_cache"):
        try:
            delattr(user, attr)
        except AttributeError:
            pass


def roles(user) -> set[str]:
    return {role for role, _department in _memberships(user)}


def is_admin(user) -> bool:
    return ADMIN in roles(user)


def departments(user) -> set[str] | None:
    """The departments whose programs and notices the user works on; None means all (admin)."""
    if is_admin(user):
        return None
    return {department for role, department in _memberships(user) if role in DEPARTMENT_ROLES}


def can_view_department(user, department: str) -> bool:
    mine = departments(user)
    return mine is None or department in mine


def can_edit(user, department: str) -> bool:
    return is_admin(user) or (EDITOR, department) in _memberships(user)


def can_approve(user, department: str) -> bool:
    return is_admin(user) or (APPROVER, department) in _memberships(user)


def is_registrar(user) -> bool:
    return bool(roles(user) & {REGISTRAR, ADMIN})


def is_auditor(user) -> bool:
    return bool(roles(user) & {AUDITOR, ADMIN})


def needs_two_factor(user) -> bool:
    return bool(roles(user) & TWO_FACTOR_ROLES)


def can_view_programs(user) -> bool:
    """Programs (制度) are the work of a department's editors and approvers, and of administrators."""
    mine = departments(user)
    return mine is None or bool(mine)


def approves_somewhere(user) -> bool:
    return is_admin(user) or any(role == APPROVER for role, _department in _memberships(user))


def display_name(user) -> str:
    """The name the console's header shows: the staff member's name, else their user name."""
    return (user.get_full_name() or user.get_username()).strip()


def department_names(user) -> list[str]:
    """The departments the user holds a role in, for the header (service-wide roles hold none)."""
    return sorted({department for _role, department in _memberships(user) if department})
