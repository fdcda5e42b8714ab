"""What one postcard says, and who sends it."""

import re
from dataclasses import dataclass
from datetime import date

_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_SEPARATORS = re.compile(r"[\s\-‐－ー−〒]")


def _digits(text: str) -> str:
    return _SEPARATORS.sub("", text.translate(_DIGITS))


def postal_digits(postal_code: str) -> str:
    """'260-8722', '〒２６０８７２２' or '2608722' as '2608722'. Raises ValueError."""
    digits = _digits(postal_code)
    if len(digits) != 7 or not (digits.isascii() and digits.isdigit()):
        raise ValueError(f"a postal code has 7 digits: {postal_code!r}")
    return digits


def grouped_number(number: str) -> str:
    """'1234567890123456' as '1234-5678-9012-3456' (groups of four)."""
    digits = _digits(number)
    if not digits or not (digits.isascii() and digits.isdigit()):
        raise ValueError(f"a registration number is made of digits: {number!r}")
    return "-".join(digits[i:i + 4] for i in range(0, len(digits), 4))


@dataclass(frozen=True)
class Postcard:
    postal_code: str  # 7 digits
    address: str  # 町字 + 番地, e.g. 千葉市中央区千葉港1番1号
    katagaki: str  # 方書 (building, room), may be empty
    name: str  # as registered, variation selectors kept
    registration_number: str  # 16 digits
    activation_url: str
    expires_on: date
    invitation: bool = False  # an invitation letter (招待): the city invites, nobody applied

    def __post_init__(self):
        postal_digits(self.postal_code)
        grouped_number(self.registration_number)
        if not self.address.strip() or not self.name.strip():
            raise ValueError("a postcard needs an address and a name")
        if not self.activation_url.startswith(("https://", "http://")):
            raise ValueError(f"the activation URL must be http(s): {self.activation_url!r}")


@dataclass(frozen=True)
class Sender:
    municipality: str  # 千葉市
    department: str  # 総務局 業務改革推進課
    postal_code: str
    address: str
    phone: str
    service_name: str  # あなたが使える制度お知らせサービス
    post_office: str = ""  # 差出事業所 printed in the 料金後納 indicium, e.g. 千葉中央

    def __post_init__(self):
        postal_digits(self.postal_code)
