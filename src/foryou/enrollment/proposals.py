"""Whom an application may be accepted for: the persons the console proposed to the registrar, and
nobody else without a second registrar (an override, services.request_override/confirm_override).

Proposed means: a registry candidate of the application, computed again here on the POST from the
application and the current snapshot (what the page showed, never what the form says it showed), or a
person the accepting registrar's own audited manual search on this application listed (the audit log
keeps who each search showed)."""

from functools import lru_cache

from foryou.audit.models import AuditEvent
from foryou.enrollment.addresses import undoubled
from foryou.enrollment.matching import ApplicationData, CandidateList, candidates, towns_from_snapshot
from foryou.enrollment.models import Application
from foryou.residents import resident_ids, store

SEARCHED = "enrollment.registry_searched"


@lru_cache(maxsize=4)
def _towns(snapshot: str):
    with store.connect() as con:
        return towns_from_snapshot(con)


def candidates_for(app: Application) -> CandidateList:
    """The registry candidates of an application, best first (never a protected person). Raises NoSnapshot."""
    with store.connect() as con:
        data = ApplicationData(app.name, app.name_kana, app.birth_date, app.postal_code, undoubled(app.address),
                               app.phone, app.email)
        return candidates(con, data, _towns(store.current_snapshot_name()))


def searched_by(app: Application, user) -> set[str]:
    """The persons the user's manual searches on this application listed (from the audit log)."""
    events = AuditEvent.objects.about(f"application:{app.pk}").filter(action=SEARCHED, actor=user)
    return {resident_ids.canonical(rid) for detail in events.values_list("detail", flat=True)
            for rid in (detail or {}).get("shown", [])}


def is_proposed(app: Application, resident_id: str, user) -> bool:
    """Whether the person was proposed to this registrar for this application."""
    wanted = resident_ids.canonical(resident_id)
    if wanted in searched_by(app, user):
        return True
    try:
        return wanted in {resident_ids.canonical(c.resident_id) for c in candidates_for(app)}
    except store.NoSnapshot:
        return False
