"""Addresses as residents type them, read against the municipality's own town list (町字).

    address_key("千葉市中央区千葉港1-1 千葉ハイツ101", towns)
    → AddressKey(town_code="0102000", number="1-1", rest="千葉ハイツ101", ...)

The town list is the city's own (towns.csv: 町字コード, 町字, 行政区コード, 行政区, 郵便番号), so
there is no national address database here: we only need to tell this city's towns apart.
"""

import csv
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

# One-for-one folds (positions stay aligned with the typed text): 松ヶ丘/松ケ丘/松が丘, 都賀の台/都賀ノ台.
_TOWN_FOLD = str.maketrans("ヶヵがガノ之", "ケケケケのの")
_POSTAL_PREFIX = re.compile(r"\s*(?:〒\s*)?(?:\d{3}-?\d{4})?\s*")
_PREFECTURE = re.compile(r"\s*(?:東京都|北海道|京都府|大阪府|\S{2,3}?県)\s*")
_CITY = re.compile(r"\s*\S{1,4}?市\s*")
_CHOME_IN_NAME = re.compile(r"^(.*?)([〇一二三四五六七八九十]+|\d+)丁目$")

_KANJI_DIGITS = dict(zip("〇一二三四五六七八九", range(10)))
_KANJI_UNITS = {"十": 10, "百": 100, "千": 1000}
# Kanji numerals are read only where they are numbers of the address (before 丁目, 番, 号, a dash or
# the end), so 千葉ハイツ and 第一団地 keep their kanji.
_KANJI_NUMBER = re.compile(r"[〇一二三四五六七八九十百千]+(?=丁目|丁|番|号|-|の|\s|$)")
# Dash look-alikes residents type between numbers (ー from the IME, － full width, − minus, ‐ hyphen).
_DASHES = re.compile(r"(?<=\d)\s*[-‐‑‒–—―−ーｰ~〜]\s*(?=\d)")
_NUMBER = re.compile(r"\s*(\d+)")
_SEPARATORS = re.compile(r"\s*(?:丁目|丁|番地|番|号|地割|-|の)+")
_LEADING_JUNK = re.compile(r"^[\s,、，。.・]+")


@dataclass(frozen=True)
class Town:
    code: str
    name: str
    ward_name: str
    postal_code: str
    chome: int | None = None  # when the town list has one entry per 丁目 ("中央一丁目")
    ward_key: str = ""  # ward name folded for matching


@dataclass(frozen=True)
class AddressKey:
    town_code: str | None  # None when no town (or more than one) fits
    number: str  # canonical 番地: "1-2-3"; "" when none was typed
    rest: str  # what follows the number: building and room (方書-ish), as typed
    ward_name: str | None = None
    town_name: str | None = None  # the town's name in the list, also when town_code is ambiguous


def kanji_to_int(text: str) -> int:
    """一 → 1, 十二 → 12, 二十三 → 23, 百五 → 105, 一〇五 → 105 (digit by digit without units)."""
    if not any(c in _KANJI_UNITS for c in text):
        return int("".join(str(_KANJI_DIGITS[c]) for c in text))
    total, digit = 0, None
    for c in text:
        if c in _KANJI_UNITS:
            total += (1 if digit is None else digit) * _KANJI_UNITS[c]
            digit = None
        else:
            digit = _KANJI_DIGITS[c]
    return total + (digit or 0)


def _digits(text: str) -> str:
    text = _KANJI_NUMBER.sub(lambda m: str(kanji_to_int(m.group())), text)
    return _DASHES.sub("-", text)


def parse_number(text: str) -> tuple[str, str]:
    """Leading 番地 → ("1-2-3", rest). Reads 1-2-3, 1番2号, 1丁目2番3号, 1番地2, 1の2, 一丁目1番地."""
    text = _digits(unicodedata.normalize("NFKC", text or ""))
    numbers, pos = [], 0
    while match := _NUMBER.match(text, pos):
        numbers.append(str(int(match.group(1))))
        pos = match.end()
        separator = _SEPARATORS.match(text, pos)
        if not separator:
            break
        pos = separator.end()
    return "-".join(numbers), _LEADING_JUNK.sub("", text[pos:]).strip()


def number_key(address_number: str) -> str:
    """The registry's 番地 column in the same canonical form ("1丁目2番3号" → "1-2-3")."""
    return parse_number(address_number)[0]


def town_text(text: str) -> str:
    return unicodedata.normalize("NFKC", text or "").replace(" ", "").translate(_TOWN_FOLD)


def postal_key(text: str) -> str:
    return re.sub(r"\D", "", unicodedata.normalize("NFKC", text or ""))


