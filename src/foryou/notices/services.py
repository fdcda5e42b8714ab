"""Writes for notices: compose (checked against LINE's limits at once), edit (a new version), submit a
draft for approval, approve (決裁: someone other than the author, holding the approver permission),
return a submitted version to its author with a comment (差し戻し), mark a notice automatic, and set a staff member's own number for test sends."""

from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from foryou.accounts import access
from foryou.audit import services as audit
from foryou.shared.notice.flex import NoticeContent, compose
from foryou.notices.errors import ApprovalRefused
from foryou.notices.models import Notice, NoticeVersion

RETURN_COMMENT_MAX = 1000


@dataclass
class Wording:
    title: str
    body: str
    contact_department: str = ""
    contact_phone: str = ""
    contact_hours: str = ""
    links: list[tuple[str, str]] = field(default_factory=list)


def content_of(program_name: str, wording: Wording) -> NoticeContent:
    return NoticeContent(service_name=settings.SERVICE_NAME, program_name=program_name, title=wording.title,
                         body=wording.body, contact_department=wording.contact_department,
                         contact_phone=wording.contact_phone, contact_hours=wording.contact_hours,
                         links=[tuple(link) for link in wording.links])


def wording_of(version: NoticeVersion) -> Wording:
    return Wording(title=version.title, body=version.body, contact_department=version.contact_department,
                   contact_phone=version.contact_phone, contact_hours=version.contact_hours,
                   links=[tuple(link) for link in version.links])


def _new_version(notice: Notice, program_name: str, wording: Wording, author, submit: bool = True) -> NoticeVersion:
    """submit=False keeps it a draft: no approver sees it until its author submits it."""
    from foryou.accounts import access

    if not access.can_edit(author, notice.department):
        raise ApprovalRefused("not_editor")
    compose(content_of(program_name, wording))  # raises ComposeError naming each field at fault
    number = (notice.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    return NoticeVersion.objects.create(
        notice=notice, number=number, title=wording.title, body=wording.body,
        contact_department=wording.contact_department, contact_phone=wording.contact_phone,
        contact_hours=wording.contact_hours, links=[list(link) for link in wording.links], created_by=author,
        submitted_at=timezone.now() if submit else None)


def create(program, wording: Wording, author, *, submit: bool = True) -> Notice:
    with transaction.atomic():
        notice = Notice.objects.create(program_code=program.code, department=program.department, created_by=author)
        _new_version(notice, program.name, wording, author, submit)
        audit.record("notices.create", actor=author, target=f"notice:{notice.pk}", detail={"submitted": submit})
        return notice


def create_broadcast(department: str, wording: Wording, author, *, submit: bool = True) -> Notice:
    """A notice for no program (a survey, a service announcement): sent only as a broadcast."""
    with transaction.atomic():
        notice = Notice.objects.create(program_code="", department=department, created_by=author)
        _new_version(notice, settings.SERVICE_NAME, wording, author, submit)
        audit.record("notices.create", actor=author, target=f"notice:{notice.pk}",
                     detail={"broadcast": True, "submitted": submit})
        return notice


def edit(notice: Notice, program_name: str, wording: Wording, author, *, submit: bool = True) -> NoticeVersion:
    """A new version; an approval of an earlier version does not carry over."""
    with transaction.atomic():
        version = _new_version(notice, program_name, wording, author, submit)
        audit.record("notices.edit", actor=author, target=f"notice:{notice.pk}",
                     detail={"version": version.number, "submitted": submit})
        return version


def submit(version: NoticeVersion, by) -> None:
    """Ask for approval of a draft (決裁に回す): it appears in the approvers' inbox."""
    if not access.can_edit(by, version.notice.department):
        raise ApprovalRefused("not_editor")
    with transaction.atomic():
        version = NoticeVersion.objects.select_for_update().get(pk=version.pk)
        if version.notice.latest.pk != version.pk:
            raise ApprovalRefused("newer_version")
        if version.submitted_at is None:
            version.submitted_at = timezone.now()
            version.save(update_fields=["submitted_at"])
            audit.record("notices.submit", actor=by, target=f"notice:{version.notice_id}",
                         detail={"version": version.number})


def approve(version: NoticeVersion, approver) -> None:
    if version.submitted_at is None:
        raise ApprovalRefused("draft")
    if approver.pk == version.created_by_id:
        raise ApprovalRefused("own_version")
    if not access.can_approve(approver, version.notice.department):
        raise ApprovalRefused("not_approver")
    with transaction.atomic():
        version = NoticeVersion.objects.select_for_update().get(pk=version.pk)
        if version.notice.latest.pk != version.pk:
            raise ApprovalRefused("newer_version")
        if version.approved_at is None:
            version.approved_by, version.approved_at = approver, timezone.now()
            version.save(update_fields=["approved_by", "approved_at"])
            audit.record("notices.approve", actor=approver, target=f"notice:{version.notice_id}",
                         detail={"version": version.number})


def return_to_author(version: NoticeVersion, approver, comment: str) -> None:
    """差し戻し: an approver sends a version waiting for approval back to its author with a comment. It
    is a draft again (out of the inbox); its author sees the comment, changes it or submits it again."""
    comment = (comment or "").strip()[:RETURN_COMMENT_MAX]
    if not access.can_approve(approver, version.notice.department):
        raise ApprovalRefused("not_approver")
    if approver.pk == version.created_by_id:
        raise ApprovalRefused("own_version")
    if not comment:
        raise ApprovalRefused("comment_required")
    with transaction.atomic():
        version = NoticeVersion.objects.select_for_update().get(pk=version.pk)
        if version.notice.latest.pk != version.pk:
            raise ApprovalRefused("newer_version")
        if version.submitted_at is None or version.approved_at is not None:
            raise ApprovalRefused("not_waiting")
        version.submitted_at = None
        version.returned_by, version.returned_at, version.return_comment = approver, timezone.now(), comment
        version.save(update_fields=["submitted_at", "returned_by", "returned_at", "return_comment"])
        audit.record("notices.return", actor=approver, target=f"notice:{version.notice_id}",
                     detail={"version": version.number, "comment": comment})


def set_automatic(notice: Notice, automatic: bool, by) -> None:
    """Send the approved version every day to whoever newly qualifies (trigger programs only)."""
    if not access.can_edit(by, notice.department):
        raise ApprovalRefused("not_editor")
    if automatic and not notice.program_code:
        raise ApprovalRefused("not_automatic")
    if Notice.objects.filter(pk=notice.pk).exclude(automatic=automatic).update(automatic=automatic):
        audit.record("notices.automatic", actor=by, target=f"notice:{notice.pk}", detail={"automatic": automatic})
    notice.automatic = automatic


def set_test_number(user, number: str) -> None:
    """The registration number the user's test sends go to ("" to remove it); the caller checks it."""
    from foryou.accounts.models import StaffSettings

    StaffSettings.objects.update_or_create(user=user, defaults={"test_registration_number": number,
                                                                "updated_at": timezone.now()})
    audit.record("notices.test_number", actor=user, target=f"user:{user.pk}", detail={"set": bool(number)})


def program_name_of(notice: Notice) -> str:
    """The program's name for the notice's header; a broadcast (no program) shows the service's name."""
    if not notice.program_code:
        return settings.SERVICE_NAME
    from foryou.programs.catalog import UnknownProgram, get_program

    try:
        return get_program(notice.program_code).name
    except UnknownProgram:
        return notice.program_code
