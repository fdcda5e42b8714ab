"""Writes around targeting: explaining a person is an audited look at resident data.

The console explains registrants only, to answer their "why did I (not) get this notice?": an active
or paused registration, looked up by 宛名番号 or registration number; a current resident outside
支援措置; tax data only with the registrant's consent; outcomes only, on the program's conditions in
effect (saved), never on conditions being edited. Every lookup is audited, refused ones too."""

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from foryou.audit import services as audit
from foryou.residents import store
from foryou.rules import engine
from foryou.rules.catalog import TAX_CONSENT
from foryou.rules.explain import Explained, NotExplainable, explain_person, explain_registrant as _explain_registrant

REFUSALS = {
    "not_registrant": gettext_lazy(
        "%(who)s has no active registration. Explaining is only for answering a registrant's question about "
        "a notice: residents who have not registered (or whose registration has ended) are not looked up."),
    "not_targetable": gettext_lazy(
        "%(who)s cannot be explained: the registrant is not someone notices may reach in the current data, so "
        "there is nothing to explain. If the registration should have ended, tell the registrars."),
}


class ExplainRefused(Exception):
    def __init__(self, code: str, who: str):
        self.code, self.who = code, who
        super().__init__(code)

    def localized(self) -> str:
        return str(REFUSALS[self.code]) % {"who": self.who}


@dataclass
class RegistrantExplained:
    explained: Explained
    resident_id: str
    tax_consent: bool
    uses_tax: bool
    revision: int | None  # the revision whose conditions were used (None: the program's file)


def explain(program, resident_id: str, as_of: date, actor=None) -> Explained | None:
    """Which of the program's tests the person passes, with the values seen, for `foryou target --person`
    (operators on the console's own machine, who hold the analysis store itself). Audited."""
    audit.record("rules.explain", actor=actor, target=f"resident:{resident_id}",
                 detail={"program": program.code, "as_of": as_of.isoformat()})
    with store.connect() as con:
        return explain_person(con, program.conditions, engine.context_for(con, as_of), resident_id)


def explain_registrant(program, as_of: date, actor, *, resident_id: str = "", number: str = "") -> RegistrantExplained:
    """A registrant explained for the staff console (outcomes only), by 宛名番号 or registration number,
    on the program's conditions in effect. Raises ExplainRefused; audited either way (who, which
    registrant, which program, which revision, and the refusal if any)."""
    from foryou.enrollment.models import Registration
    from foryou.shared.numbers import display

    active = Registration.objects.active()  # active or paused (配信停止): still a registrant
    registration = (active.for_resident(resident_id) if resident_id else active.filter(number=number)).first()
    who = (_("宛名番号 %(id)s") % {"id": resident_id}) if resident_id else \
        (_("Registration number %(number)s") % {"number": display(number)})
    revision = program.revision.pk if getattr(program, "revision", None) else None
    detail = {"program": program.code, "as_of": as_of.isoformat(), "revision": revision}
    if registration is None:
        detail["refused"] = "not_registrant"
        if not resident_id:
            detail["number"] = number
        audit.record("rules.explain", actor=actor, target=f"resident:{resident_id}" if resident_id else "",
                     detail=detail)
        raise ExplainRefused("not_registrant", who)
    detail["registration"] = registration.pk
    target = f"resident:{registration.resident_id}"
    try:
        with store.connect() as con:
            explained = _explain_registrant(con, program.conditions, engine.context_for(con, as_of),
                                            registration.resident_id, tax_consent=registration.tax_consent)
    except NotExplainable as exc:
        detail["refused"] = exc.code
        audit.record("rules.explain", actor=actor, target=target, detail=detail)
        raise ExplainRefused(exc.code, who) from None
    audit.record("rules.explain", actor=actor, target=target, detail=detail)
    return RegistrantExplained(explained, registration.resident_id, registration.tax_consent,
                               TAX_CONSENT in program.conditions.consents(), revision)
