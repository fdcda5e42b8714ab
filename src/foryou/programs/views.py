"""Staff pages for programs (制度): the list, the condition editor with its live count and funnel, the
history of changes, and why one person qualifies (audited).

Department staff see only their department's programs; its editors (and service administrators)
change them, everyone else who sees them reads only. Every change in the editor is posted (htmx) to
`program_tree`, which rebuilds the tree from the form, validates it with the rules language, and
answers with the tree again and, out of band, the count and the funnel."""

import difflib
import logging
from datetime import date

import yaml
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from foryou.accounts import access
from foryou.console import suppression
from foryou.programs import condition_tree as ct
from foryou.programs import catalog, live, shown
from foryou.programs import services as program_services
from foryou.programs.definition import ProgramError
from foryou.programs.models import ProgramRevision
from foryou.residents import layout, resident_ids, store
from foryou.residents.checkdigit import is_valid_resident_id
from foryou.shared import numbers
from foryou.shared.numbers import is_well_formed, normalize
from foryou.rules import services as rules_services
from foryou.rules.catalog import COMPARISONS, TAX_CONSENT
from foryou.rules.describe import describe, lookup_tables
from foryou.rules.language import ConditionError

NOTE_MAX = 500
log = logging.getLogger(__name__)


# -- helpers --------------------------------------------------------------------------------------


def _program(request, code: str, *, edit: bool = False):
    """The program in effect, if the user may see it (403 otherwise; 404 for an unknown code)."""
    try:
        program = catalog.get_program(code)
    except catalog.UnknownProgram:
        raise Http404(_("There is no program %(code)s.") % {"code": code}) from None
    if not access.can_view_department(request.user, program.department):
        raise PermissionDenied(_("This program belongs to another department."))
    if edit and not access.can_edit(request.user, program.department):
        raise PermissionDenied(_("Only editors of %(department)s can change this program.")
                               % {"department": program.department})
    return program


def _as_of(request) -> date:
    text = (request.POST.get("as_of") or request.GET.get("as_of") or "").strip()
    try:
        return date.fromisoformat(text) if text else timezone.localdate()
    except ValueError:
        return timezone.localdate()


def _is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def _describe_tree(data, lookups) -> list:
    """[(depth, text)] lines describing a tree, for read-only views and revisions."""
    try:
        conditions = catalog.parse_tree(data, lookups)
    except ConditionError as exc:
        return [(0, f"{exc.path}: {exc.localized()}")]
    lines = []

    def visit(node, depth):
        from foryou.rules import language

        if isinstance(node, language.All):
            lines.append((depth, _("All of these:")))
            for child in node.children:
                visit(child, depth + 1)
        elif isinstance(node, language.Any):
            lines.append((depth, _("One of these:")))
            for child in node.children:
                visit(child, depth + 1)
        else:
            lines.append((depth, describe(node, lookups=conditions.lookups)))

    visit(conditions.root, 0)
    return lines


def _yaml(tree) -> str:
    return yaml.safe_dump({"conditions": tree}, allow_unicode=True, sort_keys=False, default_flow_style=False)


# -- list ---------------------------------------------------------------------------------------


@login_required
@require_GET
def program_list(request):
    try:
        programs = catalog.all_programs()
        error = ""
    except ProgramError as exc:
        # The file and the place in it are for the team that keeps the program files (in the log).
        log.error("program files cannot be read: %s", exc)
        programs, error = [], _("The program files cannot be read at the moment. Ask the team that maintains "
                                "them (the details are in the server log).")
    mine = access.departments(request.user)
    visible = [p for p in programs if mine is None or p.department in mine]
    return render(request, "programs/list.html", {
        "programs": visible, "error": error, "as_of": _as_of(request), "all_departments": mine is None,
        "departments": sorted(mine or []), "tax": TAX_CONSENT,
    })


@login_required
@require_GET
def program_count(request, code: str):
    """The count of one program (loaded lazily into the list, one row at a time)."""
    program = _program(request, code)
    as_of = _as_of(request)
    try:
        n = live.count(program.conditions, as_of)
    except store.NoSnapshot:
        return HttpResponse('<span class="muted">–</span>')
    program_services.record_counts_viewed(request.user, program, as_of, page="list",
                                          reads_tax=live.reads_tax(program.conditions))
    return render(request, "programs/_count.html", {"count": shown.people(n), "program": program})


# -- editor -------------------------------------------------------------------------------------


