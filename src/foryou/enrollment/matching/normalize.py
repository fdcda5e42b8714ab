"""Match keys for names and readings, and a printable fallback for names.

DESIGN.md keeps three values for a name: the original (variation sequences included, never altered),
the match key below, and a printable fallback for systems limited to CP932. Keys are for comparison
only; they are never shown or stored as the person's name.
"""

import functools
import operator
import re
import unicodedata

import jaconv
import jntajis

# Ideographic variation selectors (IVS, U+E0100–U+E01EF) and standardized ones (U+FE00–U+FE0F):
# the register keeps them (葛󠄀 with its glyph), residents never type them.
_VARIATION_SELECTORS = re.compile("[\U000E0100-\U000E01EF\uFE00-\uFE0F]")
_SPACES = re.compile(r"[\s\u3000]+")

_ALL_SCHEMES = functools.reduce(operator.or_, (int(combo) for combo in jntajis.MJShrinkSchemeCombo))

# Name variants the jntajis rule below leaves apart: pairs where both forms are JIS X 0208 level 1
# (neither is "the rare one": 嶋/島, 冨/富), forms jntajis has no candidate for (檜, 籠, 鷗), and 齊
# (jntajis folds it to 斉). 斉/斎/齊/齋 all fold to 斎: the four サイトウ are confused all the time,
# and kana, birth date and address still have to agree. Only name characters belong here; glyph
# look-alikes that the MJ tables also pair (玉/王, 着/著) do not.
NAME_VARIANTS = {
    "齊": "斎", "齋": "斎", "斉": "斎",
    "冨": "富", "埜": "野", "峯": "峰", "嶋": "島", "曾": "曽", "瀧": "滝", "舘": "館", "苅": "刈",
    "薗": "園", "栢": "柏", "涌": "湧", "穐": "秋", "龍": "竜", "檜": "桧", "籠": "篭", "碕": "崎",
    "鷗": "鴎",
}


def _jis_level(char: str) -> int:
    """1 or 2 for JIS X 0208 kanji levels, 0 for its non-kanji rows, 3 outside JIS X 0208."""
    try:
        code = jntajis.jnta_encode("jis", char, jntajis.ConversionMode.JISX0208)
    except UnicodeEncodeError:
        return 3
    if code[0] < 0x30:
        return 0
    return 1 if code[0] < 0x50 else 2


@functools.lru_cache(maxsize=65536)
def _fold_char(char: str) -> str:
    """The common form of one character: explicit table first; level-1 kanji stay as they are (the
    MJ tables also pair unrelated look-alikes among them); otherwise the first jntajis candidate in
    JIS X 0208 level 1, then level 2. Repeated because some candidates fold further (凙→澤→沢)."""
    for _ in range(4):
        if char in NAME_VARIANTS:
            return NAME_VARIANTS[char]
        if ord(char) < 0x3400 or _jis_level(char) == 1:
            return char
        found = [c for c in jntajis.mj_shrink_candidates(char, _ALL_SCHEMES) if len(c) == 1 and c != char]
        best = next((c for level in (1, 2) for c in found if _jis_level(c) == level), None)
        if best is None:
            return char
        char = best
    return char


def strip_variation_selectors(text: str) -> str:
    return _VARIATION_SELECTORS.sub("", text)


def name_parts(text: str) -> list[str]:
    """Family and given name as written (registers separate them with a space, 　 or ' ')."""
    return [p for p in _SPACES.split(unicodedata.normalize("NFKC", text or "")) if p]


def name_key(text: str) -> str:
    """Kanji name → match key: NFKC, no variation selectors, no spaces, variants folded, Latin
    letters case-folded (foreign residents' names)."""
    text = unicodedata.normalize("NFKC", strip_variation_selectors(text or ""))
    text = _SPACES.sub("", text).casefold()
    return "".join(_fold_char(c) for c in text)


