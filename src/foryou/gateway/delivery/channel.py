"""What a channel is given and what it answers: a `Send` (one API request: the same messages to one or
more recipients, with the retry key the caller stored before the first attempt) and one `Result` per
recipient. Channel-independent, so email and LINE deliveries are handled by the same worker code."""

from __future__ import annotations

import enum
import random
import re
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Protocol

MAX_RECIPIENTS = 500  # multicast
MAX_MESSAGES = 5  # per request
RETRY_KEY_LIFETIME = 24 * 3600.0  # LINE keeps an accepted retry key this long
RETRY_MARGIN = 15 * 60.0  # do not plan a retry this close to the key's expiry
BACKOFF_BASE = 2.0
BACKOFF_CAP = 3600.0
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


class Outcome(enum.StrEnum):
    ACCEPTED = "accepted"  # LINE took it (200, or 409: the same retry key was accepted before)
    DEFERRED = "deferred"  # not taken yet: send the same Send (same retry key) after retry_after
    RESEND = "resend"  # refused because of another recipient: put this one in a new Send
    PERMANENT = "permanent"  # will never be taken: fall back to email or give up (see code)
    MONTHLY_LIMIT = "monthly_limit"  # the channel's monthly message limit: stop LINE, use email
    CHANNEL_DOWN = "channel_down"  # 401/403: stop LINE for this channel and alert staff


@dataclass(frozen=True)
class Send:
    """One request. Create it with Send.new(), store it (the retry key above all) and only then send;
    after a DEFERRED result send `send.retried()`: same key, same body, one more attempt counted."""

    retry_key: str
    user_ids: tuple[str, ...]
    messages: tuple[dict, ...]
    attempt: int = 0  # attempts made before this one
    first_tried_at: float | None = None  # epoch seconds of the first attempt (start of the key's 24 h)
    # The messages were built from a template the SDK's models already accepted (only a link differs):
    # skip the per-request model validation, which costs more CPU than the request itself.
    checked: bool = False
    # A checked push's messages as JSON text already (tracked pushes: the lot's template joined with this
    # recipient's links, decision 0087); sent as they are, `messages` then being the template's.
    messages_json: str = ""

    @classmethod
    def new(cls, user_ids, messages) -> "Send":
        """A new request; its 24 hours are counted from now (a little before the first attempt: safe)."""
        return cls(str(uuid.uuid4()), tuple(user_ids), tuple(messages), first_tried_at=time.time())

    def __post_init__(self):
        if not _UUID.match(self.retry_key):
            raise ValueError(f"retry_key must be a lower-case UUID, not {self.retry_key!r}")
        if not 1 <= len(self.user_ids) <= MAX_RECIPIENTS:
            raise ValueError(f"A send has 1 to {MAX_RECIPIENTS} recipients, not {len(self.user_ids)}")
        if len(set(self.user_ids)) != len(self.user_ids):
            raise ValueError("A send lists each recipient once")
        if not 1 <= len(self.messages) <= MAX_MESSAGES:
            raise ValueError(f"A send has 1 to {MAX_MESSAGES} messages, not {len(self.messages)}")

    @property
    def endpoint(self) -> str:
        return "push" if len(self.user_ids) == 1 else "multicast"

    def started(self, now: float | None = None) -> "Send":
        return self if self.first_tried_at is not None else replace(self, first_tried_at=now or time.time())

    def retried(self) -> "Send":
        return replace(self.started(), attempt=self.attempt + 1)


@dataclass(frozen=True)
class Result:
    user_id: str
    outcome: Outcome
    code: str = ""  # accepted, duplicate, unreachable, invalid_recipient, invalid_request, rate_limited, ...
    detail: str = ""
    request_id: str = ""  # x-line-request-id (or x-line-accepted-request-id after a 409)
    retry_after: float | None = None  # seconds, for DEFERRED
    status: int | None = None  # the HTTP status, None when no answer came

    @property
    def ok(self) -> bool:
        return self.outcome is Outcome.ACCEPTED


class SameResults(Sequence):
    """A send's results when every recipient got the same answer (the usual case: a multicast accepted
    whole): the answer is kept once with the recipients, and a Result made only for whoever reads one.
    A send to 1,000,000 otherwise made, grouped and counted a million Result objects (decision 0091)."""

    __slots__ = ("user_ids", "answer")

    def __init__(self, user_ids: tuple[str, ...], answer: Result):
        self.user_ids, self.answer = tuple(user_ids), answer  # answer.user_id is not read

    def __len__(self) -> int:
        return len(self.user_ids)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [replace(self.answer, user_id=user_id) for user_id in self.user_ids[index]]
        return replace(self.answer, user_id=self.user_ids[index])

    def __iter__(self):
        a = self.answer
        for user_id in self.user_ids:
            yield Result(user_id, a.outcome, a.code, a.detail, a.request_id, a.retry_after, a.status)

    def __eq__(self, other) -> bool:
        return isinstance(other, (list, tuple, SameResults)) and list(self) == list(other)

    __hash__ = None

    def __repr__(self) -> str:
        return f"SameResults({len(self.user_ids)} × {self.answer!r})"


def answers(results) -> set[tuple[Outcome, str]]:
    """The distinct (outcome, code) of one send's or batch's results."""
    if isinstance(results, SameResults):
        return {(results.answer.outcome, results.answer.code)}
    return {(r.outcome, r.code) for r in results}


class Channel(Protocol):
    """One class per channel behind this interface (LINE now, email next)."""

    def send(self, batch: Send) -> list[Result]: ...


@dataclass
class Backoff:
    """Exponential backoff with jitter, kept within the retry key's lifetime."""

    base: float = BACKOFF_BASE
    cap: float = BACKOFF_CAP
    rng: random.Random = field(default_factory=random.Random)

    def delay(self, attempt: int) -> float:
        ceiling = min(self.cap, self.base * (2 ** min(attempt, 30)))
        return ceiling / 2 + self.rng.uniform(0, ceiling / 2)

    @staticmethod
    def fits(batch: Send, delay: float, now: float | None = None) -> bool:
        """Whether a retry after `delay` still falls inside the retry key's 24 hours."""
        started = batch.first_tried_at if batch.first_tried_at is not None else (now or time.time())
        return (now or time.time()) + delay <= started + RETRY_KEY_LIFETIME - RETRY_MARGIN
