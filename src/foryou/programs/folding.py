"""Program text as YAML folds it, joined as Japanese is written.

A folded scalar (`summary: >-`) turns each line break into a space. Between English words that is
right; between Japanese characters it leaves a stray space in the middle of a sentence, which then
shows in every notice pre-filled from the program. A program's summary is unfolded once, when its
file is read: a run of spaces (ASCII, as folding writes them) between two Japanese characters is
removed. Full-width spaces (　), which an author types on purpose, and every other space are kept."""

import re

# Kana, kanji (with the iteration mark 々 and 〆), CJK punctuation and full-width forms.
_JAPANESE = r"[\u3000-\u303f\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff60\uff61-\uff9f]"
_FOLDED = re.compile(rf"(?<={_JAPANESE})[ \n]+(?={_JAPANESE})")


def unfold(text: str) -> str:
    """'対象の方には\\u0020案内を送ります' → '対象の方には案内を送ります'; 'LINE で' and 'Open data' stay."""
    return _FOLDED.sub("", text)

