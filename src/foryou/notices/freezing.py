"""Freezing a send order's recipients at the moment it starts: the program's conditions against the
current analysis snapshot — the conditions its approved version pinned, not whatever the program says
now (notices/audience.py) — (or, for a trigger run, the persons who newly qualified), turned into the
registrants to tell; a broadcast is every active registrant. Registrants who turned the notice's topic
off on the settings page are left out (honoured_topic: the program's topic, 市からのお知らせ for a
broadcast; none for an urgent notice of a program whose file lets urgent notices override the choice)."""

from dataclasses import dataclass
from datetime import date

from foryou.notices.models import SendOrder
from foryou.shared.topics import Topic


@dataclass
class Frozen:
    numbers: list[str]
    targeted: int
    as_of: date | None
    snapshot: str


def freeze(order: SendOrder, target_ids: list[str] | None = None) -> Frozen:
    from foryou.notices.sending import active_numbers, active_registrants, today_in_tokyo

    if order.kind == SendOrder.Kind.HOLDOUT:  # the holdout of an experiment, told after its window
        from foryou.effect.services import holdout_numbers

        numbers = holdout_numbers(order)
        return Frozen(numbers, len(numbers), today_in_tokyo(), "")
    if order.kind == SendOrder.Kind.BROADCAST:
        numbers = sorted(active_numbers(Topic.CITY_NEWS))
        return Frozen(numbers, len(numbers), None, "")
    from foryou.residents import store
    from foryou.rules import engine, recipients

    program = _program_of(order)
    topic = _topic_of(order, program)
    day = today_in_tokyo()
    con = store.connect()
    with con:
        ctx = engine.context_for(con, day)
        if target_ids is None:
            found = recipients.resolve(con, program.conditions, ctx, program.recipients, active_registrants(topic))
            targeted = engine.count(con, program.conditions, ctx)
        else:
            found = recipients.resolve_ids(con, target_ids, program.conditions, ctx, program.recipients,
                                           active_registrants(topic))
            targeted = len(target_ids)
    return Frozen(sorted({r.registration_number for r in found}), targeted, day, store.current_snapshot_name() or "")


def honoured_topic(order: SendOrder) -> str:
    """The topic whose opt-out this order honours ("" for none): 市からのお知らせ for a broadcast, else the
    program's topic — unless the notice is urgent and the program's file lets urgent notices override it."""
    if order.kind == SendOrder.Kind.BROADCAST:
        return str(Topic.CITY_NEWS)
    if order.kind in (SendOrder.Kind.TEST, SendOrder.Kind.WELCOME) or not order.notice.program_code:
        return ""  # a test, the welcome digest (programs across topics) or a notice of no program
    return _topic_of(order, _program_of(order))


def _topic_of(order: SendOrder, program) -> str:
    topic = getattr(program, "topic", "") or ""
    return "" if order.urgent and getattr(program, "urgent_overrides_topic", False) else topic


def _program_of(order: SendOrder):
    """The program with the conditions the send's version was approved with. Without an approved
    version (an estimate before approval) the conditions in effect, which approving would pin."""
    from foryou.notices import audience
    from foryou.programs.catalog import get_program

    version = order.version if order.version_id is not None else None
    if version is not None and version.approved_at is not None:
        return audience.program_for(version)
    return get_program(order.notice.program_code)