_ALIASES = {
    "town_code": ("town_code", "町字コード"), "town_name": ("town_name", "町字"),
    "ward_name": ("ward_name", "行政区"), "postal_code": ("postal_code", "郵便番号"),
}


def _field(row, name: str) -> str:
    for key in _ALIASES[name]:
        if key in row:
            return str(row[key] or "")
    return ""


class TownIndex:
    """The town list, ready for prefix matching. Accepts dicts (English or towns.csv headers) or
    rows in towns.csv order (町字コード, 町字, 行政区コード, 行政区, 郵便番号)."""

    def __init__(self, rows):
        self.towns: list[Town] = []
        self.by_base: dict[str, list[Town]] = {}  # folded name without 丁目 → towns
        for row in rows:
            if not isinstance(row, dict):
                row = dict(zip(("town_code", "town_name", "ward_code", "ward_name", "postal_code"), row))
            name = unicodedata.normalize("NFKC", _field(row, "town_name")).strip()
            base, chome = name, None
            if match := _CHOME_IN_NAME.match(name):
                base, number = match.groups()
                chome = int(number) if number.isdigit() else kanji_to_int(number)
            ward_name = _field(row, "ward_name")
            town = Town(_field(row, "town_code"), name, ward_name, postal_key(_field(row, "postal_code")), chome,
                        town_text(ward_name))
            self.towns.append(town)
            self.by_base.setdefault(town_text(base), []).append(town)
        self.wards = sorted({t.ward_key for t in self.towns if t.ward_key}, key=len, reverse=True)
        self.bases = sorted(self.by_base, key=len, reverse=True)

    @classmethod
    def of(cls, towns) -> "TownIndex":
        return towns if isinstance(towns, TownIndex) else cls(towns)

    def match_town(self, folded: str, pos: int, ward: str | None) -> tuple[str, list[Town]] | None:
        """The longest town name starting at pos; with a typed ward, the longest one in that ward."""
        names = [base for base in self.bases if folded.startswith(base, pos)]
        for base in names if ward else ():
            in_ward = [t for t in self.by_base[base] if t.ward_key == ward]
            if in_ward:
                return base, in_ward
        return (names[0], self.by_base[names[0]]) if names else None


def read_towns_csv(path: Path) -> TownIndex:
    """A towns.csv as the synthetic city (and a municipality's town list) writes it, UTF-8 or CP932."""
    raw = Path(path).read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp932")
    return TownIndex(list(csv.DictReader(text.splitlines())))


def towns_from_snapshot(con) -> TownIndex:
    """The town list as the snapshot knows it (towns where someone is registered)."""
    rows = con.execute(
        "SELECT DISTINCT town_code, town_name, ward_name, postal_code FROM persons ORDER BY town_code"
    ).fetchall()
    return TownIndex([dict(zip(("town_code", "town_name", "ward_name", "postal_code"), r)) for r in rows])


def address_key(text: str, towns) -> AddressKey:
    """Read a typed address: skip 〒, prefecture and city; find the ward and the longest town name;
    then read the 番地 and keep what follows (building, room)."""
    index = TownIndex.of(towns)
    typed = unicodedata.normalize("NFKC", text or "")
    folded = typed.translate(_TOWN_FOLD)
    pos = _POSTAL_PREFIX.match(folded).end()
    if match := _PREFECTURE.match(folded, pos):
        pos = match.end()
    starts = [pos]
    if match := _CITY.match(folded, pos):
        starts.insert(0, match.end())  # "千葉市" before the ward; tried first, the bare text after
    ward, found = None, None
    for start in starts:
        ward = next((w for w in index.wards if folded.startswith(w, start)), None)
        at = start + len(ward) if ward else start
        while at < len(folded) and folded[at].isspace():
            at += 1
        found = index.match_town(folded, at, ward)
        if found or ward:
            break
    if not found:
        number, rest = parse_number(typed[pos:]) if typed[pos:pos + 1].isdigit() else ("", typed[pos:].strip())
        return AddressKey(None, number, rest, ward_name=_ward_label(index, ward))
    base, towns_found = found
    number, rest = parse_number(typed[at + len(base):])
    if any(t.chome is not None for t in towns_found) and number:
        chome, _, remainder = number.partition("-")
        by_chome = [t for t in towns_found if t.chome == int(chome)]
        if by_chome:
            towns_found, number = by_chome, remainder
    codes = {t.code for t in towns_found}
    town = towns_found[0]
    return AddressKey(town.code if len(codes) == 1 else None, number, rest,
                      ward_name=town.ward_name if len({t.ward_name for t in towns_found}) == 1 else None,
                      town_name=town.name)


def _ward_label(index: TownIndex, folded_ward: str | None) -> str | None:
    if not folded_ward:
        return None
    return next((t.ward_name for t in index.towns if t.ward_key == folded_ward), None)
