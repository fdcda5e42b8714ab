"""Checking what a resident typed into a program's form: each value normalised (NFKC numbers, kana folded,
和暦 or Western dates), each problem a message naming the field, keyed by the input's HTML name so the page
shows it beside the field. The answers are plain JSON (dates as YYYY-MM-DD): they are what is sealed.

HTML names: `f_<field>` for a section's field; `<group>-<row>-<field>` for a row of a group, with
`<group>-rows` the number of rows shown; `declaration` for the declaration checkbox."""

import unicodedata
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from foryou.shared.application import CONTROL, MARKUP
from foryou.shared.forms.definition import Field, FormDefinition, Group
from foryou.shared.jp.dates import NotADate, parse_date
from foryou.shared.jp.text import kana_name

YES, NO = "yes", "no"


@dataclass
class Answers:
    values: dict = field(default_factory=dict)
    errors: dict = field(default_factory=dict)  # HTML name → message

    @property
    def ok(self) -> bool:
        return not self.errors


def field_input(f: Field, group: Group | None = None, row: int = 0) -> str:
    return f"{group.name}-{row}-{f.name}" if group else f"f_{f.name}"


def rows_input(group: Group) -> str:
    return f"{group.name}-rows"


def _shown(f: Field, raw: dict) -> bool:
    """A conditional field counts only when the field it depends on has the value it names."""
    if f.when is None:
        return True
    other = raw.get(f.when.field)
    if isinstance(f.when.equals, bool):
        return other == (YES if f.when.equals else NO)
    return other == str(f.when.equals)


def clean_value(f: Field, text: str):
    """The value of one field, or ValueError with the message for the resident."""
    text = unicodedata.normalize("NFC", text or "").strip()
    if not text:
        if f.required:
            raise ValueError(_("Enter %(field)s.") % {"field": f.label} if f.type not in ("choice", "yesno")
                             else _("Choose %(field)s.") % {"field": f.label})
        return None
    if CONTROL.search(text) or MARKUP.search(text):
        raise ValueError(_("%(field)s cannot contain < > { } \\ or control characters.") % {"field": f.label})
    if len(text) > f.max_length:
        raise ValueError(_("%(field)s is too long (at most %(n)s characters).") % {"field": f.label, "n": f.max_length})
    if f.type == "kana":
        kana = kana_name(text)
        if not kana:
            raise ValueError(_("Write %(field)s in katakana or hiragana.") % {"field": f.label})
        return kana
    if f.type == "number":
        digits = unicodedata.normalize("NFKC", text).replace(",", "").replace("円", "").strip()
        try:
            number = int(digits)
        except ValueError:
            raise ValueError(_("%(field)s must be a whole number, e.g. 1200000.") % {"field": f.label}) from None
        if (f.min is not None and number < f.min) or (f.max is not None and number > f.max):
            raise ValueError(_("%(field)s must be between %(min)s and %(max)s.")
                             % {"field": f.label, "min": f.min if f.min is not None else "—",
                                "max": f.max if f.max is not None else "—"})
        return number
    if f.type == "date":
        try:
            return parse_date(unicodedata.normalize("NFKC", text)).isoformat()
        except NotADate:
            raise ValueError(_("%(field)s is not a date. Write it as 2016-09-01 or 平成28年9月1日.")
                             % {"field": f.label}) from None
    if f.type == "choice":
        if text not in f.choices:
            raise ValueError(_("Choose %(field)s from the list.") % {"field": f.label})
        return text
    if f.type == "yesno":
        if text not in (YES, NO):
            raise ValueError(_("Choose %(field)s: yes or no.") % {"field": f.label})
        return text == YES
    return text


def _clean_fields(fields, post, values: dict, errors: dict, group: Group | None = None, row: int = 0) -> None:
    raw = {f.name: (post.get(field_input(f, group, row)) or "").strip() for f in fields}
    for f in fields:
        if not _shown(f, raw):
            continue
        try:
            value = clean_value(f, raw[f.name])
        except ValueError as exc:
            errors[field_input(f, group, row)] = str(exc)
            continue
        if value is not None:
            values[f.name] = value


def row_count(group: Group, post) -> int:
    try:
        shown = int(post.get(rows_input(group)) or 0)
    except ValueError:
        shown = 0
    return max(min(shown, group.max), group.min, 1 if group.min else 0)


def clean_answers(form: FormDefinition, post) -> Answers:
    """Every field checked; errors for all problems at once."""
    answers = Answers()
    for section in form.sections:
        _clean_fields(section.fields, post, answers.values, answers.errors)
        for group in section.groups:
            rows = []
            for row in range(row_count(group, post)):
                values: dict = {}
                typed = any((post.get(field_input(f, group, row)) or "").strip() for f in group.fields)
                if not typed and row >= group.min:
                    continue  # an empty extra row is no row
                _clean_fields(group.fields, post, values, answers.errors, group, row)
                rows.append(values)
            if len(rows) < group.min:
                answers.errors[rows_input(group)] = _("Enter at least %(n)s of %(group)s.") % {"n": group.min, "group": group.label}
            answers.values[group.name] = rows
    if form.declaration and post.get("declaration") != "on":
        answers.errors["declaration"] = _("Check the declaration to send the application.")
    return answers
