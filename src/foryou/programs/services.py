"""Writes around programs: conditions changed in the staff console become revisions (audited), and
counts shown to staff are audited."""

import json
from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from foryou.audit import services as audit
from foryou.programs import catalog
from foryou.programs.models import ProgramRevision
from foryou.programs.testing import run_test


@dataclass
class ExampleResult:
    name: str
    path: str
    failures: list[str]

    @property
    def passed(self) -> bool:
        return not self.failures


def run_examples(program) -> list[ExampleResult]:
    """The program's own example persons (from its file), on the given conditions: reference and SQL."""
    results = []
    for test in program.tests:
        outcome = run_test(program, test)
        results.append(ExampleResult(test.name, test.path, outcome.failures))
    return results


def _check_editor(program, author) -> None:
    if author is None:
        return  # a command run from a terminal (audited as the system account)
    from foryou.accounts import access

    if not access.can_edit(author, program.department):
        raise PermissionDenied(f"{author.get_username()} may not change programs of {program.department}")


@transaction.atomic
def save_conditions(program_code: str, tree, author=None, note: str = "", *, restored_from=None) -> ProgramRevision:
    """Make `tree` the program's conditions in effect. The tree is validated by the rules language as a
    program file's would be (raises ConditionError naming the node at fault, e.g.
    `conditions.all[2].value: …`), the program's own examples are run on it (their results are kept
    with the revision: a revision may break them, the editor shows it as a warning), and the change is
    audited."""
    program = catalog.get_program(program_code)
    _check_editor(program, author)
    changed = program.with_conditions(tree)  # raises ConditionError
    examples = run_examples(changed)
    failures = [f"{r.name}: {failure}" for r in examples for failure in r.failures]
    revision = ProgramRevision.objects.create(
        program_code=program.code, conditions=changed.tree, author=author,
        author_label=author.get_username() if author is not None else audit.system_actor_label(),
        note=note.strip(), examples_passed=not failures, example_failures=failures, restored_from=restored_from,
    )
    audit.record("programs.conditions_saved", actor=author, target=f"program:{program.code}", detail={
        "revision": revision.pk, "note": revision.note, "examples_passed": revision.examples_passed,
        "previous_revision": program.revision.pk if program.revision else None,
        "restored_from": restored_from.pk if restored_from else None,
    })
    return revision


def restore_revision(revision: ProgramRevision, author=None, note: str = "") -> ProgramRevision:
    """Bring back an earlier revision's conditions as a new revision (history is never rewritten)."""
    return save_conditions(revision.program_code, revision.conditions, author, note, restored_from=revision)


def restore_file(program_code: str, author=None, note: str = "") -> ProgramRevision:
    """Go back to the conditions written in the program's file, as a new revision."""
    program = catalog.get_program(program_code, revisions=False)
    return save_conditions(program_code, program.file_tree, author, note)


# -- counts shown before a send (audited) -----------------------------------------------------------

COUNTS_VIEWED = "programs.counts_viewed"
COUNTS_AUDIT_WINDOW = timedelta(minutes=10)


def record_counts_viewed(actor, program, as_of: date, *, page: str, reads_tax: bool, tree=None) -> bool:
    """Audit that `actor` was shown counts of `program` (suppressed figures, see programs/shown.py) on
    `page` (editor, list, save, estimate); `reads_tax`: whether the conditions counted read tax data
    (counted over consenting registrants only); `tree`: the conditions counted, when they are not the
    program's conditions in effect (being edited).

    Counts of the conditions in effect are recorded once per staff member, program, page and day
    evaluated in COUNTS_AUDIT_WINDOW: the editor recounts on every change, and an entry per change would
    bury the entries about persons (rules.explain) that auditors read. Edited conditions that read tax
    data are recorded with the conditions, so each different set counted is an entry of its own:
    narrowing conditions on income is how counts could be turned into one person's income, and the log
    must show each attempt. Returns whether an entry was written."""
    from foryou.audit.models import AuditEvent

    detail = {"program": program.code, "as_of": as_of.isoformat(), "page": page, "tax_data": reads_tax,
              "conditions": "in_effect" if tree is None else "edited"}
    if tree is not None and reads_tax:
        detail["tree"] = json.dumps(tree, ensure_ascii=False, sort_keys=True)
    target = f"program:{program.code}"
    since = timezone.now() - COUNTS_AUDIT_WINDOW
    recent = AuditEvent.objects.about(target).filter(action=COUNTS_VIEWED, actor=actor, at__gte=since)
    if any(event.detail == detail for event in recent.only("detail")[:50]):
        return False  # the same entry within the window: nothing new was shown
    audit.record(COUNTS_VIEWED, actor=actor, target=target, detail=detail)
    return True
