"""Normalisers run in Python on distinct values (a city has few distinct dates, and few kana names
need folding), then joined back in DuckDB. Each returns "" for a value that cannot be read."""

from foryou.shared.jp.dates import EXACT, NotADate, parse_registry_date
from foryou.shared.jp.text import KATAKANA_NAME, KATAKANA_NAME_SQL, kana_name  # noqa: F401 (the importer's normalisers)


def registry_date(raw: str) -> str:
    """'kind|effective ISO date' ('unknown|' when nothing is known); '' when not a date at all."""
    try:
        parsed = parse_registry_date(raw)
    except NotADate:
        return ""
    effective = parsed.effective.isoformat() if parsed.effective else ""
    return f"{parsed.kind}|{effective}"


def calendar_date(raw: str) -> str:
    """ISO date for an ordinary calendar date; '' otherwise."""
    try:
        parsed = parse_registry_date(raw)
    except NotADate:
        return ""
    return parsed.value.isoformat() if parsed.kind == EXACT else ""
