"""An application shown to staff: each answer with the label of the form it answered (its own version), and
the resident's registry record beside it (so nothing is retyped)."""

from dataclasses import dataclass

from foryou.shared.forms.definition import parse_form
from foryou.shared.jp.dates import wareki


@dataclass
class AnswerRow:
    section: str
    label: str
    value: str


def _shown(value) -> str:
    from datetime import date

    if isinstance(value, bool):
        return "はい" if value else "いいえ"
    if isinstance(value, str) and len(value) == 10 and value[4] == "-":
        try:
            return f"{value}({wareki(date.fromisoformat(value))})"
        except ValueError:
            return value
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def answer_rows(application) -> list[AnswerRow]:
    if application.form is None:
        return [AnswerRow("", key, _shown(value)) for key, value in application.answers.items()]
    form = parse_form(application.form.definition)
    rows = []
    for section in form.sections:
        for f in section.fields:
            if f.name in application.answers:
                rows.append(AnswerRow(section.title, f.label, _shown(application.answers[f.name])))
        for group in section.groups:
            for i, row in enumerate(application.answers.get(group.name) or []):
                for f in group.fields:
                    if f.name in row:
                        rows.append(AnswerRow(f"{section.title} — {group.label} {i + 1}", f.label, _shown(row[f.name])))
    return rows


def registry_of(application):
    """The applicant's registry record (foryou.enrollment.registrant_lookup.Person), or None."""
    from foryou.enrollment import registrant_lookup
    from foryou.residents import store

    try:
        return registrant_lookup.person(application.resident_id)
    except store.NoSnapshot:
        return None
