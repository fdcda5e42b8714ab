"""What take-up of a program means, from its program file (docs/rules.md, "Outcome and holdout"):

    outcome:
      source: allowances          # allowances.csv (手当受給): a record starting on or after the notice
      program: JIDO_FUYO          # 制度コード, one or a list
      status: [受給中, 支給停止, 申請中]   # optional; default every status but 却下
    outcome:
      source: checkups            # checkups.csv (健診・予防接種): done on or after the notice
      kind: [肺がん検診, 大腸がん検診]  # 種別, one or a list
    outcome:
      source: applications        # applications made in foryou (制度の申請, foryou.casework)
    holdout: forbidden            # or {forbidden: reason}; default: a holdout may be chosen

    outcome_of(program) -> Outcome | None        allows_holdout(program) -> bool

Each source names the one date that is the take-up: 受給開始日 for an allowance record, 実施日 for a
checkup, the day an application was submitted.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext, gettext_lazy as _

from foryou.residents import layout


class Source(models.TextChoices):
    """Where take-up is read from: defined once, used by program files, TakeUp rows and pages."""

    ALLOWANCES = "allowances", _("allowance records (手当受給)")
    CHECKUPS = "checkups", _("checkups and vaccinations (健診・予防接種)")
    APPLICATIONS = "applications", _("applications made in foryou")


HOLDOUT_ALLOWED = "allowed"
HOLDOUT_FORBIDDEN = "forbidden"
# An application record that was rejected (却下) is not a use of the program.
DEFAULT_ALLOWANCE_STATUSES = tuple(s for s in layout.ALLOWANCE_STATUSES if s != "却下")

_KEYS = {
    Source.ALLOWANCES: {"source", "program", "status", "label"},
    Source.CHECKUPS: {"source", "kind", "label"},
    Source.APPLICATIONS: {"source", "label"},
}


class OutcomeError(ValueError):
    """A program file's outcome: or holdout: that cannot be used; `path` names the key."""

    def __init__(self, path: str, problem: str):
        self.path, self.problem = path, problem
        super().__init__(f"{path}: {problem}")


@dataclass(frozen=True)
class Outcome:
    source: str  # a Source value
    codes: tuple[str, ...] = ()  # allowances: 制度コード; checkups: 種別; applications: none
    statuses: tuple[str, ...] = ()  # allowances only: which 状態 count
    written_label: str = ""  # the file's own label:, if any (Japanese, as reviewed in git)

    @property
    def label(self) -> str:
        """What take-up means, in the staff's language (the file's own words if it has a label:)."""
        if self.written_label:
            return self.written_label
        if self.source == Source.ALLOWANCES:
            names = "・".join(layout.ALLOWANCE_PROGRAMS.get(code, code) for code in self.codes)
            return gettext("%(programs)s: a receipt or application record starting on or after the notice") % {
                "programs": names}
        if self.source == Source.CHECKUPS:
            return gettext("%(kinds)s done on or after the notice") % {"kinds": "・".join(self.codes)}
        return gettext("an application made in foryou on or after the notice")

    @property
    def source_label(self) -> str:
        return str(Source(self.source).label)


def _names(value, path: str) -> tuple[str, ...]:
    items = value if isinstance(value, list) else [value]
    names = tuple(str(item).strip() for item in items if item is not None and str(item).strip())
    if not names or len(names) != len(items):
        raise OutcomeError(path, "needs one code or a list of codes, none empty")
    return names


def parse_outcome(data) -> Outcome | None:
    """The outcome: block of a program file (None when absent). Raises OutcomeError naming the key."""
    if data is None:
        return None
    if not isinstance(data, dict):
        raise OutcomeError("outcome", f"must be a mapping with source: ({', '.join(Source.values)})")
    source = data.get("source")
    if source not in Source.values:
        raise OutcomeError("outcome.source", f"must be one of {', '.join(Source.values)}, got {source!r}")
    extra = sorted(set(data) - _KEYS[Source(source)])
    if extra:
        raise OutcomeError(f"outcome.{extra[0]}", f"unknown key for source {source}; allowed: "
                                                  f"{', '.join(sorted(_KEYS[Source(source)]))}")
    label = str(data.get("label") or "").strip()
    if source == Source.ALLOWANCES:
        if "program" not in data:
            raise OutcomeError("outcome.program", "is required for source allowances (the 制度コード)")
        statuses = DEFAULT_ALLOWANCE_STATUSES
        if "status" in data:
            statuses = _names(data["status"], "outcome.status")
            unknown = [s for s in statuses if s not in layout.ALLOWANCE_STATUSES]
            if unknown:
                raise OutcomeError("outcome.status", f"{unknown[0]!r} is not a status; allowed: "
                                                     f"{', '.join(layout.ALLOWANCE_STATUSES)}")
        return Outcome(source, _names(data["program"], "outcome.program"), statuses, label)
    if source == Source.CHECKUPS:
        if "kind" not in data:
            raise OutcomeError("outcome.kind", "is required for source checkups (the 種別)")
        return Outcome(source, _names(data["kind"], "outcome.kind"), (), label)
    return Outcome(source, (), (), label)


def parse_holdout(data) -> tuple[str, str]:
    """The holdout: key: (allowed or forbidden, the reason written for a forbidden one)."""
    if data is None or data == HOLDOUT_ALLOWED:
        return HOLDOUT_ALLOWED, ""
    if data == HOLDOUT_FORBIDDEN:
        return HOLDOUT_FORBIDDEN, ""
    if isinstance(data, dict) and set(data) == {HOLDOUT_FORBIDDEN} and str(data[HOLDOUT_FORBIDDEN] or "").strip():
        return HOLDOUT_FORBIDDEN, str(data[HOLDOUT_FORBIDDEN]).strip()
    raise OutcomeError("holdout", "must be allowed, forbidden, or {forbidden: the reason}")


def _program(program):
    if isinstance(program, str):
        from foryou.programs.catalog import get_program

        return get_program(program)
    return program


def outcome_of(program) -> Outcome | None:
    """What take-up of `program` (a Program or its code) means, or None: its file has no outcome:."""
    return getattr(_program(program), "outcome", None)


def allows_holdout(program) -> bool:
    """False when the program file forbids a holdout (e.g. a vaccination with a deadline)."""
    return getattr(_program(program), "holdout", HOLDOUT_ALLOWED) != HOLDOUT_FORBIDDEN


def holdout_reason(program) -> str:
    """Why the file forbids a holdout, as written there ("" when allowed or not said)."""
    return getattr(_program(program), "holdout_reason", "")