def _editor_context(request, program, root: ct.EditorNode, tree, as_of: date, page: str = "editor") -> dict:
    """The editor's page. Counts are shown suppressed (programs/shown.py) and audited."""
    can_edit = access.can_edit(request.user, program.department)
    preview, store_error, conditions = None, "", None
    if tree is not None:
        try:
            conditions = catalog.parse_tree(tree, program.lookups_data)
        except ConditionError as exc:
            ct.attach_error(root, exc)
    told = None
    if conditions is not None:
        try:
            preview, told = live.preview_and_told(conditions, as_of, program.recipients)
        except store.NoSnapshot as exc:
            store_error = str(exc)
    ct.prepare(root, program.lookups_data, conditions)
    invalid = [n for n in ct.walk(root) if n.error]
    uses_tax = conditions is not None and TAX_CONSENT in conditions.consents()
    changed = bool(invalid) or (conditions is not None and conditions.root != program.conditions.root)
    if preview is not None:
        program_services.record_counts_viewed(request.user, program, as_of, page=page, reads_tax=uses_tax,
                                              tree=tree if changed else None)
    told_shown = shown.people(told)
    return {
        "program": program, "root": root, "preview": shown.preview(preview), "store_error": store_error,
        "as_of": as_of, "can_edit": can_edit, "invalid": invalid, "uses_tax": uses_tax, "changed": changed,
        "kinds": [(k, str(v)) for k, v in ct.KIND_LABELS.items()],
        "at_labels": list(ct.AT_LABELS.items()), "quantifiers": list(ct.QUANTIFIER_LABELS.items()),
        "windows": list(ct.WINDOW_LABELS.items()), "comparisons": [(op, str(ct.OP_LABELS[op])) for op in COMPARISONS],
        "allowance_programs": list(layout.ALLOWANCE_PROGRAMS.items()), "allowance_statuses": layout.ALLOWANCE_STATUSES,
        "checkup_kinds": layout.CHECKUP_KINDS,
        "described": _describe_tree(program.tree, program.lookups_data) if not can_edit else [],
        "latest": program.revision, "told": told_shown, "note": request.POST.get("note", "").strip()[:NOTE_MAX],
        "told_few": told_shown is not None and told_shown.hidden, "few": suppression.threshold(),
        "lookup_tables": lookup_tables(conditions or program.conditions, _lookup_labels(program)),
    }


def _lookup_labels(program) -> dict[str, str]:
    return {name: str(spec.get("label", "")) for name, spec in (program.lookups_data or {}).items()
            if isinstance(spec, dict)}


@login_required
@require_GET
def program_editor(request, code: str):
    program = _program(request, code)
    root = ct.from_tree(program.tree)
    context = _editor_context(request, program, root, program.tree, _as_of(request))
    return render(request, "programs/editor.html", context)


def _tree_from_post(request, program):
    """(nodes, tree or None) from a posted editor form, after its action (add or remove a node)."""
    try:
        root = ct.from_form(request.POST)
    except ct.Problem:
        root = ct.from_tree(program.tree)
    ct.apply_action(root, request.POST.get("action", ""), request.POST)
    ct.renumber(root)
    tree, _problems = ct.to_tree(root)
    return root, tree


@login_required
@require_POST
def program_tree(request, code: str):
    """Every change in the editor: the tree re-rendered, and the count and funnel (out of band)."""
    program = _program(request, code, edit=True)
    root, tree = _tree_from_post(request, program)
    context = _editor_context(request, program, root, tree, _as_of(request))
    template = "programs/_live.html" if _is_htmx(request) else "programs/editor.html"
    return render(request, template, context)


@login_required
@require_POST
def program_save(request, code: str):
    program = _program(request, code, edit=True)
    root, tree = _tree_from_post(request, program)
    note = request.POST.get("note", "").strip()[:NOTE_MAX]
    as_of = _as_of(request)
    if tree is not None and request.POST.get("confirmed") != "yes":
        return _confirm_save(request, program, root, tree, as_of)
    if tree is not None:
        try:
            revision = program_services.save_conditions(program.code, tree, request.user, note)
        except ConditionError as exc:
            ct.attach_error(root, exc)
        else:
            _report_saved(request, revision)
            url = reverse("console_program", args=[program.code])
            if request.POST.get("as_of"):
                url += f"?as_of={as_of.isoformat()}"
            if _is_htmx(request):
                response = HttpResponse(status=204)
                response["HX-Redirect"] = url
                return response
            return redirect(url)
    context = _editor_context(request, program, root, tree if not any(n.error for n in ct.walk(root)) else None, as_of)
    context["save_error"] = _("Not saved: correct the conditions marked in red first.")
    template = "programs/_live.html" if _is_htmx(request) else "programs/editor.html"
    return render(request, template, context, status=200 if _is_htmx(request) else 400)


def _confirm_save(request, program, root, tree, as_of: date):
    """Saving cannot be taken back quietly (targeting uses the conditions at once): a save without
    `confirmed` shows what it will do — the count and how many registrants would be told — and asks.
    With htmx only the save panel changes; without JavaScript the whole editor comes back with it."""
    context = _editor_context(request, program, root, tree, as_of, page="save")
    if context["invalid"]:
        context["save_error"] = _("Not saved: correct the conditions marked in red first.")
        template = "programs/_live.html" if _is_htmx(request) else "programs/editor.html"
        return render(request, template, context, status=200 if _is_htmx(request) else 400)
    context["confirming"] = True
    if _is_htmx(request):
        response = render(request, "programs/_save_question.html", context)
        response["HX-Retarget"], response["HX-Reswap"] = "#save-question", "innerHTML show:bottom"
        return response
    return render(request, "programs/editor.html", context)


