"""Japanese text shared by both zones: the canonical form of a name in kana, as the registry keeps it
and as residents type it on the application form."""

import re
import unicodedata

import jaconv

KATAKANA_NAME = re.compile(r"^[ァ-ヶーヽヾ・]+(?: [ァ-ヶーヽヾ・]+)*$")
# SQL form of the same pattern, for the importer's fast path in DuckDB (values already in canonical form).
KATAKANA_NAME_SQL = "^[ァ-ヶーヽヾ・]+( [ァ-ヶーヽヾ・]+)*$"


def kana_name(raw: str) -> str:
    """Full-width katakana with single ASCII spaces: folds half width (ｶﾞ→ガ), hiragana and 　."""
    text = unicodedata.normalize("NFKC", raw)
    text = jaconv.hira2kata(text)
    text = " ".join(text.split())
    return text if KATAKANA_NAME.match(text) else ""
