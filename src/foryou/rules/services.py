"""Writes around targeting: explaining a person is an audited look at resident data."""

from datetime import date

from foryou.audit import services as audit
from foryou.residents import store
from foryou.rules import engine
from foryou.rules.explain import Explained, explain_person


def explain(program, resident_id: str, as_of: date, actor=None) -> Explained | None:
    """Which of the program's tests the person passes, with the values seen. Audited (who, when, whom)."""
    audit.record("rules.explain", actor=actor, target=f"resident:{resident_id}",
                 detail={"program": program.code, "as_of": as_of.isoformat()})
    with store.connect() as con:
        return explain_person(con, program.conditions, engine.context_for(con, as_of), resident_id)
