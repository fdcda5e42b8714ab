"""The mailbox: one .eml file per received message in a directory. Files are written under a temporary
name and renamed into place, so a reader in another process (the web page) never sees half a message,
and names sort by arrival time (nanoseconds first, then a random part)."""

from __future__ import annotations

import email
import email.policy
import email.utils
import os
import re
import time
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import cached_property
from pathlib import Path

ENVELOPE_HEADER = b"X-Mailcatcher-Envelope: "  # first line of each file: the SMTP envelope
_NAME = re.compile(r"^\d{20}-[0-9a-f]{32}\.eml$")


class Mailbox:
    def __init__(self, directory: str | os.PathLike):
        self.directory = Path(directory)

    @classmethod
    def default(cls) -> "Mailbox":
        from django.conf import settings

        return cls(Path(settings.DATA_DIR) / "mailbox")

    def save(self, raw: bytes, mail_from: str = "", rcpt_tos: list[str] | tuple[str, ...] = ()) -> "StoredMail":
        """Keep a message exactly as received, after one line naming its envelope."""
        name = f"{time.time_ns():020d}-{uuid.uuid4().hex}.eml"
        envelope = f"from=<{mail_from}>; to={','.join(f'<{r}>' for r in rcpt_tos)}"
        envelope = re.sub(r"[\r\n]", " ", envelope).encode("utf-8", "replace")
        temporary = self.directory / f".{name}.tmp"
        try:
            file = open(temporary, "xb")
        except FileNotFoundError:  # the first message: not a mkdir call per message
            self.directory.mkdir(parents=True, exist_ok=True)
            file = open(temporary, "xb")
        with file:
            file.write(ENVELOPE_HEADER + envelope + b"\r\n" + raw)
        os.replace(temporary, self.directory / name)
        return StoredMail(self.directory / name)

    def names(self) -> list[str]:
        """Message names, oldest first (temporary files excluded)."""
        try:
            return sorted(n for n in os.listdir(self.directory) if _NAME.match(n))
        except FileNotFoundError:
            return []

    def messages(self, limit: int | None = None, newest_first: bool = False) -> list["StoredMail"]:
        names = self.names()
        if newest_first:
            names.reverse()
        if limit is not None:
            names = names[:limit]
        return [StoredMail(self.directory / n) for n in names]

    def count(self) -> int:
        return len(self.names())

    def get(self, name: str) -> "StoredMail | None":
        """The message of that name, or None (names that are not ours never reach the filesystem)."""
        if not _NAME.match(name) or not (self.directory / name).exists():
            return None
        return StoredMail(self.directory / name)

    def clear(self) -> None:
        for name in self.names():
            try:
                (self.directory / name).unlink()
            except FileNotFoundError:
                pass  # another process removed it first


@dataclass(frozen=True)
class StoredMail:
    path: Path

    @property
    def name(self) -> str:
        return self.path.name

    @cached_property
    def _data(self) -> bytes:
        return self.path.read_bytes()

    @property
    def raw(self) -> bytes:
        """The bytes the SMTP server received (DATA, dot-unstuffed), without the envelope line."""
        data = self._data
        if data.startswith(ENVELOPE_HEADER):
            return data.split(b"\r\n", 1)[1]
        return data

    @property
    def envelope(self) -> str:
        data = self._data
        return data.split(b"\r\n", 1)[0][len(ENVELOPE_HEADER):].decode() if data.startswith(ENVELOPE_HEADER) else ""

    @cached_property
    def message(self) -> email.message.EmailMessage:
        return email.message_from_bytes(self.raw, policy=email.policy.default)

    @property
    def subject(self) -> str:
        return str(self.message.get("Subject", ""))

    @property
    def to(self) -> str:
        return str(self.message.get("To", ""))

    @property
    def sender(self) -> str:
        return str(self.message.get("From", ""))

    @property
    def received_at(self) -> datetime:
        """When the server received it (from the file name), as an aware UTC datetime."""
        return datetime.fromtimestamp(int(self.name[:20]) / 1e9, tz=timezone.utc)

    @property
    def date(self) -> datetime:
        """The Date header, or the time of receipt when it is missing or malformed."""
        try:
            parsed = email.utils.parsedate_to_datetime(str(self.message["Date"]))
        except (TypeError, ValueError):
            return self.received_at
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)

    def part(self, subtype: str) -> str:
        """The text/plain or text/html body, decoded ("" when absent)."""
        body = self.message.get_body(preferencelist=(subtype,))
        if body is None or body.get_content_subtype() != subtype:
            return ""
        return body.get_content()

    @property
    def text(self) -> str:
        return self.part("plain")

    @property
    def html(self) -> str:
        return self.part("html")
