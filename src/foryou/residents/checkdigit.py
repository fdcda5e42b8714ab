"""Modulus-11 check digit of 宛名番号 (weights 2, 3, 4, 5, 6, 7 repeating from the rightmost body digit).

check = 11 - (weighted sum mod 11); a result of 10 or 11 becomes 0. The analysis-store import does the
same arithmetic in SQL (residents/importer/checks.py); tests keep the two equal.
"""


def mod11_check_digit(body: str) -> int:
    if not body.isascii() or not body.isdigit():
        raise ValueError(f"not digits: {body!r}")
    total = sum(int(d) * (2 + i % 6) for i, d in enumerate(reversed(body)))
    check = 11 - total % 11
    return 0 if check >= 10 else check


def with_check_digit(body: str) -> str:
    return body + str(mod11_check_digit(body))


def is_valid_resident_id(value: str) -> bool:
    if len(value) < 2 or not value.isascii() or not value.isdigit():
        return False
    return mod11_check_digit(value[:-1]) == int(value[-1])
