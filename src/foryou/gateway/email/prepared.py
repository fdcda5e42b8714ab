"""Personalised emails made from one template (decision 0088). Django builds a notice's message once per
language and set of footer links, with placeholders for what differs per recipient (address, Message-ID,
Date, their links); the bytes are cut at the placeholders, and each recipient's message is the pieces
joined with their own values: what Django would have built for them (a test compares the two), at a
hundredth of the cost. A recipient whose values could come out differently from Django's own build (a
non-ASCII address, a link with characters HTML escapes or a header would be folded at, a line over
SMTP's limit) is left to Django (`Template.fill` answers None).
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from email.utils import formatdate

from django.conf import settings

ENCODING = "utf-8"
LINE_LIMIT = 998  # RFC 5322 (without CRLF): Django encodes a longer line, so the pieces would not fit
_MARK = "q7x3foryouslot"  # placeholders: a word nothing in a notice contains, followed by the slot's name
ADDRESS = f"{_MARK}to@placeholder.invalid"
MESSAGE_ID = f"<{_MARK}mid@placeholder.invalid>"
URLS = {name: f"https://placeholder.invalid/{_MARK}{name}" for name in ("unsubscribe", "consent", "settings", "apply")}
# Values that Django writes unchanged in a header and in both parts (nothing HTML escapes, no space,
# comma or semicolon a header could be folded at, ASCII only).
_SAFE_URL = re.compile(r"https?://[A-Za-z0-9._~:/?#\[\]@!$()*+=%-]{1,400}")
_SAFE_ADDRESS = re.compile(r"[A-Za-z0-9_%+-]+(?:\.[A-Za-z0-9_%+-]+)*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*")
_SAFE_ID = re.compile(r"<[A-Za-z0-9._%+-]{1,100}@[A-Za-z0-9.-]{1,100}>")


@dataclass(frozen=True)
class Template:
    pieces: tuple[bytes, ...]  # the message's bytes; every odd piece names a slot (a key of `values`)
    boundary: bytes  # the MIME boundary, which no value may contain
    slot_line: tuple[int, int]  # the longest line with slots (without them) and the most slots on a line

    @classmethod
    def from_message(cls, message) -> "Template | None":
        """`message`: Django's EmailMessage for the placeholders; None when its bytes do not show every
        placeholder where Django would put each recipient's value (e.g. a part Django had to encode)."""
        mime = message.message()
        date = mime["Date"]
        data = mime.as_bytes(linesep="\r\n")  # as Django's SMTP backend sends it
        # A header is a whole line, as it is folded per value (_line); a link in a part is the link.
        slots = {_line(name, value).encode(): name for name, value in _HEADERS.items()}
        slots[f"Date: {date}\r\n".encode()] = "Date"
        slots.update({url.encode(): name for name, url in URLS.items()})
        split = re.split(b"(" + b"|".join(re.escape(s) for s in slots) + b")", data)
        pieces = tuple(piece if i % 2 == 0 else slots[piece] for i, piece in enumerate(split))
        if any(pieces.count(name) != 1 for name in ("To", "Message-ID", "Date")):
            return None
        boundary = (mime.get_boundary() or "").encode()
        if not boundary or _MARK.encode() in b"".join(pieces[::2]):
            return None
        # Lines holding slots, as (their fixed length, how many slots): a bound on their length per value.
        lines, fixed, slots_in_line = [], 0, 0
        for i, piece in enumerate(pieces):
            if i % 2:
                slots_in_line += 1
                continue
            parts = piece.split(b"\r\n")
            fixed += len(parts[0])
            if len(parts) > 1:
                lines.append((fixed, slots_in_line))
                fixed, slots_in_line = len(parts[-1]), 0
        lines.append((fixed, slots_in_line))
        return cls(pieces, boundary, (max(length for length, count in lines if count), max(c for _, c in lines)))

    def fill(self, address: str, message_id: str, urls: dict[str, str]) -> tuple[str, bytes] | None:
        """(the envelope's recipient, the message) for one recipient, or None: Django builds theirs."""
        # A plain address (dot-atoms, ASCII) is what Django's sanitize_address makes of it, without parsing.
        recipient = address
        if len(address) > 70 or not _SAFE_ADDRESS.fullmatch(address):
            return None  # Django's build writes it (encoded, or with its name) or says what is wrong
        urls = {name: urls.get(name, "") for name in URLS}
        if not _SAFE_ID.fullmatch(message_id) or any(url and not _SAFE_URL.fullmatch(url) for url in urls.values()):
            return None
        values = {"To": _line("To", recipient), "Message-ID": _line("Message-ID", message_id),
                  "List-Unsubscribe": _line("List-Unsubscribe", f"<{urls['unsubscribe']}>"),
                  "Date": f"Date: {_date()}\r\n", **urls}
        encoded = {name: value.encode() for name, value in values.items()}
        if any(self.boundary in value for value in encoded.values()):
            return None
        data = b"".join(encoded[piece] if i % 2 else piece for i, piece in enumerate(self.pieces))
        fixed, count = self.slot_line
        longest = fixed + count * max(map(len, encoded.values()))  # a bound, exact only when it is over
        if longest > LINE_LIMIT and max(map(len, data.split(b"\r\n"))) > LINE_LIMIT:
            return None  # Django would have encoded that line
        return recipient, data


_HEADERS = {"To": ADDRESS, "Message-ID": MESSAGE_ID, "List-Unsubscribe": f"<{URLS['unsubscribe']}>"}
FOLD_AT = 78  # the email package's (compat32) line length for headers


def _line(name: str, value: str) -> str:
    """The header as Django's message (the email package, compat32) writes it, for a value without
    whitespace, comma or semicolon, where it cannot be split: on the name's line if it fits, else alone
    on a continuation line."""
    if len(name) + 2 + len(value) <= FOLD_AT:
        return f"{name}: {value}\r\n"
    return f"{name}: \r\n {value}\r\n"


_dates: tuple[int, str] = (0, "")


def _date() -> str:
    """Django's Date header value (formatdate, in the process's time zone if EMAIL_USE_LOCALTIME), made
    once a second rather than per message."""
    global _dates
    now = int(time.time())
    second, text = _dates
    if second != now:
        text = formatdate(now, localtime=settings.EMAIL_USE_LOCALTIME)
        _dates = (now, text)
    return text
