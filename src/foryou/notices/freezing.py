"""Freezing a send order's recipients at the moment it starts: the program's conditions against the
current analysis snapshot (or, for a trigger run, the persons who newly qualified), turned into the
registrants to tell; a broadcast is every active registrant."""

from dataclasses import dataclass
from datetime import date

from foryou.notices.models import SendOrder


@dataclass
class Frozen:
    numbers: list[str]
    targeted: int
    as_of: date | None
    snapshot: str


def freeze(order: SendOrder, target_ids: list[str] | None = None) -> Frozen:
    from foryou.notices.sending import active_registrants, today_in_tokyo

    if order.kind == SendOrder.Kind.BROADCAST:
        numbers = sorted(r.registration_number for r in active_registrants())
        return Frozen(numbers, len(numbers), None, "")
    from foryou.programs.catalog import get_program
    from foryou.residents import store
    from foryou.rules import engine, recipients

    program = get_program(order.notice.program_code)
    day = today_in_tokyo()
    con = store.connect()
    with con:
        ctx = engine.context_for(con, day)
        if target_ids is None:
            found = recipients.resolve(con, program.conditions, ctx, program.recipients, active_registrants())
            targeted = engine.count(con, program.conditions, ctx)
        else:
            found = recipients.resolve_ids(con, target_ids, program.conditions, ctx, program.recipients,
                                           active_registrants())
            targeted = len(target_ids)
    return Frozen(sorted({r.registration_number for r in found}), targeted, day, store.current_snapshot_name() or "")
