"""Staff pages for notices (お知らせ): the list, the composer with live LINE and email previews, a
notice's versions and asking for approval (the approval inbox and decisions: approval_views).

Everything goes through foryou.notices.services, as the `foryou notices` command does: they check the
roles again (author ≠ approver, the approver role of the department) and write the audit log. Pages
show only the user's departments; a notice of another department is refused (403), GET or POST."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET, require_POST

from foryou.accounts import access
from foryou.notices import forms as nf
from foryou.notices.refusals import (KIND, ORDER_STATUS, STATUSES, get_notice, notice_status,
                                    require_notice_staff, version_status)
from foryou.shared.notice.flex import MAX_TEXT, ComposeError, utf16_len
from foryou.notices import audience, by_language, services, translations
from foryou.notices.models import EmailPreview, Notice, NoticeVersion, SendOrder
from foryou.notices.inbox import inbox_count
from foryou.accounts import test_devices
from foryou.accounts.models import TestDevice

# The email's HTML is shown in a sandboxed frame under its own policy: inline styles (as mail has),
# no scripts, no requests, links open outside.
EMAIL_FRAME_POLICY = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'; "
                      "form-action 'none'; sandbox allow-popups allow-popups-to-escape-sandbox")


def _latest(notice: Notice) -> NoticeVersion | None:
    return max(notice.versions.all(), key=lambda v: v.number, default=None)


# -- list -----------------------------------------------------------------------------------------

@login_required
@require_GET
def notice_list(request):
    require_notice_staff(request)
    mine = access.departments(request.user)
    notices = list(Notice.objects.in_departments(mine).prefetch_related(
        "versions", Prefetch("orders", queryset=SendOrder.objects.real()))[:300])
    names = {p.code: p.name for p in nf.all_programs()}
    rows = []
    for notice in notices:
        last_send = max(notice.orders.all(), key=lambda o: o.scheduled_for, default=None)
        rows.append({"notice": notice, "latest": _latest(notice), "status": notice_status(notice),
                     "last_send": last_send, "program_name": names.get(notice.program_code, notice.program_code)})
    wanted = request.GET.get("status", "")
    counts = {}
    for row in rows:
        counts[row["status"].key] = counts.get(row["status"].key, 0) + 1
    if wanted:
        rows = [row for row in rows if row["status"].key == wanted]
    filters = [(st.key, st.label, counts.get(st.key, 0)) for st in STATUSES]
    return render(request, "notices/list.html", {
        "rows": rows, "wanted": wanted, "filters": filters, "all_departments": mine is None,
        "departments": sorted(mine or []), "can_compose": bool(nf.target_choices(request.user)[0]),
        "inbox": inbox_count(request.user)})


# -- composer ---------------------------------------------------------------------------------------

def _composer(request, form, *, notice=None, status=200):
    wording, _rows = form.wording_and_rows()
    reader = _reader(request.POST if request.method == "POST" else request.GET)
    return render(request, "notices/composer.html", {
        "form": form, "notice": notice, "effect": _effect_offer(form, notice),
        "previews": _previews(request, form, wording, reader=reader), "readers": _readers(),
        "general_errors": form.non_field_errors(), "body_length": utf16_len(wording.body), "max_text": MAX_TEXT,
    }, status=status)


def _readers() -> list[tuple[str, str]]:
    """The languages a preview can be shown for: a reader of each offered language."""
    from foryou.shared import languages

    return languages.offered()


def _reader(data) -> str:
    from foryou.shared import languages

    return languages.or_japanese(str(data.get("preview_language") or ""))


def _effect_offer(form, notice):
    """What the composer offers for measuring the effect: for an existing notice its program's
    availability; for a new one, the chosen program's (the page updates it when another is chosen)."""
    program = None
    if notice is not None and notice.program_code:
        program = services._program_or_none(notice)
    elif notice is None:
        program = form.programs.get(form.data.get("target", "") or form.initial.get("target", ""))
    if program is None:
        return nf.effect_availability(None) if notice is not None else None
    return nf.effect_availability(program)


def _previews(request, form, wording, *, reader: str = "ja", data=None) -> nf.Previews:
    """The previews as a reader of `reader` gets the notice: their language's version, else やさしい日本語,
    else Japanese (shown.language says which, shown.reader whose)."""
    typed = translations.cleaned(form.translations(data)) if _typed_ok(form, data) else {}
    language = translations.delivered(reader, ["ja", *(c for c, t in typed.items() if t["title"] and t["body"])])
    program = form.program()
    name = translations.program_name(program, language) if program is not None else form.program_name()
    shown = nf.previews(name, translations.wording_in(wording, typed, language, program), language)
    shown.reader, shown.language = reader, language
    key = nf.keep_email_html(request, shown.email_html)
    shown.email_html_url = reverse("console_notice_email_preview", args=[key])
    return shown


def _typed_ok(form, data) -> bool:
    try:
        translations.cleaned(form.translations(data))
    except ComposeError:
        return False
    return True


