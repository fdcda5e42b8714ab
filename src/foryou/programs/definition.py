"""A program's definition as reviewed in git: a YAML file in programs/ with its conditions, whom to
tell, its trigger, its sources, and example persons that must and must not qualify."""

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

from foryou.outcomes.definitions import HOLDOUT_ALLOWED, Outcome, OutcomeError, parse_holdout, parse_outcome
from foryou.programs.folding import unfold
from foryou.shared.forms.definition import FormDefinition, FormDefinitionError, parse_form
from foryou.shared import topics
from foryou.rules.language import ConditionError, Conditions, parse_conditions

RECIPIENTS = ("person", "guardians", "both")
PERIODS = ("person", "fiscal_year", "episode")


@dataclass
class ProgramTest:
    name: str
    as_of: date
    persons: list[dict]
    resident_tax: list[dict]
    checkups: list[dict]
    allowances: list[dict]
    qualify: list[str]
    not_qualify: list[str]
    path: str


@dataclass
class Program:
    code: str
    name: str
    department: str
    summary: str
    conditions: Conditions
    recipients: str = "person"
    trigger: str | None = None  # None: sent on demand; else the period a person is told once in
    example: bool = False
    sources: list[str] = field(default_factory=list)
    contact: dict = field(default_factory=dict)
    links: list[dict] = field(default_factory=list)
    tests: list[ProgramTest] = field(default_factory=list)
    file: str = ""
    # In the welcome digest (notices/welcome.py): {"line": one line for the digest, "url": where to read more}.
    welcome: dict | None = None
    outcome: Outcome | None = None  # what take-up means (foryou.outcomes.definitions)
    holdout: str = HOLDOUT_ALLOWED  # or forbidden: no holdout is offered for its notices
    holdout_reason: str = ""
    form: FormDefinition | None = None  # the application form (制度の申請), if residents apply online
    # What residents turn off on the settings page (foryou.shared.topics); "" for an older file that
    # names none (no one is left out of it for a topic). An urgent notice of a program that allows it
    # reaches those who turned its topic off too (docs/decisions/0044).
    topic: str = ""
    urgent_overrides_topic: bool = False
    # Per-language labels for residents reading another language (foryou.shared.languages):
    # {"en": {"name": …, "contact": …, "hours": …, "welcome": …}, "ja-easy": {…}}; Japanese is the file's own
    # name, contact and welcome line.
    labels: dict = field(default_factory=dict)

    @property
    def consents(self) -> set[str]:
        return self.conditions.consents()

    def label(self, key: str, language: str) -> str:
        """The program's name ("name"), contact department ("contact"), hours ("hours") or welcome-digest line
        ("welcome") for a reader of this language: its own label, else the やさしい日本語 one, else the file's
        Japanese."""
        from foryou.shared import languages

        japanese = {"name": self.name, "contact": (self.contact or {}).get("department", self.department),
                    "hours": (self.contact or {}).get("hours", ""), "welcome": (self.welcome or {}).get("line", "")}[key]
        if language == languages.JAPANESE:
            return japanese
        for code in (language, languages.EASY_JAPANESE):
            text = (self.labels.get(code) or {}).get(key, "")
            if text:
                return text
        return japanese


class ProgramError(ValueError):
    """A program file that cannot be used; `condition` is the ConditionError behind it, if any."""

    def __init__(self, file: str, path: str, message: str, condition: "ConditionError | None" = None):
        self.file, self.path, self.problem, self.condition = file, path, message, condition
        super().__init__(f"{file}: {path}: {message}" if path else f"{file}: {message}")

    def localized(self) -> str:
        """For staff: the condition's problem in their language; a file's own problems stay as written
        (they are for the IT team that keeps the files in git)."""
        if self.condition is not None:
            return f"{self.file}: {self.path}: {self.condition.localized()}"
        return str(self)


ALLOWED_KEYS = {"code", "name", "department", "topic", "urgent_overrides_topic", "summary", "recipients", "trigger",
                "example", "sources", "contact", "links", "conditions", "lookups", "tests", "welcome", "outcome", "holdout",
                "form", "labels"}
LABEL_KEYS = ("name", "contact", "hours", "welcome")


