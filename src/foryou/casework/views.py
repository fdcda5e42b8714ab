"""The applications inbox (受付箱) of a department, one application beside the resident's registry data, its
documents, and the status changes. Every page that shows an application or a resident is audited."""

from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from foryou.accounts import access
from foryou.accounts.middleware import forbidden
from foryou.audit import services as audit
from foryou.casework import services
from foryou.casework.display import answer_rows, registry_of
from foryou.casework.models import ApplicationFile, ProgramApplication
from foryou.casework.queries import InboxFilter, visible_to
from foryou.shared.bridge.streams import CannotOpenFile, open_bytes
from foryou.shared.forms import statuses
from foryou.shared.forms.files import CONTENT_TYPES

PAGE_SIZE = 50


def _programs():
    from foryou.programs.catalog import all_programs

    return [(p.code, p.name) for p in all_programs() if getattr(p, "form", None) is not None]


@login_required
def inbox(request):
    if not access.can_view_programs(request.user):
        return forbidden(request)
    programs = _programs()
    filters = InboxFilter(request.GET or None, programs=programs)
    rows = filters.apply(visible_to(request.user), request.user).select_related("assignee")
    page = Paginator(rows.order_by("-received_at", "-id"), PAGE_SIZE).get_page(request.GET.get("page"))
    audit.record("casework.inbox_listed", actor=request.user, target="casework:inbox",
                 detail={"filters": {k: str(v) for k, v in request.GET.items() if k != "page"},
                         "shown": [a.receipt for a in page.object_list]})
    names = dict(programs)
    for application in page.object_list:
        application.program_name = names.get(application.program_code, application.program_code)
    return render(request, "casework/inbox.html", {
        "filters": filters, "page": page, "program_names": names,
        "counts": [(key, label, visible_to(request.user).filter(status=key).count()) for key, label in statuses.CHOICES],
        "query": "&".join(f"{k}={v}" for k, v in request.GET.items() if k != "page")})


def _application(request, receipt: str) -> ProgramApplication:
    application = get_object_or_404(ProgramApplication.objects.select_related("form", "registration", "assignee"),
                                     receipt=receipt)
    if not access.can_view_department(request.user, application.department):
        raise Http404("not in your departments")
    return application


def _explained(request, application):
    """The program's conditions re-checked for the applicant, within the privacy rules (outcomes only, tax
    data only with consent, never for a household under 支援措置): (explained, refusal)."""
    from foryou.programs.catalog import get_program
    from foryou.rules.services import ExplainRefused, explain_registrant
    from foryou.residents import store

    try:
        program = get_program(application.program_code)
        return explain_registrant(program, timezone.localdate(), request.user,
                                  resident_id=application.resident_id), ""
    except ExplainRefused as refused:
        return None, refused.localized()
    except (LookupError, store.NoSnapshot) as exc:
        return None, str(exc)


@login_required
def detail(request, receipt: str):
    application = _application(request, receipt)
    audit.record("casework.viewed", actor=request.user, target=f"casework:{application.receipt}",
                 detail={"resident": application.resident_id})
    explained, explain_refusal = _explained(request, application)
    staff = get_user_model().objects.filter(is_active=True).order_by("username")
    return render(request, "casework/detail.html", {
        "app": application, "answers": answer_rows(application), "registry": registry_of(application),
        "explained": explained, "explain_refusal": explain_refusal,
        "files": application.files.order_by("round", "id"), "events": application.events.all(),
        "next": [(s, statuses.LABELS[s]) for s in statuses.NEXT[application.status]],
        "needs_note": statuses.NEEDS_NOTE, "staff": staff,
        "can_act": access.can_edit(request.user, application.department)
        or access.can_approve(request.user, application.department),
        "registration_ended": application.registration is not None and application.registration.status != "active"})


@login_required
@require_POST
def change_status(request, receipt: str):
    application = _application(request, receipt)
    if not (access.can_edit(request.user, application.department) or access.can_approve(request.user, application.department)):
        return forbidden(request)
    status, note = request.POST.get("status", ""), request.POST.get("note", "")
    if status in statuses.IRREVERSIBLE and request.POST.get("confirmed") != "yes":
        return render(request, "casework/confirm.html", {"app": application, "status": status,
                                                         "label": statuses.LABELS.get(status, status), "note": note})
    try:
        services.change_status(application, status, note, actor=request.user)
    except services.StatusRefused as refused:
        return render(request, "casework/refused.html", {"app": application, "error": str(refused)}, status=400)
    return redirect("casework_detail", receipt=application.receipt)


@login_required
@require_POST
def assign(request, receipt: str):
    from datetime import date

    application = _application(request, receipt)
    if not (access.can_edit(request.user, application.department) or access.can_approve(request.user, application.department)):
        return forbidden(request)
    user_id = request.POST.get("assignee") or ""
    assignee = get_user_model().objects.filter(pk=user_id, is_active=True).first() if user_id.isdigit() else None
    try:
        due = date.fromisoformat(request.POST["due_date"]) if request.POST.get("due_date") else None
    except ValueError:
        return render(request, "casework/refused.html", {"app": application,
                                                         "error": _("The due date is not a date (YYYY-MM-DD).")}, status=400)
    services.assign(application, assignee, due, actor=request.user)
    return redirect("casework_detail", receipt=application.receipt)


@login_required
def document(request, receipt: str, pk: int):
    application = _application(request, receipt)
    if application.purged_at is not None:  # its documents are gone: say so, not a bare 404
        return render(request, "casework/purged_document.html", {"app": application}, status=410)
    item = get_object_or_404(ApplicationFile, pk=pk, application=application)
    if item.ciphertext is None:
        raise Http404("not collected from the gateway yet")
    try:
        data = open_bytes(bytes(item.key), bytes(item.ciphertext))
    except CannotOpenFile as exc:
        return render(request, "casework/refused.html", {"app": application, "error": str(exc)}, status=500)
    audit.record("casework.file_viewed", actor=request.user, target=f"casework:{application.receipt}",
                 detail={"file": item.pk, "attachment": item.attachment})
    response = HttpResponse(data, content_type=CONTENT_TYPES.get(item.type, "application/octet-stream"))
    response["Content-Disposition"] = f'inline; filename="{application.receipt}-{item.pk}.{ "jpg" if item.type == "jpeg" else item.type}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    return response
