"""Residents' languages, defined once for both zones: the codes (exactly these: translation files and
catalogs are named by them), their names as their readers write them, how Django finds each catalog,
and how a language LINE reports in a profile maps onto them.

    ja       日本語            catalog: the main one (locale/ja)
    ja-easy  やさしい日本語     locale/ja_Easy; a string it lacks falls back to ja (docs/decisions/0040)
    en, zh-hans, ko, vi, pt-br   locale/en, zh_Hans, ko, vi, pt_BR

Which of them a deployment offers is settings.RESIDENT_LANGUAGES (FORYOU_RESIDENT_LANGUAGES); Japanese
is always offered and is the fallback for anything unknown."""

from __future__ import annotations

from django.conf import settings
from django.conf.locale import LANG_INFO
from django.utils import translation

JAPANESE = "ja"
EASY_JAPANESE = "ja-easy"
# Every language a catalog exists for, with its own name (shown in the switcher whatever the page's language).
NAMES = {
    "ja": "日本語",
    "ja-easy": "やさしい日本語",
    "en": "English",
    "zh-hans": "中文(简体)",
    "ko": "한국어",
    "vi": "Tiếng Việt",
    "pt-br": "Português",
}
DEFAULT_CODES = tuple(NAMES)
MAX_LENGTH = 8  # the longest code ("zh-hans", "ja-easy", "pt-br") fits; model fields use it

# Django knows every code but ja-easy (its own LANG_INFO); get_language_info() would otherwise report
# plain Japanese for it. Registered by foryou.shared.apps at start-up.
EASY_JAPANESE_INFO = {"bidi": False, "code": EASY_JAPANESE, "name": "Easy Japanese", "name_local": "やさしい日本語"}


def register_easy_japanese() -> None:
    LANG_INFO.setdefault(EASY_JAPANESE, EASY_JAPANESE_INFO)


def offered() -> list[tuple[str, str]]:
    """(code, own name) of each language this deployment offers residents, in the configured order."""
    return [(code, NAMES[code]) for code in settings.RESIDENT_LANGUAGES]


def is_offered(code: str | None) -> bool:
    return bool(code) and code in settings.RESIDENT_LANGUAGES


def or_japanese(code: str | None) -> str:
    """The code if offered, else Japanese: what a stored or requested language is read as."""
    return code if is_offered(code) else JAPANESE


def from_line_profile(tag: str | None) -> str:
    """The offered language closest to the BCP 47 tag of a LINE profile (`language`, absent when the
    user has not agreed to LINE's privacy policy): zh-Hans/zh-CN/zh-SG → zh-hans, pt-BR and pt → pt-br,
    en-US → en, ko-KR → ko … Anything else (zh-Hant, th, id, a right-to-left language) → Japanese:
    the city writes in Japanese first, and the resident can choose another language on the settings page."""
    if not tag or not isinstance(tag, str):
        return JAPANESE
    parts = tag.strip().replace("_", "-").lower().split("-")
    primary = parts[0]
    if primary == "zh":
        simplified = "hans" in parts or any(p in ("cn", "sg") for p in parts[1:])
        return or_japanese("zh-hans") if simplified else JAPANESE
    if primary == "pt":
        return or_japanese("pt-br")
    return or_japanese(primary) if primary in NAMES else JAPANESE


def check(codes: list[str]) -> str | None:
    """Why a configured list of codes cannot be used (one line), or None."""
    unknown = [code for code in codes if code not in NAMES]
    if unknown:
        return (f"FORYOU_RESIDENT_LANGUAGES names {', '.join(unknown)}, which foryou has no catalog for; "
                f"use codes from: {', '.join(NAMES)}.")
    if JAPANESE not in codes:
        return "FORYOU_RESIDENT_LANGUAGES must include ja: Japanese is every resident's fallback."
    return None


def parse_service_names(text: str) -> tuple[dict[str, str], str | None]:
    """FORYOU_SERVICE_NAMES ("en=For You;ja-easy=…"): the service's name for readers of other languages, and
    why it cannot be used (one line), or None."""
    names = {}
    for part in filter(None, (p.strip() for p in (text or "").split(";"))):
        code, sep, name = part.partition("=")
        code, name = code.strip(), name.strip()
        if not sep or not name:
            return {}, f"FORYOU_SERVICE_NAMES: {part!r} is not code=name; write e.g. en=For You;ja-easy=…"
        if code not in NAMES or code == JAPANESE:
            return {}, (f"FORYOU_SERVICE_NAMES names {code!r}; use codes from: "
                        f"{', '.join(c for c in NAMES if c != JAPANESE)} (FORYOU_SERVICE_NAME is the Japanese).")
        names[code] = name
    return names, None


def service_name(language: str | None = None) -> str:
    """The service's name for a reader of `language` (default: the active one): its own name from
    FORYOU_SERVICE_NAMES, else the やさしい日本語 one, else FORYOU_SERVICE_NAME (the Japanese)."""
    language = language or translation.get_language() or JAPANESE
    names = getattr(settings, "SERVICE_NAMES", {})
    if language != JAPANESE:
        for code in (language, EASY_JAPANESE):
            if names.get(code):
                return names[code]
    return settings.SERVICE_NAME
