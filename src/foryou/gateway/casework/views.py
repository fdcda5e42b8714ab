"""The program's form on the resident's phone, opened from the notice's 申請する button.

Who is applying: in LINE (LIFF) the page posts the LINE user's ID token, verified with LINE; from an email
the signed link names the registration (casework.links). Either way the gateway knows only the registration
number. The answers are checked (with every problem named beside its field), the documents checked by their
content, and everything is sealed to the console's key before anything is stored; a refused submission
stores nothing. The upload handler is chosen before the request body is read, so CSRF is checked by hand
after it (Django's documented pattern for per-view upload handlers)."""

import logging

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods

from foryou.gateway import throttle
from foryou.gateway.casework import links, services
from foryou.gateway.casework.models import CaseworkForm
from foryou.gateway.casework.uploads import SealingUploadHandler
from foryou.gateway.db import DB
from foryou.gateway.liff import InvalidIdToken, verify_id_token
from foryou.gateway.models import Subscriber
from foryou.gateway.views import page
from foryou.shared.forms.answers import clean_answers
from foryou.shared.forms.definition import FormDefinition, parse_form
from foryou.shared.forms.files import AttachmentProblem, check_content, too_large
from foryou.shared.forms.rendering import layout
from foryou.shared.jp.dates import japanese_date

log = logging.getLogger(__name__)


def _form_or_404(program: str) -> tuple[CaseworkForm, FormDefinition]:
    row = CaseworkForm.objects.using(DB).current(program)
    if row is None:
        raise Http404("no form for this program")
    return row, parse_form(row.definition)


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def form_page(request, program: str, token: str = ""):
    row, definition = _form_or_404(program)
    if request.method == "POST":  # before anything reads the body: documents are sealed as they stream in
        limits = {f"file_{a.name}": a.max_bytes for a in definition.attachments}
        request.upload_handlers = [SealingUploadHandler(limits, request)]
    return _form_page(request, row, definition, token)


def _period(definition: FormDefinition) -> str:
    start = japanese_date(definition.accepts_from) if definition.accepts_from else ""
    until = japanese_date(definition.accepts_until) if definition.accepts_until else ""
    return f"{start}〜{until}"


def _registrant(request, token: str, program: str) -> tuple[Subscriber | None, str]:
    """The registration applying, and an error for the resident when there is none."""
    if token:
        link = links.read(token)
        if link is None or link.program != program:
            return None, _("This link is not valid or has expired. Open the form again from the notice.")
        subscriber = Subscriber.objects.using(DB).active().filter(pk=link.subscriber_id).first()
    else:
        try:
            line_user_id = verify_id_token(request.POST.get("id_token", ""))
        except InvalidIdToken:
            return None, _("Open this form from the notice in the city's LINE account.")
        subscriber = Subscriber.objects.using(DB).active().by_line_user(line_user_id).first()
    if subscriber is None or not subscriber.number:
        return None, _("Your registration is not active, so the application cannot be sent. Contact the city.")
    return subscriber, ""


def _files(request, definition: FormDefinition, correcting: bool) -> tuple[list[dict], dict]:
    """The checked documents, and an error per attachment (by its name)."""
    files, errors = [], {}
    for spec in definition.attachments:
        uploads = [u for u in request.FILES.getlist(f"file_{spec.name}") if u.name or u.size]
        if not uploads:
            if spec.required and not correcting:
                errors[spec.name] = _("Attach %(document)s.") % {"document": spec.label}
            continue
        if len(uploads) > spec.max_files:
            errors[spec.name] = _("Attach at most %(n)s file(s) for %(document)s.") % {"n": spec.max_files,
                                                                                          "document": spec.label}
            continue
        for upload in uploads:
            try:
                if upload.too_large:
                    raise too_large(spec, upload.name)
                kind = check_content(spec, upload.plaintext(), upload.name)
            except AttachmentProblem as problem:
                errors[spec.name] = str(problem)
                break
            files.append({"upload": upload, "attachment": spec.name, "type": kind})
    return files, errors


@csrf_protect
def _form_page(request, row: CaseworkForm, definition: FormDefinition, token: str):
    via = "email" if token else "line"
    correct = (request.POST.get("correct") or request.GET.get("correct") or "")[:16]
    context = {"row": row, "form": definition, "via": via, "correct": correct, "token": token,
               "period": _period(definition)}
    if not definition.accepts_on(timezone.localdate()):
        return page(request, "casework_closed.html", **context)
    if request.method == "GET":
        return page(request, "casework_form.html", sections=layout(definition), errors={}, file_errors={}, **context)
    subscriber, refusal = _registrant(request, token, row.program)
    if refusal:
        return page(request, "message.html", status=403, title=_("The application cannot be sent"), text=refusal)
    if correct and not services.may_correct(correct, row.program, subscriber.number):
        return page(request, "message.html", status=403, title=_("The application cannot be sent"),
                    text=_("This application is not waiting for a correction. Contact the city."))
    answers = clean_answers(definition, request.POST)
    files, file_errors = _files(request, definition, bool(correct))
    if answers.errors or file_errors:  # nothing is kept: the sealed uploads were only in memory
        return page(request, "casework_form.html", status=200, sections=layout(definition, request.POST, answers.errors),
                    errors=answers.errors, file_errors=file_errors, declared=request.POST.get("declaration") == "on",
                    problems=len(answers.errors) + len(file_errors), **context)
    refusal = throttle.casework_submission(subscriber.pk)
    if refusal:  # too many from this registration in a short time: nothing is kept
        return page(request, "message.html", status=refusal.status, title=refusal.title, text=refusal.text)
    receipt = services.submit(row, subscriber.number, answers.values, files, via=via, corrects=correct)
    return page(request, "casework_done.html", receipt=receipt, corrected=bool(correct), **context)