def _save(request, form, notice=None):
    """Create the notice (or its next version); a draft unless the author asked for approval."""
    submit = request.POST.get("action") == "submit"
    wording = form.wording()
    broadcast, automatic = form.chosen_audience()
    design = form.design()
    in_languages = form.translations()
    try:
        if notice is not None:
            if not notice.program_code:
                broadcast, automatic = True, False
            version = services.edit(notice, services.program_name_of(notice), wording, request.user, submit=submit,
                                    broadcast=broadcast, automatic=automatic, design=design,
                                    translations=in_languages)
        elif form.broadcast_department():
            department = form.broadcast_department()
            if not access.can_edit(request.user, department):
                raise PermissionDenied(_("Only editors of %(department)s can write its notices.")
                                       % {"department": department})
            notice = services.create_broadcast(department, wording, request.user, submit=submit,
                                               translations=in_languages)
            version = notice.latest
        else:
            notice = services.create(form.selected_program(), wording, request.user, submit=submit,
                                     broadcast=broadcast, automatic=automatic, design=design,
                                     translations=in_languages)
            version = notice.latest
    except services.ApprovalRefused as exc:
        form.add_error(None, exc.localized())
        return None
    except ComposeError as exc:  # the form checked the same limits; kept for a race with a program change
        for problem in exc.problems:
            form.add_error(None, str(problem))
        return None
    if submit:
        messages.success(request, _("Version %(n)s saved and sent for approval. An approver of %(department)s "
                                    "other than you approves it (決裁).") % {"n": version.number,
                                                                            "department": notice.department})
    else:
        messages.success(request, _("Version %(n)s saved as a draft. Ask for approval when it is ready.")
                         % {"n": version.number})
    return notice


@login_required
def notice_new(request):
    require_notice_staff(request)
    if request.method == "POST":
        form = nf.NoticeForm(request.POST, user=request.user)
        if form.is_valid():
            notice = _save(request, form)
            if notice is not None:
                return redirect("console_notice", pk=notice.pk)
        return _composer(request, form, status=400)
    form = nf.NoticeForm(user=request.user)
    if not form.groups:
        raise PermissionDenied(_("Only the editors of a department write notices."))
    program = form.programs.get(nf.PROGRAM + request.GET.get("program", ""))
    initial = nf.initial_for(program)
    if request.GET.get("broadcast") and nf.BROADCAST + request.GET["broadcast"] in {
            o["value"] for _d, options in form.groups for o in options}:
        initial = {"target": nf.BROADCAST + request.GET["broadcast"]}
    form = nf.NoticeForm(initial=initial, user=request.user)
    return _composer(request, form)


@login_required
def notice_edit(request, pk: int):
    notice = get_notice(request, pk, edit=True)
    fixed, program = services.program_name_of(notice), services.program_for_labels(notice)
    if request.method == "POST":
        form = nf.NoticeForm(request.POST, user=request.user, fixed_program_name=fixed, fixed_program=program)
        if form.is_valid() and _save(request, form, notice) is not None:
            return redirect("console_notice", pk=notice.pk)
        return _composer(request, form, notice=notice, status=400)
    form = nf.NoticeForm(initial=nf.initial_for(version=notice.latest), user=request.user, fixed_program_name=fixed,
                         fixed_program=program)
    return _composer(request, form, notice=notice)


@login_required
@require_POST
def notice_preview(request):
    """Every keystroke in the composer (htmx, debounced): both previews again, and out of band each
    field's LINE-limit problems (fields not typed in yet are not told off)."""
    require_notice_staff(request)
    notice, fixed, program = None, None, None
    if request.POST.get("notice"):
        notice = get_notice(request, int(request.POST["notice"]), edit=True)
        fixed, program = services.program_name_of(notice), services.program_for_labels(notice)
    form = nf.NoticeForm(request.POST, user=request.user, fixed_program_name=fixed, fixed_program=program)
    wording, rows = form.wording_and_rows(request.POST)
    errors = {}
    for field, message in nf.compose_problems(form.program_name(), wording, rows):
        if field is not None and not str(request.POST.get(field, "")).strip():
            continue
        errors.setdefault(field or "general", []).append(message)
    for field, message in nf.variant_problems(form.program_name(), wording, rows, request.POST):
        errors.setdefault(field or "general", []).append(message)
    for field, message in nf.language_problems(form.program(), form.program_name(), wording,
                                               form.translations(request.POST)):
        if field is not None and not str(request.POST.get(field, "")).strip():
            continue  # a version being typed: a missing title or body is told on saving
        errors.setdefault(field or "general", []).append(message)
    slots = ["general", *(name for name in form.fields if name != "target")]
    return render(request, "notices/_previews.html", {
        "previews": _previews(request, form, wording, reader=_reader(request.POST), data=request.POST), "oob": True,
        "error_slots": [(name, errors.get(name, [])) for name in slots],
        "body_length": utf16_len(wording.body), "max_text": MAX_TEXT})


def _email_frame(html: str) -> HttpResponse:
    response = HttpResponse(html, content_type="text/html; charset=utf-8")
    response["Content-Security-Policy"] = EMAIL_FRAME_POLICY
    response["Referrer-Policy"] = "no-referrer"
    return response


