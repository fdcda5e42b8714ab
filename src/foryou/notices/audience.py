"""What an approval (決裁) covers besides the wording: the audience. The author chooses broadcast or
not and automatic or not for each version; approving pins the program's conditions in effect (the
tree and the ProgramRevision it came from). Sends and daily trigger runs of that version target with
the pinned conditions, so a later change of the program's conditions never changes an approved
notice's audience: the notice page says the conditions changed and a new approval is needed for them.

    pin(version)                    -> fields to save on approval
    program_for(version)            -> the program with the version's pinned conditions
    conditions_changed(version)     -> True when the program's conditions differ from the pinned ones
"""

from foryou.notices.errors import ApprovalRefused, SendRefused


def check_choice(*, program, broadcast: bool, automatic: bool) -> None:
    """The author's choice of audience, checked when a version is written."""
    if program is None and not broadcast:
        raise ApprovalRefused("broadcast_only")
    if automatic and (program is None or broadcast):
        raise ApprovalRefused("not_automatic")
    if automatic and not program.trigger:
        raise ApprovalRefused("not_trigger")


def current(program_code: str) -> tuple[object, object]:
    """(condition tree, ProgramRevision or None) of the program as it is in effect now."""
    from foryou.programs.catalog import get_program, json_tree

    program = get_program(program_code)
    return json_tree(program.tree), program.revision


def pin(version) -> dict:
    """The fields an approval saves: the conditions in effect now (nothing for a broadcast)."""
    if version.broadcast or not version.notice.program_code:
        return {"conditions": None, "conditions_revision": None}
    tree, revision = current(version.notice.program_code)
    return {"conditions": tree, "conditions_revision": revision}


def revision_key(program_code: str) -> str:
    """What the approval page shows and sends back: the revision in effect ("file": the file's
    conditions). Approving with another key in effect is refused: the approver saw other conditions."""
    if not program_code:
        return ""
    _tree, revision = current(program_code)
    return str(revision.pk) if revision is not None else "file"


def program_for(version):
    """The program with the conditions this version's approval covers. A version approved before
    approvals pinned conditions cannot be sent to a program's audience: it needs a new approval."""
    from foryou.programs.catalog import get_program

    program = get_program(version.notice.program_code)
    if version.conditions is None:
        raise SendRefused("not_pinned")
    return program.with_conditions(version.conditions)


def conditions_changed(version) -> bool:
    """An approved program version whose pinned conditions are no longer the program's (or were never
    pinned): its sends keep the approved audience; new conditions need a new approval."""
    if version is None or version.approved_at is None or version.broadcast or not version.notice.program_code:
        return False
    if version.conditions is None:
        return True
    from foryou.programs.catalog import UnknownProgram

    try:
        tree, _revision = current(version.notice.program_code)
    except UnknownProgram:
        return True
    return tree != version.conditions


def describe(version) -> dict:
    """What the notice, approval and send pages say about a version's audience."""
    if version is None:
        return {}
    program_notice = bool(version.notice.program_code)
    if version.approved_at is not None:
        pinned = (None if version.conditions is None else
                  str(version.conditions_revision_id) if version.conditions_revision_id else "file")
    else:  # what approving now would pin
        try:
            pinned = revision_key(version.notice.program_code) if program_notice and not version.broadcast else None
        except Exception:  # an unknown or broken program: the programs page says why
            pinned = None
    return {"broadcast": version.broadcast or not program_notice, "automatic": version.automatic and program_notice,
            "revision": pinned, "changed": conditions_changed(version)}
