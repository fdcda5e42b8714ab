"""A program's form as the resident will see it, for the department's staff and the IT team editing the
program file: the same template and layout as the gateway page, at phone width. Nothing can be sent."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from foryou.accounts import access
from foryou.accounts.middleware import forbidden
from foryou.audit import services as audit
from foryou.shared.forms.answers import clean_answers
from foryou.shared.forms.rendering import layout


@login_required
def form_preview(request, code: str):
    from foryou.programs.catalog import UnknownProgram, get_program

    if not access.can_view_programs(request.user):
        return forbidden(request)
    try:
        program = get_program(code)
    except UnknownProgram:
        raise Http404("no such program")
    if program.form is None:
        raise Http404("this program has no form")
    # "Check" runs the resident's checks on what staff typed, to see the messages a resident would get.
    checked = clean_answers(program.form, request.GET) if request.GET.get("check") else None
    audit.record("casework.form_previewed", actor=request.user, target=f"program:{program.code}",
                 detail={"digest": program.form.digest})
    return render(request, "casework/preview.html", {
        "program": program, "form": program.form,
        "sections": layout(program.form, request.GET if checked else None, checked.errors if checked else None),
        "errors": checked.errors if checked else {}, "file_errors": {}, "checked": checked})
