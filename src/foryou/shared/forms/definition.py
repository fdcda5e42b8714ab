"""A program's application form (制度の申請フォーム) as its program file defines it under `form:`: sections of
fields, repeated groups (children …), attachments, a declaration and an acceptance period (受付期間).

Both zones use it: the console parses it from the program file (foryou.programs.definition) and pushes it
to the gateway as plain data (`to_dict()` → casework.form), where `from_dict()` reads it back. Every mistake
in a definition is a FormDefinitionError naming the field (`form.sections[1].fields[2].choices: …`), for the
IT team that keeps program files in git.

    form:
      version: 1                       # bump when fields change; each application keeps its version
      accepts: {from: 2026-04-01, until: 2027-03-31}   # 受付期間 (either end may be left out)
      allow_many: false                # one open application per registrant (the default)
      declaration: 記載内容に相違ありません。
      sections:
        - title: 請求者
          help: …
          fields:
            - {name: phone, label: 電話番号, type: text, required: true, help: …}
            - {name: custody, label: 監護の状況, type: choice, choices: [同居して監護, 別居して監護]}
            - {name: reason_other, label: その他の理由, type: text, when: {field: reason, equals: その他}}
          groups:
            - {name: children, label: 対象児童, min: 1, max: 5, fields: [...]}
      attachments:
        - {name: family_register, label: 戸籍謄本, types: [pdf, jpeg, png], max_mb: 5, max_files: 2, required: true}
"""

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import date

FIELD_TYPES = ("text", "kana", "number", "date", "choice", "yesno")
FILE_TYPES = ("pdf", "jpeg", "png")
NAME = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
MAX_FILE_MB = 10
MAX_FILES = 5


class FormDefinitionError(ValueError):
    def __init__(self, path: str, message: str):
        self.path, self.problem = path, message
        super().__init__(f"{path}: {message}")


@dataclass(frozen=True)
class Condition:
    """Show (and require) a field only when another field of the same section or group has a value."""
    field: str
    equals: object


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    type: str = "text"
    required: bool = False
    help: str = ""
    choices: tuple[str, ...] = ()
    max_length: int = 200
    min: int | None = None
    max: int | None = None
    when: Condition | None = None


@dataclass(frozen=True)
class Group:
    """Rows of the same fields (children …): between min and max rows."""
    name: str
    label: str
    fields: tuple[Field, ...]
    min: int = 0
    max: int = 5
    help: str = ""


@dataclass(frozen=True)
class Section:
    title: str
    fields: tuple[Field, ...] = ()
    groups: tuple[Group, ...] = ()
    help: str = ""


@dataclass(frozen=True)
class AttachmentSpec:
    name: str
    label: str
    types: tuple[str, ...] = FILE_TYPES
    max_mb: int = 5
    max_files: int = 1
    required: bool = False
    help: str = ""

    @property
    def max_bytes(self) -> int:
        return self.max_mb * 1024 * 1024


