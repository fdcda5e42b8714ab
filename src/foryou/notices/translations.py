"""A notice's language versions (docs/decisions/0055): the Japanese is the version's own wording and always
there; staff may add a version per language the deployment offers (foryou.shared.languages), each a
title and a body, and optionally the contact department and hours and the link buttons' labels in that
language (the phone and the links' addresses are shared). They are part of the version: approved together, never edited (a change is a
new version, which needs a new approval).

A registrant gets their language's version, else やさしい日本語 if the notice has one, else Japanese
(`delivered`); the program's name and contact come from the program file's labels, falling back the
same way. Wording variants (B, C) compare Japanese wordings only: a version has variants or language
versions, not both (`check_with_variants`)."""

from __future__ import annotations

from dataclasses import replace

from django.conf import settings
from django.utils.translation import gettext, gettext_noop

from foryou.shared import languages
from foryou.shared.notice.flex import ComposeError, Problem, compose

FIELDS = ("title", "body", "contact_department", "contact_hours", "link_labels")  # link_labels: one a line
REQUIRED = ("title", "body")

BOTH_NEEDED = gettext_noop("%(language)s: a language version needs both a title and a body (or leave both empty).")
OVER_LIMIT = gettext_noop("%(language)s: %(field)s %(problem)s")
UNKNOWN = gettext_noop("%(code)s is not a language this service offers (offered: %(offered)s).")


def translatable() -> list[str]:
    """The languages a notice may have a version in: every offered one but Japanese (the base)."""
    return [code for code in settings.RESIDENT_LANGUAGES if code != languages.JAPANESE]


def label(code: str) -> str:
    """How staff see a language named: its own name and its code (「English (en)」)."""
    return f"{languages.NAMES.get(code, code)} ({code})"


def cleaned(translations: dict | None) -> dict:
    """{code: {field: text}} in the order the languages are listed, empty ones left out, text stripped."""
    result = {}
    for code in languages.NAMES:
        texts = (translations or {}).get(code)
        if code == languages.JAPANESE or not texts:
            continue
        kept = {f: str(texts.get(f) or "").strip() for f in FIELDS}
        if not kept["link_labels"]:  # optional, and absent from versions written before it existed
            del kept["link_labels"]
        if any(kept.values()):
            result[code] = kept
    for code in translations or {}:
        if code not in languages.NAMES or code == languages.JAPANESE:
            raise ComposeError([Problem(f"translations.{code}", gettext(UNKNOWN) % {
                "code": code, "offered": ", ".join(translatable())})])
    return result


def available(version) -> list[str]:
    """The languages this version can be read in: Japanese first, then its language versions."""
    return [languages.JAPANESE] + [code for code in languages.NAMES if code in (version.translations or {})]


def delivered(asked: str | None, offered: list[str] | set[str] | tuple[str, ...]) -> str:
    """The version a registrant reading `asked` gets, among those a notice has: theirs, else やさしい日本語,
    else Japanese."""
    if asked and asked in offered:
        return asked
    if languages.EASY_JAPANESE in offered:
        return languages.EASY_JAPANESE
    return languages.JAPANESE


def by_language(version, numbers: list[str]) -> dict[str, tuple[list[str], dict[str, int]]]:
    """The recipients grouped by the version each gets ({delivered: (numbers, {their own language: count})}),
    Japanese first and always present. Registrations' languages are read now: a change made before the
    send starts applies."""
    from foryou.enrollment.models import Registration

    own = dict(Registration.objects.exclude(language=languages.JAPANESE).values_list("number", "language"))
    offered = available(version)
    groups: dict[str, tuple[list[str], dict[str, int]]] = {code: ([], {}) for code in offered}
    target = {asked: delivered(asked, offered) for asked in {languages.JAPANESE, *own.values()}}
    # Most read Japanese: they are appended and counted without a lookup each (a million at a broadcast).
    japanese, others = groups[target[languages.JAPANESE]][0], 0
    for number in numbers:
        asked = own.get(number)
        if not asked:
            japanese.append(number)
            continue
        chosen, counts = groups[target[asked]]
        chosen.append(number)
        counts[asked] = counts.get(asked, 0) + 1
        others += 1
    if len(numbers) > others:
        counts = groups[target[languages.JAPANESE]][1]
        counts[languages.JAPANESE] = counts.get(languages.JAPANESE, 0) + len(numbers) - others
    return groups


def program_name(program, language: str) -> str:
    """The program's name for readers of this language (program file labels, falling back as notices do);
    a broadcast (no program) is the service's name."""
    if program is None:
        return languages.service_name(language)
    return program.label("name", language)


def wording_in(wording, translations: dict | None, language: str, program=None):
    """The Wording (foryou.notices.services) in this language: its title and body; its contact department and
    hours as the language version gives them, else the program's labels for the language (when the Japanese
    contact is the program's own), else the Japanese."""
    texts = (translations or {}).get(language)
    if language == languages.JAPANESE or not texts:
        return wording
    department, hours = texts.get("contact_department") or "", texts.get("contact_hours") or ""
    if program is not None and not department and wording.contact_department == program.label("contact", "ja"):
        department = program.label("contact", language)
    if program is not None and not hours and wording.contact_hours == program.label("hours", "ja"):
        hours = program.label("hours", language)
    labels = [line.strip() for line in (texts.get("link_labels") or "").splitlines()]
    links = [(labels[i] if i < len(labels) and labels[i] else label, url)
             for i, (label, url) in enumerate(wording.links)]
    return replace(wording, title=texts["title"], body=texts["body"],
                   contact_department=department or wording.contact_department,
                   contact_hours=hours or wording.contact_hours, links=links)


def check(program, wording, translations: dict, *, japanese_program_name: str | None = None) -> None:
    """Each language version complete and within LINE's limits as its readers get it; raises ComposeError
    whose problems each name the language (path translations.<code>.<field>) and the limit."""
    from foryou.notices.services import content_of

    problems = []
    for code, texts in translations.items():
        name = label(code)
        if not texts.get("title") or not texts.get("body"):
            missing = "body" if texts.get("title") else "title"
            problems.append(Problem(f"translations.{code}.{missing}", gettext(BOTH_NEEDED) % {"language": name}))
            continue
        shown = wording_in(wording, translations, code, program)
        if program is None:  # a broadcast: the service's name in this language, else the notice's Japanese header
            program_label = (languages.service_name(code) if japanese_program_name in (None, settings.SERVICE_NAME)
                             else japanese_program_name)
        else:
            program_label = program_name(program, code)
        try:
            compose(content_of(program_label or settings.SERVICE_NAME, shown, language=code))
        except ComposeError as exc:
            for p in exc.problems:
                field = (p.path if p.path in FIELDS else "body" if p.path in ("bubble", "text", "altText")
                         else "link_labels" if p.path.startswith("links[") and p.path.endswith(".label") else p.path)
                problems.append(Problem(f"translations.{code}.{field}", gettext(OVER_LIMIT) % {
                    "language": name, "field": field_label(p.path), "problem": p.message}))
    if problems:
        raise ComposeError(problems)


def field_label(path: str) -> str:
    from django.utils.translation import gettext_lazy as _

    labels = {"title": _("Title"), "body": _("Body"), "contact_department": _("Contact: department"),
              "contact_hours": _("Contact: opening hours"), "link_labels": _("Button labels"),
              "bubble": _("the LINE message"),
              "text": _("the plain-text rendering"), "altText": _("the notification text")}
    return str(labels.get(path, path))