@login_required
@require_GET
@xframe_options_sameorigin
def notice_email_preview(request, key: str):
    require_notice_staff(request)
    preview = EmailPreview.objects.filter(user=request.user, key=key).first()
    if preview is None:
        raise Http404()
    return _email_frame(preview.html)


@login_required
@require_GET
@xframe_options_sameorigin
def version_email(request, pk: int, number: int):
    notice = get_notice(request, pk)
    version = get_object_or_404(NoticeVersion, notice=notice, number=number)
    shown = version_previews(notice, version, request.GET.get("language", ""))
    return _email_frame(shown.email_html)


def version_previews(notice: Notice, version: NoticeVersion, language: str = "") -> nf.Previews:
    """A version's previews in one of its languages (Japanese when it has no version in that language)."""
    language = language if language in translations.available(version) else "ja"
    program = services.program_for_labels(notice)
    name = (translations.program_name(program, language) if program is not None
            else services.program_name_of(notice, language))
    shown = nf.previews(name, translations.wording_in(services.wording_of(version), version.translations, language,
                                                      program), language)
    shown.language = shown.reader = language
    return shown


def language_versions(version: NoticeVersion) -> list[dict]:
    """Each language the version is in, for the tabs and the approver's list: code, name, title, body."""
    from foryou.shared import languages

    rows = [{"code": "ja", "name": languages.NAMES["ja"], "title": version.title, "body": version.body}]
    for code in translations.available(version)[1:]:
        texts = version.translations[code]
        rows.append({"code": code, "name": languages.NAMES.get(code, code), "title": texts["title"],
                     "body": texts["body"]})
    return rows


# -- one notice -----------------------------------------------------------------------------------

def _version_page(request, notice: Notice, version: NoticeVersion, template: str, extra: dict | None = None):
    user = request.user
    latest = notice.latest
    shown = version_previews(notice, version, request.GET.get("language", ""))
    shown.email_html_url = (reverse("console_notice_version_email", args=[notice.pk, version.number])
                            + f"?language={shown.language}")
    return render(request, template, {
        "notice": notice, "version": version, "latest": latest, "is_latest": version.pk == latest.pk,
        "program_name": services.program_name_of(notice), "status": notice_status(notice),
        "version_status": version_status(version), "previews": shown,
        "can_edit": access.can_edit(user, notice.department),
        "can_approve": (access.can_approve(user, notice.department) and version.pk == latest.pk
                        and version.submitted_at is not None and version.approved_at is None),
        "is_author": version.created_by_id == user.pk, "audience": audience.describe(version),
        "language_versions": language_versions(version), "shown_language": shown.language,
        **(extra or {})})


@login_required
@require_GET
def notice_detail(request, pk: int):
    notice = get_notice(request, pk)
    versions = list(notice.versions.select_related("created_by", "approved_by", "returned_by").order_by("-number"))
    orders = list(notice.orders.select_related("version", "created_by").order_by("-scheduled_for")[:100])
    return _version_page(request, notice, notice.latest, "notices/detail.html", {
        "versions": versions, "orders": orders, "kinds": KIND, "order_status": ORDER_STATUS,
        "sent_versions": {o.version_id for o in orders if o.kind != SendOrder.Kind.TEST
                          and o.status in (SendOrder.Status.SENDING, SendOrder.Status.FINISHED)},
        "test_devices": [{"ref": d.device_ref, "label": test_devices.label(d)}
                         for d in TestDevice.objects.linked_of(request.user)],
        "can_test": access.can_edit(request.user, notice.department)
        or access.can_approve(request.user, notice.department),
        "language_rows": by_language.of_notice(notice), "language_names": _language_names(),
    })


def _language_names() -> dict:
    from foryou.shared import languages

    return dict(languages.NAMES)


@login_required
@require_GET
def notice_version(request, pk: int, number: int):
    notice = get_notice(request, pk)
    version = get_object_or_404(NoticeVersion.objects.select_related("created_by", "approved_by"),
                                notice=notice, number=number)
    return _version_page(request, notice, version, "notices/version.html")


@login_required
@require_POST
def notice_ask_again(request, pk: int):
    """The program's conditions changed since approval: the same wording and audience as a new version,
    waiting for an approval that pins the conditions in effect now."""
    notice = get_notice(request, pk, edit=True)
    try:
        version = services.ask_again(notice, request.user)
    except services.ApprovalRefused as exc:
        messages.error(request, _("Not sent for approval: %(reason)s") % {"reason": exc.localized()})
    else:
        messages.success(request, _("Version %(n)s, with the program's current conditions, waits for approval.")
                         % {"n": version.number})
    return redirect("console_notice", pk=notice.pk)


@login_required
@require_POST
def notice_submit(request, pk: int):
    notice = get_notice(request, pk, edit=True)
    try:
        services.submit(notice.latest, request.user)
    except services.ApprovalRefused as exc:
        messages.error(request, _("Not sent for approval: %(reason)s") % {"reason": exc.localized()})
    else:
        messages.success(request, _("Sent for approval. An approver of %(department)s other than the author "
                                    "approves it.") % {"department": notice.department})
    return redirect("console_notice", pk=notice.pk)