@dataclass(frozen=True)
class FormDefinition:
    version: int
    sections: tuple[Section, ...]
    attachments: tuple[AttachmentSpec, ...] = ()
    declaration: str = ""
    accepts_from: date | None = None
    accepts_until: date | None = None
    allow_many: bool = False
    raw: dict = field(default_factory=dict, compare=False, repr=False)  # as written, JSON-safe

    def accepts_on(self, day: date) -> bool:
        return (self.accepts_from is None or day >= self.accepts_from) and \
            (self.accepts_until is None or day <= self.accepts_until)

    def attachment(self, name: str) -> AttachmentSpec | None:
        return next((a for a in self.attachments if a.name == name), None)

    def to_dict(self) -> dict:
        return self.raw

    @property
    def digest(self) -> str:
        """Identifies the definition's content: a changed form under an unchanged version is still told apart."""
        return hashlib.sha256(json.dumps(self.raw, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:16]

    @classmethod
    def from_dict(cls, data: dict) -> "FormDefinition":
        return parse_form(data)


# -- parsing ---------------------------------------------------------------------------------------


def _mapping(value, path: str, allowed: set[str]) -> dict:
    if not isinstance(value, dict):
        raise FormDefinitionError(path, "must be a mapping")
    extra = sorted(set(value) - allowed)
    if extra:
        raise FormDefinitionError(f"{path}.{extra[0]}", f"unknown key; allowed: {', '.join(sorted(allowed))}")
    return value


def _text(value, path: str, required: bool = True) -> str:
    if value is None or value == "":
        if required:
            raise FormDefinitionError(path, "is required")
        return ""
    if not isinstance(value, str):
        raise FormDefinitionError(path, f"must be text, got {value!r}")
    return value.strip()


def _int(value, path: str, default: int | None, low: int = 0, high: int = 10**9) -> int | None:
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise FormDefinitionError(path, f"must be a whole number from {low} to {high}, got {value!r}")
    return value


def _date(value, path: str) -> date | None:
    if value is None:
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise FormDefinitionError(path, f"must be a date written YYYY-MM-DD, got {value!r}") from None


def _name(value, path: str, seen: set[str]) -> str:
    name = _text(value, path)
    if not NAME.match(name):
        raise FormDefinitionError(path, f"{name!r} must be lower-case letters, digits and _ (starting with a letter)")
    if name in seen:
        raise FormDefinitionError(path, f"{name!r} is used twice in this form")
    seen.add(name)
    return name


FIELD_KEYS = {"name", "label", "type", "required", "help", "choices", "max_length", "min", "max", "when"}


def _field(data, path: str, seen: set[str]) -> Field:
    data = _mapping(data, path, FIELD_KEYS)
    name = _name(data.get("name"), f"{path}.name", seen)
    kind = data.get("type", "text")
    if kind not in FIELD_TYPES:
        raise FormDefinitionError(f"{path}.type", f"must be one of {', '.join(FIELD_TYPES)}, got {kind!r}")
    choices = data.get("choices") or []
    if kind == "choice":
        if not isinstance(choices, list) or len(choices) < 2 or not all(isinstance(c, str) and c for c in choices):
            raise FormDefinitionError(f"{path}.choices", "a choice field needs at least two choices (text)")
        if len(set(choices)) != len(choices):
            raise FormDefinitionError(f"{path}.choices", "has the same choice twice")
    elif choices:
        raise FormDefinitionError(f"{path}.choices", f"only a choice field has choices (this one is {kind})")
    low, high = _int(data.get("min"), f"{path}.min", None, -10**9), _int(data.get("max"), f"{path}.max", None, -10**9)
    if low is not None and high is not None and low > high:
        raise FormDefinitionError(f"{path}.min", f"is above max ({low} > {high})")
    when = None
    if data.get("when") is not None:
        cond = _mapping(data["when"], f"{path}.when", {"field", "equals"})
        if "field" not in cond or "equals" not in cond:
            raise FormDefinitionError(f"{path}.when", "needs field and equals")
        when = Condition(str(cond["field"]), cond["equals"])
    return Field(name=name, label=_text(data.get("label"), f"{path}.label"), type=kind,
                 required=bool(data.get("required", False)), help=_text(data.get("help"), f"{path}.help", False),
                 choices=tuple(choices), max_length=_int(data.get("max_length"), f"{path}.max_length", 200, 1, 2000),
                 min=low, max=high, when=when)


def _check_conditions(fields: tuple[Field, ...], path: str) -> None:
    by_name = {f.name: f for f in fields}
    for i, f in enumerate(fields):
        if f.when is None:
            continue
        other = by_name.get(f.when.field)
        if other is None or other is f:
            raise FormDefinitionError(f"{path}[{i}].when.field",
                                      f"no other field {f.when.field!r} beside {f.name!r} to depend on")
        if other.type == "choice" and f.when.equals not in other.choices:
            raise FormDefinitionError(f"{path}[{i}].when.equals",
                                      f"{f.when.equals!r} is not one of {other.name}'s choices")
        if other.type == "yesno" and not isinstance(f.when.equals, bool):
            raise FormDefinitionError(f"{path}[{i}].when.equals", f"{other.name} is yes/no: write true or false")


def _fields(items, path: str, seen: set[str]) -> tuple[Field, ...]:
    if items is None:
        return ()
    if not isinstance(items, list):
        raise FormDefinitionError(path, "must be a list of fields")
    fields = tuple(_field(item, f"{path}[{i}]", seen) for i, item in enumerate(items))
    _check_conditions(fields, path)
    return fields


def _group(data, path: str, seen: set[str]) -> Group:
    data = _mapping(data, path, {"name", "label", "fields", "min", "max", "help"})
    name = _name(data.get("name"), f"{path}.name", seen)
    fields = _fields(data.get("fields"), f"{path}.fields", set())
    if not fields:
        raise FormDefinitionError(f"{path}.fields", "a group needs at least one field")
    low, high = _int(data.get("min"), f"{path}.min", 0, 0, 20), _int(data.get("max"), f"{path}.max", 5, 1, 20)
    if low > high:
        raise FormDefinitionError(f"{path}.min", f"is above max ({low} > {high})")
    return Group(name=name, label=_text(data.get("label"), f"{path}.label"), fields=fields, min=low, max=high,
                 help=_text(data.get("help"), f"{path}.help", False))


def _attachment(data, path: str, seen: set[str]) -> AttachmentSpec:
    data = _mapping(data, path, {"name", "label", "types", "max_mb", "max_files", "required", "help"})
    types = data.get("types", list(FILE_TYPES))
    if not isinstance(types, list) or not types or any(t not in FILE_TYPES for t in types):
        raise FormDefinitionError(f"{path}.types", f"must list some of {', '.join(FILE_TYPES)}, got {types!r}")
    return AttachmentSpec(name=_name(data.get("name"), f"{path}.name", seen),
                          label=_text(data.get("label"), f"{path}.label"), types=tuple(types),
                          max_mb=_int(data.get("max_mb"), f"{path}.max_mb", 5, 1, MAX_FILE_MB),
                          max_files=_int(data.get("max_files"), f"{path}.max_files", 1, 1, MAX_FILES),
                          required=bool(data.get("required", False)), help=_text(data.get("help"), f"{path}.help", False))


FORM_KEYS = {"version", "accepts", "allow_many", "declaration", "sections", "attachments"}


def parse_form(data, path: str = "form") -> FormDefinition:
    """The form of a program file (or of a casework.form message). Raises FormDefinitionError."""
    data = _mapping(data, path, FORM_KEYS)
    sections_data = data.get("sections")
    if not isinstance(sections_data, list) or not sections_data:
        raise FormDefinitionError(f"{path}.sections", "a form needs at least one section")
    seen: set[str] = set()
    sections = []
    for i, raw in enumerate(sections_data):
        spath = f"{path}.sections[{i}]"
        raw = _mapping(raw, spath, {"title", "help", "fields", "groups"})
        fields = _fields(raw.get("fields"), f"{spath}.fields", seen)
        groups_data = raw.get("groups") or []
        if not isinstance(groups_data, list):
            raise FormDefinitionError(f"{spath}.groups", "must be a list of groups")
        groups = tuple(_group(g, f"{spath}.groups[{j}]", seen) for j, g in enumerate(groups_data))
        if not fields and not groups:
            raise FormDefinitionError(spath, "a section needs fields or groups")
        sections.append(Section(title=_text(raw.get("title"), f"{spath}.title"), fields=fields, groups=groups,
                                help=_text(raw.get("help"), f"{spath}.help", False)))
    attachments_data = data.get("attachments") or []
    if not isinstance(attachments_data, list):
        raise FormDefinitionError(f"{path}.attachments", "must be a list")
    attachments = tuple(_attachment(a, f"{path}.attachments[{i}]", seen) for i, a in enumerate(attachments_data))
    accepts = _mapping(data.get("accepts") or {}, f"{path}.accepts", {"from", "until"})
    start, until = _date(accepts.get("from"), f"{path}.accepts.from"), _date(accepts.get("until"), f"{path}.accepts.until")
    if start and until and start > until:
        raise FormDefinitionError(f"{path}.accepts", f"from ({start}) is after until ({until})")
    return FormDefinition(version=_int(data.get("version"), f"{path}.version", 1, 1, 10**6), sections=tuple(sections),
                          attachments=attachments, declaration=_text(data.get("declaration"), f"{path}.declaration", False),
                          accepts_from=start, accepts_until=until, allow_many=bool(data.get("allow_many", False)),
                          raw=_json_safe(data))


def _json_safe(value):
    if isinstance(value, dict):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_safe(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value
