"""Registration numbers (登録番号): 15 random digits from a CSPRNG and a Damm check digit.

Damm's check digit catches every single-digit error and every transposition of adjacent digits, the
two mistakes people make copying a number from a postcard. Sixteen digits leave 10^15 possible numbers
for, at most, a few hundred thousand live ones: with the activation rate limits (a handful of tries an
hour per LINE user and per address) guessing a valid number is hopeless.
"""

import re
import secrets

BODY_DIGITS = 15
LENGTH = BODY_DIGITS + 1

# Damm's totally anti-symmetric quasigroup of order 10.
DAMM = (
    (0, 3, 1, 7, 5, 9, 8, 6, 4, 2),
    (7, 0, 9, 2, 1, 5, 4, 8, 6, 3),
    (4, 2, 0, 6, 8, 7, 1, 3, 5, 9),
    (1, 7, 5, 0, 9, 8, 3, 4, 2, 6),
    (6, 1, 2, 3, 0, 4, 5, 9, 7, 8),
    (3, 6, 7, 4, 2, 0, 9, 5, 8, 1),
    (5, 8, 6, 9, 7, 2, 0, 1, 3, 4),
    (8, 9, 4, 5, 3, 6, 2, 0, 1, 7),
    (9, 4, 3, 8, 6, 1, 7, 2, 0, 5),
    (2, 5, 8, 1, 4, 3, 6, 7, 9, 0),
)

_TYPED = re.compile(r"[\s\-‐－ー−]")  # what people put between groups


def damm(digits: str) -> int:
    interim = 0
    for ch in digits:
        interim = DAMM[interim][ord(ch) - 48]
    return interim


def new_number() -> str:
    body = "".join(str(secrets.randbelow(10)) for _ in range(BODY_DIGITS))
    return body + str(damm(body))


def normalize(typed: str) -> str:
    """What a resident typed (full-width digits, spaces, hyphens) as plain digits."""
    text = typed.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    return _TYPED.sub("", text)


def is_well_formed(number: str) -> bool:
    """16 digits whose check digit holds (the Damm check of the whole number is 0)."""
    return len(number) == LENGTH and number.isascii() and number.isdigit() and damm(number) == 0


def display(number: str) -> str:
    """1234-5678-9012-3456, as printed on the postcard."""
    return "-".join(number[i:i + 4] for i in range(0, len(number), 4))