def parse_program(data: dict, file: str = "<program>") -> Program:
    if not isinstance(data, dict):
        raise ProgramError(file, "", "a program file must be a YAML mapping")
    extra = sorted(set(data) - ALLOWED_KEYS)
    if extra:
        raise ProgramError(file, extra[0], f"unknown key; allowed: {', '.join(sorted(ALLOWED_KEYS))}")
    for key in ("code", "name", "department", "conditions"):
        if not data.get(key):
            raise ProgramError(file, key, "is required")
    recipients = data.get("recipients", "person")
    if recipients not in RECIPIENTS:
        raise ProgramError(file, "recipients", f"must be one of {', '.join(RECIPIENTS)}, got {recipients!r}")
    topic = data.get("topic", "")
    if topic and topic not in topics.CODES:
        raise ProgramError(file, "topic", f"unknown topic {topic!r}; write one of {', '.join(topics.CODES)} "
                                          "(the topics residents can turn off, foryou/shared/topics.py)")
    overrides = data.get("urgent_overrides_topic", False)
    if not isinstance(overrides, bool):
        raise ProgramError(file, "urgent_overrides_topic", f"must be true or false, got {overrides!r}")
    if overrides and not topic:
        raise ProgramError(file, "urgent_overrides_topic", "needs a topic: it lets urgent notices reach those "
                                                           "who turned the program's topic off")
    trigger = data.get("trigger")
    if trigger is not None:
        period = trigger.get("once_per") if isinstance(trigger, dict) else None
        if period not in PERIODS:
            raise ProgramError(file, "trigger.once_per", f"must be one of {', '.join(PERIODS)}, got {period!r}")
        trigger = period
    try:
        conditions = parse_conditions(data["conditions"], data.get("lookups"))
    except ConditionError as exc:
        raise ProgramError(file, exc.path, exc.problem, exc) from None
    try:
        outcome = parse_outcome(data.get("outcome"))
        holdout, holdout_reason = parse_holdout(data.get("holdout"))
    except OutcomeError as exc:
        raise ProgramError(file, exc.path, exc.problem) from None
    form = None
    if data.get("form") is not None:
        try:
            form = parse_form(data["form"])
        except FormDefinitionError as exc:
            raise ProgramError(file, exc.path, exc.problem) from None
    # The summary is what notices are pre-filled with: folded YAML lines are joined as Japanese is written.
    program = Program(
        code=str(data["code"]), name=str(data["name"]), department=str(data["department"]),
        summary=unfold(str(data.get("summary", ""))), conditions=conditions, recipients=recipients, trigger=trigger,
        example=bool(data.get("example", False)), sources=list(data.get("sources", [])),
        contact=dict(data.get("contact", {})), links=list(data.get("links", [])), file=file, form=form,
        outcome=outcome, holdout=holdout, holdout_reason=holdout_reason,
        topic=str(topic or ""), urgent_overrides_topic=overrides, labels=_parse_labels(data.get("labels"), file),
    )
    program.tests = [_parse_test(t, f"tests[{i}]", file) for i, t in enumerate(data.get("tests", []))]
    program.welcome = _parse_welcome(data.get("welcome"), file)
    return program


def _parse_labels(data, file: str) -> dict:
    """labels: {language code: {name, contact, hours, welcome}}, each code one of foryou.shared.languages but ja
    (the file's own name and contact are the Japanese)."""
    from foryou.shared import languages

    if data is None:
        return {}
    allowed = [code for code in languages.NAMES if code != languages.JAPANESE]
    if not isinstance(data, dict):
        raise ProgramError(file, "labels", f"must be a mapping of language codes ({', '.join(allowed)}) to "
                                           "name/contact/hours/welcome")
    labels = {}
    for code, texts in data.items():
        if code not in allowed:
            raise ProgramError(file, f"labels.{code}", f"unknown language {code!r}; allowed: {', '.join(allowed)} "
                                                       "(the file's own name and contact are the Japanese)")
        if not isinstance(texts, dict) or not texts:
            raise ProgramError(file, f"labels.{code}", f"must be a mapping with any of {', '.join(LABEL_KEYS)}")
        extra = sorted(set(texts) - set(LABEL_KEYS))
        if extra:
            raise ProgramError(file, f"labels.{code}.{extra[0]}", f"unknown key; allowed: {', '.join(LABEL_KEYS)}")
        labels[code] = {key: str(value).strip() for key, value in texts.items() if str(value or "").strip()}
    return labels


def _parse_welcome(data, file: str) -> dict | None:
    """A program opts in to the welcome digest with one line and an https link."""
    if data is None:
        return None
    if not isinstance(data, dict) or not str(data.get("line") or "").strip():
        raise ProgramError(file, "welcome", "must be a mapping with line (one line for the welcome digest) and url")
    url = str(data.get("url") or "")
    if not url.startswith("https://"):
        raise ProgramError(file, "welcome.url", f"must be an https:// address, got {url!r}")
    return {"line": unfold(str(data["line"])).strip(), "url": url}


def _parse_test(data: dict, path: str, file: str) -> ProgramTest:
    if not isinstance(data, dict):
        raise ProgramError(file, path, "a test is a mapping with name, as_of, persons, qualify, not_qualify")
    as_of = data.get("as_of")
    if not isinstance(as_of, date):
        raise ProgramError(file, f"{path}.as_of", "must be a date written YYYY-MM-DD")
    persons = data.get("persons")
    if not isinstance(persons, list) or not persons:
        raise ProgramError(file, f"{path}.persons", "needs at least one person")
    ids = {str(p.get("id")) for p in persons if isinstance(p, dict)}
    for key in ("qualify", "not_qualify"):
        for i, who in enumerate(data.get(key, [])):
            if str(who) not in ids:
                raise ProgramError(file, f"{path}.{key}[{i}]", f"no person with id {who!r} in this test")
    return ProgramTest(
        name=str(data.get("name", path)), as_of=as_of, persons=persons,
        resident_tax=list(data.get("tax", [])), checkups=list(data.get("checkups", [])),
        allowances=list(data.get("allowances", [])),
        qualify=[str(x) for x in data.get("qualify", [])], not_qualify=[str(x) for x in data.get("not_qualify", [])],
        path=path,
    )


def read_yaml(path: Path):
    """A program file's data; invalid YAML is reported with the file and line."""
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark else ""
        raise ProgramError(path.name, where, f"not valid YAML: {getattr(exc, 'problem', exc)}") from None


def program_files(directory: Path) -> list[Path]:
    return sorted(directory.glob("*.yml")) + sorted(directory.glob("*.yaml"))


def check_unique_codes(programs: list[Program]) -> list[Program]:
    seen = {}
    for program in programs:
        if program.code in seen:
            raise ProgramError(program.file, "code", f"{program.code!r} is also the code of {seen[program.code]}")
        seen[program.code] = program.file
    return programs


def load_program(path: Path) -> Program:
    return parse_program(read_yaml(path), path.name)


def load_programs(directory: Path) -> list[Program]:
    return check_unique_codes([load_program(p) for p in program_files(directory)])
