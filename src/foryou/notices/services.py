"""Writes for notices: compose (checked against LINE's limits at once), edit (a new version), submit a
draft for approval, approve (決裁: someone other than the author, holding the approver permission),
return a submitted version to its author with a comment (差し戻し), ask for automatic sending (a new version:
the audience is part of the approval),."""

from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from foryou.accounts import access
from foryou.audit import services as audit
from foryou.shared.notice.flex import NoticeContent, compose
from foryou.notices import audience
from foryou.notices import translations as versions_in_languages
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


def content_of(program_name: str, wording: Wording, language: str = "") -> NoticeContent:
    """language: the language the wording is in ("" or "ja": Japanese, the fixed labels as the process's)."""
    return NoticeContent(service_name=settings.SERVICE_NAME, program_name=program_name, title=wording.title,
                         body=wording.body, contact_department=wording.contact_department,
                         contact_phone=wording.contact_phone, contact_hours=wording.contact_hours,
                         links=[tuple(link) for link in wording.links],
                         language="" if language in ("", "ja") else language)


def wording_of(version: NoticeVersion) -> Wording:
    return Wording(title=version.title, body=version.body, contact_department=version.contact_department,
                   contact_phone=version.contact_phone, contact_hours=version.contact_hours,
                   links=[tuple(link) for link in version.links])


def design_of(version: NoticeVersion | None):
    """The effect design a version was written with (none for no version)."""
    from foryou.effect.design import Design

    if version is None:
        return Design()
    return Design(version.holdout_percent, version.window_days, [dict(v) for v in version.variants or []])