def _report_saved(request, revision: ProgramRevision) -> None:
    messages.success(request, _("Saved as revision %(number)s. Targeting now uses these conditions.")
                     % {"number": revision.pk})
    if not revision.examples_passed:
        messages.warning(request, _("These conditions break examples written in the program's file: %(failures)s. "
                                    "Check the conditions, or ask for the file's examples to be updated.")
                         % {"failures": "; ".join(revision.example_failures)})


# -- history ------------------------------------------------------------------------------------


@login_required
@require_GET
def program_history(request, code: str):
    program = _program(request, code)
    revisions = list(ProgramRevision.objects.for_program(program.code).select_related("author")[:200])
    return render(request, "programs/history.html", {
        "program": program, "revisions": revisions, "can_edit": access.can_edit(request.user, program.department),
        "file_is_current": program.revision is None,
    })


@login_required
@require_GET
def program_revision(request, code: str, pk: int):
    program = _program(request, code)
    revision = get_object_or_404(ProgramRevision, pk=pk, program_code=program.code)
    previous = ProgramRevision.objects.filter(program_code=program.code, pk__lt=revision.pk).order_by("-pk").first()
    before = previous.conditions if previous else program.file_tree
    before_label = (_("revision %(number)s") % {"number": previous.pk}) if previous else _("the program file")
    diff = list(difflib.unified_diff(_yaml(ct.canonical(before)).splitlines(),
                                     _yaml(ct.canonical(revision.conditions)).splitlines(),
                                     fromfile=before_label, tofile=_("revision %(number)s") % {"number": revision.pk},
                                     lineterm="", n=3))
    lines = [(("add" if line.startswith("+") else "del" if line.startswith("-") else "hunk" if line.startswith("@@")
               else "same"), line) for line in diff[2:]]
    return render(request, "programs/revision.html", {
        "program": program, "revision": revision, "previous": previous, "before_label": before_label,
        "diff": lines, "described": _describe_tree(revision.conditions, program.lookups_data),
        "can_edit": access.can_edit(request.user, program.department),
        "is_current": program.revision is not None and program.revision.pk == revision.pk,
    })


@login_required
@require_POST
def program_restore(request, code: str, pk: int | None = None):
    program = _program(request, code, edit=True)
    note = request.POST.get("note", "").strip()[:NOTE_MAX]
    try:
        if pk is None:
            revision = program_services.restore_file(program.code, request.user,
                                                     note or _("Back to the conditions of the program file"))
        else:
            old = get_object_or_404(ProgramRevision, pk=pk, program_code=program.code)
            revision = program_services.restore_revision(old, request.user,
                                                         note or _("Restored revision %(number)s") % {"number": old.pk})
    except (ConditionError, ProgramError) as exc:
        condition = exc if isinstance(exc, ConditionError) else exc.condition
        if condition is None:
            log.error("program %s cannot be restored: %s", program.code, exc)
        problem = condition.localized() if condition is not None else _("the program's file cannot be read")
        messages.error(request, _("Could not restore: %(problem)s") % {"problem": problem})
        return redirect("console_program_history", code=program.code)
    _report_saved(request, revision)
    return redirect("console_program", code=program.code)


# -- one person ---------------------------------------------------------------------------------


def _person(text: str) -> tuple[str, str, str]:
    """(宛名番号, registration number, error) from what was typed: 16 digits are a registration number,
    anything else a 宛名番号 in the registry's form (leading zeros may be left out)."""
    number = normalize(text or "")
    if len(number) == numbers.LENGTH and resident_ids.is_digits(number):
        if not is_well_formed(number):
            return "", number, _("This is not a registration number: check the 16 digits.")
        return "", number, ""
    value = resident_ids.typed(text)
    if not value:
        return "", "", _("Enter a 宛名番号 or a registration number.")
    if not resident_ids.is_digits(value):
        return value, "", _("A 宛名番号 is written in digits only.")
    value = resident_ids.canonical(value)
    if not is_valid_resident_id(value):
        return value, "", _("This 宛名番号 has a wrong check digit. Check the number.")
    return value, "", ""


@login_required
def program_explain(request, code: str):
    """Why a registrant does or does not qualify: each test of the program's conditions in effect (never
    conditions being edited) with its outcome, no values. Registrants only; every lookup is audited
    (rules/services.py says who may be explained and why)."""
    program = _program(request, code)
    as_of = _as_of(request)
    typed, error, explained = "", "", None
    if request.method == "POST":
        typed = request.POST.get("resident_id", "").strip()[:40]
        resident_id, number, error = _person(typed)
        if not error:
            try:
                explained = rules_services.explain_registrant(program, as_of, request.user,
                                                              resident_id=resident_id, number=number)
            except store.NoSnapshot as exc:
                error = str(exc)
            except rules_services.ExplainRefused as exc:
                error = exc.localized()
    return render(request, "programs/explain.html", {
        "program": program, "typed": typed, "error": error, "as_of": as_of, "result": explained,
        "explained": explained.explained.as_dict() if explained is not None else None,
    }, status=400 if error and request.method == "POST" else 200)
