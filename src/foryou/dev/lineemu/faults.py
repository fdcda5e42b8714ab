"""Fault injection, so delivery code can be tested against a platform that misbehaves: random 5xx,
added latency, a forced status for the next N requests, and "accepted but the answer was lost" — the
case retry keys exist for (the request is stored, the client sees 500 and must retry)."""

from __future__ import annotations

import random
import threading
from dataclasses import dataclass, field

# Bodies for statuses a test may force; LINE's wording where it is known.
STATUS_MESSAGES = {
    400: "Bad request",
    401: "Authentication failed. Confirm that the access token in the authorization header is valid.",
    403: "Access to this API is not available for your account",
    404: "Not found",
    409: "The retry key is already accepted",
    429: "Too many requests",
    500: "Internal server error",
    502: "Bad gateway",
    503: "Service unavailable",
    504: "Gateway timeout",
}


@dataclass
class Forced:
    status: int
    remaining: int
    endpoint: str | None = None  # None: any API endpoint
    after_accept: bool = False  # store the messages first, then answer with the status


@dataclass
class Faults:
    error_rate: float = 0.0  # share of API requests answered with error_status before processing
    error_status: int = 500
    accept_then_fail_rate: float = 0.0  # share of sends stored but answered with 500
    latency_ms: float = 0.0
    latency_jitter_ms: float = 0.0
    reject_blocked: bool = False  # push to a user who blocked the account -> 400 instead of LINE's 200
    forced: list[Forced] = field(default_factory=list)
    seed: int | None = None

    def __post_init__(self):
        self._random = random.Random(self.seed)
        self._lock = threading.Lock()

    def update(self, **changes) -> None:
        """Apply an admin-API or test change; unknown names raise TypeError."""
        with self._lock:
            for name, value in changes.items():
                if name == "force":
                    self.forced.append(value if isinstance(value, Forced) else Forced(**value))
                elif name == "seed":
                    self.seed = value
                    self._random = random.Random(value)
                elif name in self.__dataclass_fields__ and name != "forced":
                    setattr(self, name, value)
                else:
                    raise TypeError(f"Unknown fault setting: {name}")

    def clear(self) -> None:
        with self._lock:
            self.error_rate = self.accept_then_fail_rate = 0.0
            self.error_status = 500
            self.latency_ms = self.latency_jitter_ms = 0.0
            self.reject_blocked = False
            self.forced.clear()

    @property
    def active(self) -> bool:
        return bool(self.error_rate or self.accept_then_fail_rate or self.latency_ms or self.forced)

    def delay_seconds(self) -> float:
        if not (self.latency_ms or self.latency_jitter_ms):
            return 0.0
        jitter = self._random.uniform(0, self.latency_jitter_ms) if self.latency_jitter_ms else 0.0
        return (self.latency_ms + jitter) / 1000.0

    def _take_forced(self, endpoint: str, after_accept: bool) -> int | None:
        with self._lock:
            for forced in self.forced:
                if forced.after_accept == after_accept and forced.endpoint in (None, endpoint):
                    forced.remaining -= 1
                    if forced.remaining <= 0:
                        self.forced.remove(forced)
                    return forced.status
        return None

    def before(self, endpoint: str) -> int | None:
        """Status to answer instead of processing the request, or None."""
        status = self._take_forced(endpoint, after_accept=False)
        if status is None and self.error_rate and self._random.random() < self.error_rate:
            status = self.error_status
        return status

    def after_accept(self, endpoint: str) -> int | None:
        """Status to answer although the send was accepted and stored, or None."""
        status = self._take_forced(endpoint, after_accept=True)
        if status is None and self.accept_then_fail_rate and self._random.random() < self.accept_then_fail_rate:
            status = 500
        return status

    def as_dict(self) -> dict:
        return {
            "errorRate": self.error_rate, "errorStatus": self.error_status,
            "acceptThenFailRate": self.accept_then_fail_rate, "latencyMs": self.latency_ms,
            "latencyJitterMs": self.latency_jitter_ms, "rejectBlocked": self.reject_blocked,
            "forced": [{"status": f.status, "remaining": f.remaining, "endpoint": f.endpoint,
                        "afterAccept": f.after_accept} for f in self.forced],
        }


# The admin API speaks LINE-style camelCase; tests and constructors use snake_case.
CAMEL_TO_SNAKE = {
    "errorRate": "error_rate", "errorStatus": "error_status", "acceptThenFailRate": "accept_then_fail_rate",
    "latencyMs": "latency_ms", "latencyJitterMs": "latency_jitter_ms", "rejectBlocked": "reject_blocked",
    "force": "force", "seed": "seed",
}


def changes_from_json(body: dict) -> dict:
    changes = {}
    for key, value in body.items():
        name = CAMEL_TO_SNAKE.get(key, key)
        if name == "force":
            value = {"status": int(value["status"]), "remaining": int(value.get("count", 1)),
                     "endpoint": value.get("endpoint"), "after_accept": bool(value.get("afterAccept", False))}
        changes[name] = value
    return changes
