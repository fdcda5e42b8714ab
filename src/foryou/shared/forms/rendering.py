"""A form definition laid out for its template (shared/forms/form.html): each input with its HTML name,
label, help, value as typed and error, so the resident's page (gateway) and the staff preview (console)
show exactly the same form. `values` is what was typed (a POST, or the previous answers to correct)."""

from dataclasses import dataclass, field

from foryou.shared.forms.answers import NO, YES, field_input, row_count, rows_input
from foryou.shared.forms.definition import Field, FormDefinition, Group


@dataclass
class Input:
    name: str  # the HTML name
    label: str
    type: str
    required: bool
    help: str
    value: str
    error: str
    choices: tuple = ()
    max_length: int = 200
    depends_on: str = ""  # HTML name of the field a conditional field depends on
    depends_value: str = ""

    @property
    def id(self) -> str:
        return "id_" + self.name

    @property
    def input_mode(self) -> str:
        return {"number": "numeric", "date": "text"}.get(self.type, "text")


@dataclass
class Row:
    index: int
    inputs: list


@dataclass
class GroupLayout:
    name: str
    label: str
    help: str
    rows: list
    template_row: Row  # for the "add" button's script (a row numbered __row__)
    rows_name: str
    min: int
    max: int
    error: str = ""


@dataclass
class SectionLayout:
    title: str
    help: str
    inputs: list = field(default_factory=list)
    groups: list = field(default_factory=list)


def _typed(values, name: str) -> str:
    value = values.get(name) if values else None
    return "" if value is None else str(value)


def _input(f: Field, values, errors, group: Group | None = None, row: int | str = 0) -> Input:
    name = f"{group.name}-{row}-{f.name}" if group else field_input(f)
    depends_on = ""
    depends_value = ""
    if f.when is not None:
        depends_on = f"{group.name}-{row}-{f.when.field}" if group else f"f_{f.when.field}"
        depends_value = (YES if f.when.equals else NO) if isinstance(f.when.equals, bool) else str(f.when.equals)
    return Input(name=name, label=f.label, type=f.type, required=f.required, help=f.help,
                 value=_typed(values, name), error=(errors or {}).get(name, ""), choices=f.choices,
                 max_length=f.max_length, depends_on=depends_on, depends_value=depends_value)


def layout(form: FormDefinition, values=None, errors=None) -> list[SectionLayout]:
    sections = []
    for section in form.sections:
        out = SectionLayout(section.title, section.help,
                            inputs=[_input(f, values, errors) for f in section.fields])
        for group in section.groups:
            count = row_count(group, values or {}) or 1
            rows = [Row(i, [_input(f, values, errors, group, i) for f in group.fields]) for i in range(count)]
            out.groups.append(GroupLayout(
                name=group.name, label=group.label, help=group.help, rows=rows, rows_name=rows_input(group),
                template_row=Row("__row__", [_input(f, None, None, group, "__row__") for f in group.fields]),
                min=group.min, max=group.max, error=(errors or {}).get(rows_input(group), "")))
        sections.append(out)
    return sections


def values_from_answers(form: FormDefinition, answers: dict) -> dict:
    """The HTML values of earlier answers (to correct an application in the same form, prefilled)."""
    values = {}
    for section in form.sections:
        for f in section.fields:
            if f.name in answers:
                values[field_input(f)] = _html_value(answers[f.name])
        for group in section.groups:
            rows = answers.get(group.name) or []
            values[rows_input(group)] = str(len(rows))
            for i, row in enumerate(rows):
                for f in group.fields:
                    if f.name in row:
                        values[field_input(f, group, i)] = _html_value(row[f.name])
    return values


def _html_value(value) -> str:
    if isinstance(value, bool):
        return YES if value else NO
    return str(value)
