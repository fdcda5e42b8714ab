"""Normalisers run in Python on distinct values (a city has few distinct dates, and few kana names
need folding), then joined back in DuckDB. Each returns "" for a value that cannot be read."""

import re
import unicodedata

import jaconv

from foryou.jp.dates import EXACT, NotADate, parse_registry_date

KATAKANA_NAME = re.compile(r"^[ァ-ヶーヽヾ・]+(?: [ァ-ヶーヽヾ・]+)*$")
# SQL form of the same pattern, for the fast path in DuckDB (values already in canonical form).
KATAKANA_NAME_SQL = "^[ァ-ヶーヽヾ・]+( [ァ-ヶーヽヾ・]+)*$"


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


def kana_name(raw: str) -> str:
    """Full-width katakana with single ASCII spaces: folds half width (ｶﾞ→ガ), hiragana and 　."""
    text = unicodedata.normalize("NFKC", raw)
    text = jaconv.hira2kata(text)
    text = " ".join(text.split())
    return text if KATAKANA_NAME.match(text) else ""