# Kana folds, each because residents (and older registers) write the same reading differently:
# - small kana → large: old registers stored キヨウコ for キョウコ, and small ッ/ャ are often missed;
# - ヂ→ジ, ヅ→ズ: same sounds, and applicants type モチズキ for モチヅキ;
# - ヲ→オ, ヰ→イ, ヱ→エ, ヴ→ブ (ヴァ→バ, ヷヸヹヺ → バビベボ): historic or foreign kana typed plainly;
# - ー and dash look-alikes removed: サトー for サトウ, and "-" typed for ー;
# - spaces, ・ and ＝ removed: separators between family and given names (or foreign name parts).
_KANA_FOLD = str.maketrans({
    **dict(zip("ァィゥェォッャュョヮヵヶ", "アイウエオツヤユヨワカケ")),
    "ヂ": "ジ", "ヅ": "ズ", "ヲ": "オ", "ヰ": "イ", "ヱ": "エ", "ヴ": "ブ",
    "ヷ": "バ", "ヸ": "ビ", "ヹ": "ベ", "ヺ": "ボ",
    **{c: None for c in "ー-‐‑‒–—―−〜~・=･ \u3000"},
})
_VU = {"ヴァ": "バ", "ヴィ": "ビ", "ヴェ": "ベ", "ヴォ": "ボ"}
_VU_PAIRS = re.compile("|".join(_VU))
_VOICED = str.maketrans("カキクケコサシスセソタチツテトハヒフヘホウ", "ガギグゲゴザジズゼゾダヂヅデドバビブベボヴ")


def _expand_iteration_marks(text: str) -> str:
    """ヽ repeats the kana before it, ヾ repeats it voiced (old registers write ミスヾ for ミスズ)."""
    out = []
    for c in text:
        if c in "ヽヾ" and out:
            c = out[-1] if c == "ヽ" else out[-1].translate(_VOICED)
        out.append(c)
    return "".join(out)


def kana_key(text: str) -> str:
    """Reading → match key: NFKC (half-width → full-width), hiragana → katakana, then the folds above."""
    text = jaconv.hira2kata(unicodedata.normalize("NFKC", text or ""))
    text = _VU_PAIRS.sub(lambda m: _VU[m.group()], _expand_iteration_marks(text))
    return text.translate(_KANA_FOLD)


_VOWEL_ROWS = {
    "A": "アカガサザタダナハバパマヤラワ", "I": "イキギシジチニヒビピミリ", "U": "ウクグスズツヌフブプムユル",
    "E": "エケゲセゼテデネヘベペメレ", "O": "オコゴソゾトドノホボポモヨロ",
}
_VOWEL = {c: v for v, row in _VOWEL_ROWS.items() for c in row}
_LENGTHENERS = {"A": "ア", "I": "イ", "U": "ウ", "E": "エイ", "O": "オウ"}


def kana_loose(key: str) -> str:
    """A kana key without vowel length: drops a vowel that only lengthens the one before (サトウ,
    サトー and サト; ユウコ and ユーコ). Used for partial credit only: オオノ and オノ become equal."""
    out = []
    for c in key:
        if out and c in _LENGTHENERS.get(_VOWEL.get(out[-1], ""), ""):
            continue
        out.append(c)
    return "".join(out)


def printable_name(text: str, replacement: str = "〓") -> str:
    """The name for systems that print CP932 only: variation selectors dropped, characters outside
    CP932 replaced by their common form (𠮷→吉), or by 〓 (the usual mark for a missing glyph)."""
    out = []
    for c in strip_variation_selectors(text or ""):
        for option in (c, unicodedata.normalize("NFKC", c), _fold_char(c)):
            if _in_cp932(option):
                out.append(option)
                break
        else:
            out.append(replacement)
    return "".join(out)


@functools.lru_cache(maxsize=4096)
def _in_cp932(text: str) -> bool:
    try:
        text.encode("cp932")
    except UnicodeEncodeError:
        return False
    return True
