"""宛名番号 as staff type them: with or without the leading zeros the registry keeps (0000012343 and
12343 are the same person), in full-width digits, with spaces or hyphens."""

import re
import unicodedata

LENGTH = 10  # as the core systems export them: zero-padded, the last digit a modulus-11 check digit

_SEPARATORS = re.compile(r"[\s\-‐－ー−]")


def typed(text: str) -> str:
    """What was typed, as plain characters: NFKC (full-width digits become ASCII), separators removed."""
    return _SEPARATORS.sub("", unicodedata.normalize("NFKC", text or "").strip())


def is_digits(value: str) -> bool:
    return bool(value) and value.isascii() and value.isdigit()


def canonical(text: str) -> str:
    """The registry's form of a typed 宛名番号: digits padded with zeros to LENGTH ('12343' →
    '0000012343'; '000012343' → '0000012343'). Not digits: returned as typed (normalised)."""
    value = typed(text)
    if not is_digits(value):
        return value
    return (value.lstrip("0") or "0").zfill(LENGTH)


def forms(text: str) -> list[str]:
    """Every way the registry may hold a typed 宛名番号: padded to LENGTH and without leading zeros
    (a registry that does not pad), the padded form first."""
    value = typed(text)
    if not is_digits(value):
        return [value] if value else []
    bare = value.lstrip("0") or "0"
    return list(dict.fromkeys([bare.zfill(LENGTH), bare, value]))
