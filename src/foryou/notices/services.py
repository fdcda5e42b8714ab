"""Writes for notices: compose (checked against LINE's limits at once), edit (a new version), approve
(決裁: someone other than the author, holding the approver permission)."""

from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from foryou.accounts import access
from foryou.audit import services as audit
from foryou.gateway.line.flex import NoticeContent, compose
from foryou.notices.models import Notice, NoticeVersion


class ApprovalRefused(Exception):
    pass


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


def _new_version(notice: Notice, program_name: str, wording: Wording, author) -> NoticeVersion:
    compose(content_of(program_name, wording))  # raises ComposeError naming each field at fault
    number = (notice.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    return NoticeVersion.objects.create(
        notice=notice, number=number, title=wording.title, body=wording.body,
        contact_department=wording.contact_department, contact_phone=wording.contact_phone,
        contact_hours=wording.contact_hours, links=[list(link) for link in wording.links], created_by=author)


def create(program, wording: Wording, author) -> Notice:
    with transaction.atomic():
        notice = Notice.objects.create(program_code=program.code, department=program.department, created_by=author)
        _new_version(notice, program.name, wording, author)
        audit.record("notices.create", actor=author, target=f"notice:{notice.pk}")
        return notice


def create_broadcast(department: str, wording: Wording, author) -> Notice:
    """A notice for no program (a survey, a service announcement): sent only as a broadcast."""
    with transaction.atomic():
        notice = Notice.objects.create(program_code="", department=department, created_by=author)
        _new_version(notice, settings.SERVICE_NAME, wording, author)
        audit.record("notices.create", actor=author, target=f"notice:{notice.pk}", detail={"broadcast": True})
        return notice


def edit(notice: Notice, program_name: str, wording: Wording, author) -> NoticeVersion:
    """A new version; an approval of an earlier version does not carry over."""
    with transaction.atomic():
        version = _new_version(notice, program_name, wording, author)
        audit.record("notices.edit", actor=author, target=f"notice:{notice.pk}", detail={"version": version.number})
        return version


def approve(version: NoticeVersion, approver) -> None:
    if approver.pk == version.created_by_id:
        raise ApprovalRefused("the author of a version cannot approve it; ask another approver")
    if not access.can_approve(approver, version.notice.department):
        raise ApprovalRefused("only staff with the approver role can approve notices")
    with transaction.atomic():
        version = NoticeVersion.objects.select_for_update().get(pk=version.pk)
        if version.notice.latest.pk != version.pk:
            raise ApprovalRefused("a newer version exists; approve that one")
        if version.approved_at is None:
            version.approved_by, version.approved_at = approver, timezone.now()
            version.save(update_fields=["approved_by", "approved_at"])
            audit.record("notices.approve", actor=approver, target=f"notice:{version.notice_id}",
                         detail={"version": version.number})



def program_name_of(notice: Notice) -> str:
    """The program's name for the notice's header; a broadcast (no program) shows the service's name."""
    if not notice.program_code:
        return settings.SERVICE_NAME
    from foryou.programs.catalog import UnknownProgram, get_program

    try:
        return get_program(notice.program_code).name
    except UnknownProgram:
        return notice.program_code