def _new_version(notice: Notice, program_name: str, wording: Wording, author, submit: bool = True, *,
                 broadcast: bool | None = None, automatic: bool = False, design=None,
                 translations: dict | None = None) -> NoticeVersion:
    """submit=False keeps it a draft: no approver sees it until its author submits it. broadcast and
    automatic are the audience the author asks the approver to approve with the wording (broadcast
    None: a notice without a program is a broadcast, a program's is not). translations: the language
    versions ({code: {title, body, contact_department, contact_hours}}), checked as the Japanese is."""
    from foryou.accounts import access

    if broadcast is None:
        broadcast = not notice.program_code
    if not access.can_edit(author, notice.department):
        raise ApprovalRefused("not_editor")
    from foryou.effect import design as effect_design

    design = design or effect_design.Design()
    program = _program_or_none(notice)
    audience.check_choice(program=program, broadcast=broadcast, automatic=automatic)
    effect_design.check(program, design, broadcast=broadcast)
    compose(content_of(program_name, wording))  # raises ComposeError naming each field at fault
    translations = versions_in_languages.cleaned(translations)
    if translations and design.variants:
        raise ApprovalRefused("variants_are_japanese_only")
    versions_in_languages.check(program, wording, translations, japanese_program_name=program_name)
    for variant in design.variants:  # each wording within LINE's limits, as the version's own
        compose(content_of(program_name, Wording(**{**wording.__dict__, "title": variant["title"],
                                                    "body": variant["body"]})))
    number = (notice.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    return NoticeVersion.objects.create(
        notice=notice, number=number, title=wording.title, body=wording.body,
        contact_department=wording.contact_department, contact_phone=wording.contact_phone,
        contact_hours=wording.contact_hours, links=[list(link) for link in wording.links], created_by=author,
        submitted_at=timezone.now() if submit else None, broadcast=broadcast, automatic=automatic,
        holdout_percent=design.holdout_percent, window_days=design.window_days, variants=design.variants,
        translations=translations)


def _program_or_none(notice: Notice):
    if not notice.program_code:
        return None
    from foryou.programs.catalog import get_program

    return get_program(notice.program_code)


def program_for_labels(notice: Notice):
    """The notice's program for its per-language labels; None for a broadcast or a program file gone."""
    from foryou.programs.catalog import UnknownProgram

    try:
        return _program_or_none(notice)
    except UnknownProgram:
        return None


def create(program, wording: Wording, author, *, submit: bool = True, broadcast: bool = False,
           automatic: bool = False, design=None, translations: dict | None = None) -> Notice:
    with transaction.atomic():
        notice = Notice.objects.create(program_code=program.code, department=program.department, created_by=author)
        version = _new_version(notice, program.name, wording, author, submit, broadcast=broadcast,
                               automatic=automatic, design=design, translations=translations)
        audit.record("notices.create", actor=author, target=f"notice:{notice.pk}",
                     detail={"submitted": submit, "broadcast": broadcast, "automatic": automatic,
                             **_design_detail(version)})
        return notice


def create_broadcast(department: str, wording: Wording, author, *, submit: bool = True,
                     translations: dict | None = None) -> Notice:
    """A notice for no program (a survey, a service announcement): sent only as a broadcast."""
    with transaction.atomic():
        notice = Notice.objects.create(program_code="", department=department, created_by=author)
        _new_version(notice, settings.SERVICE_NAME, wording, author, submit, broadcast=True,
                     translations=translations)
        audit.record("notices.create", actor=author, target=f"notice:{notice.pk}",
                     detail={"broadcast": True, "submitted": submit})
        return notice


def edit(notice: Notice, program_name: str, wording: Wording, author, *, submit: bool = True,
         broadcast: bool | None = None, automatic: bool | None = None, design=None,
         translations: dict | None = None) -> NoticeVersion:
    """A new version; an approval of an earlier version does not carry over. The audience, the effect
    design and the language versions are the latest version's unless given ({} removes them all)."""
    latest = notice.latest
    broadcast = (latest.broadcast if latest else not notice.program_code) if broadcast is None else broadcast
    automatic = (latest.automatic if latest else False) if automatic is None else automatic
    design = design_of(latest) if design is None else design
    translations = (latest.translations if latest else {}) if translations is None else translations
    with transaction.atomic():
        version = _new_version(notice, program_name, wording, author, submit, broadcast=broadcast,
                               automatic=automatic, design=design, translations=translations)
        audit.record("notices.edit", actor=author, target=f"notice:{notice.pk}",
                     detail={"version": version.number, "submitted": submit, "broadcast": broadcast,
                             "automatic": automatic, **_design_detail(version)})
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


def approve(version: NoticeVersion, approver, *, seen_revision: str | None = None) -> None:
    """決裁 of the wording and the audience: broadcast or not, automatic or not, and the program's
    conditions in effect now, which are pinned to the version. seen_revision: the revision key the
    approval page showed (audience.revision_key); approving is refused if the conditions changed since."""
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
            if seen_revision is not None and seen_revision != audience.revision_key(version.notice.program_code):
                raise ApprovalRefused("conditions_changed_meanwhile")
            pinned = audience.pin(version)
            version.conditions, version.conditions_revision = pinned["conditions"], pinned["conditions_revision"]
            version.approved_by, version.approved_at = approver, timezone.now()
            version.save(update_fields=["approved_by", "approved_at", "conditions", "conditions_revision"])
            revision = version.conditions_revision
            audit.record("notices.approve", actor=approver, target=f"notice:{version.notice_id}",
                         detail={"version": version.number, "broadcast": version.broadcast,
                                 "automatic": version.automatic, **_design_detail(version),
                                 "conditions_revision": (revision.pk if revision is not None
                                                         else "file" if version.conditions is not None else None)})


def _design_detail(version: NoticeVersion) -> dict:
    """The effect design as the audit log records it with each version written or approved."""
    return {"holdout_percent": version.holdout_percent, "window_days": version.window_days,
            "variants": [v["label"] for v in version.variants or []],
            "languages": versions_in_languages.available(version)}


def add_variant(version: NoticeVersion, title: str, body: str, by) -> NoticeVersion:
    """One more wording on a version not yet approved. An approved version is never changed: a variant
    after approval is refused (a new version with the variant needs its own approval)."""
    from foryou.effect import design as effect_design

    if not access.can_edit(by, version.notice.department):
        raise ApprovalRefused("not_editor")
    with transaction.atomic():
        version = NoticeVersion.objects.select_for_update().get(pk=version.pk)
        if version.approved_at is not None:
            raise ApprovalRefused("variants_after_approval")
        variants = list(version.variants or [])
        label = effect_design.VARIANT_LABELS[len(variants)] if len(variants) < effect_design.MAX_VARIANTS else "?"
        design = design_of(version)
        design.variants = variants + [{"label": label, "title": title, "body": body}]
        if version.translations:
            raise ApprovalRefused("variants_are_japanese_only")
        effect_design.check(_program_or_none(version.notice), design, broadcast=version.broadcast)
        compose(content_of(program_name_of(version.notice),
                           Wording(**{**wording_of(version).__dict__, "title": title, "body": body})))
        version.variants = design.variants
        version.save(update_fields=["variants"])
        audit.record("notices.variant", actor=by, target=f"notice:{version.notice_id}",
                     detail={"version": version.number, "label": label})
    return version


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


def set_automatic(notice: Notice, automatic: bool, by) -> NoticeVersion:
    """Ask for (or stop) sending every day to whoever newly qualifies. Automatic sending is part of what
    an approver approves, so this is a new version with the same wording, submitted for approval; until
    it is approved nothing of this notice is sent (stopping takes effect at once, as the approved
    version is no longer the latest)."""
    latest = notice.latest
    if not access.can_edit(by, notice.department):
        raise ApprovalRefused("not_editor")
    if latest.automatic == automatic:
        raise ApprovalRefused("automatic_unchanged")
    with transaction.atomic():
        version = _new_version(notice, program_name_of(notice), wording_of(latest), by, True,
                               broadcast=latest.broadcast, automatic=automatic, design=design_of(latest),
                               translations=latest.translations)
        audit.record("notices.automatic", actor=by, target=f"notice:{notice.pk}",
                     detail={"automatic": automatic, "version": version.number, "submitted": True})
        return version


def ask_again(notice: Notice, by) -> NoticeVersion:
    """The same wording and audience as a new version submitted for approval: approving it pins the
    program's conditions in effect then (after they changed since the last approval)."""
    latest = notice.latest
    if not access.can_edit(by, notice.department):
        raise ApprovalRefused("not_editor")
    with transaction.atomic():
        version = _new_version(notice, program_name_of(notice), wording_of(latest), by, True,
                               broadcast=latest.broadcast, automatic=latest.automatic, design=design_of(latest),
                               translations=latest.translations)
        audit.record("notices.edit", actor=by, target=f"notice:{notice.pk}",
                     detail={"version": version.number, "submitted": True, "reason": "conditions_changed"})
        return version


def program_name_of(notice: Notice, language: str = "ja") -> str:
    """The program's name for the notice's header; a broadcast (no program) shows the service's name (in the
    reader's language where FORYOU_SERVICE_NAMES gives one)."""
    if not notice.program_code:
        from foryou.shared.languages import service_name

        return service_name(language)
    from foryou.programs.catalog import UnknownProgram, get_program

    try:
        return get_program(notice.program_code).name
    except UnknownProgram:
        return notice.program_code
