"""Everything the emulated platform remembers: test users and their friendship with the account, every
accepted message per user, retry keys, reply tokens and the month's message count. Pure Python and
thread-safe, so tests can read and change it from outside the server's event loop."""

from __future__ import annotations

import itertools
import json
import os
import secrets
import threading
import time
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Callable

from foryou.dev.lineemu.richmenus import RichMenus

JST = timezone(timedelta(hours=9))  # LINE counts monthly usage by the Japanese calendar month
FOLLOWING, BLOCKED, NOT_FRIEND = "following", "blocked", "not_friend"
STATUSES = (FOLLOWING, BLOCKED, NOT_FRIEND)


def new_user_id() -> str:
    return "U" + secrets.token_hex(16)


@dataclass
class User:
    user_id: str
    display_name: str
    status: str = FOLLOWING
    picture_url: str | None = None
    status_message: str | None = None
    # BCP 47, as LINE reports it; None: left out of the profile, as LINE does until the user has agreed
    # to its privacy policy (messaging-api.yml, UserProfileResponse.language).
    language: str | None = "ja"
    created_at: int = field(default_factory=lambda: int(time.time() * 1000))

    def profile(self) -> dict:
        """The Get profile response body (optional properties left out when unset, as LINE does)."""
        body = {"userId": self.user_id, "displayName": self.display_name}
        if self.language:
            body["language"] = self.language
        if self.picture_url:
            body["pictureUrl"] = self.picture_url
        if self.status_message:
            body["statusMessage"] = self.status_message
        return body

    def as_dict(self) -> dict:
        return {"userId": self.user_id, "displayName": self.display_name, "status": self.status,
                "pictureUrl": self.picture_url, "statusMessage": self.status_message,
                "language": self.language, "createdAt": self.created_at}


@dataclass
class RetryRecord:
    request_id: str
    expires_at: float
    sent_messages: list[dict] | None


# How an accepted request's message is kept: the request's own body and the message's index in it,
# decoded when read (messages_for). An entry then holds only strings and numbers, which Python's
# garbage collector does not track: a parsed message is some fifty dicts and lists, and with every
# push's kept as parsed, full collections walking them cost the emulator a third of a push's CPU.
ENCODED = ("body", "index")


class State:
    def __init__(self, clock: Callable[[], float] = time.time):
        self.clock = clock  # tests replace it to jump 24 hours or a month ahead
        self.lock = threading.RLock()
        self.users: dict[str, User] = {}
        self.messages: dict[str, list[dict]] = {}
        self.retry_keys: dict[str, tuple[str, float, str | None]] = {}  # see retry_remember
        self.reply_tokens: dict[str, tuple[str, float]] = {}
        self.usage: dict[str, int] = {}
        self.rich_menus = RichMenus()
        self.listeners: list[Callable[[str], None]] = []
        self._seq = itertools.count(1)
        self._message_ids = itertools.count(480_000_000_000_000_000 + secrets.randbelow(10**15))
        self._dirty = False
        self._month_cache: tuple[int, str] = (-1, "")

    # Users ----------------------------------------------------------------------------------------

    def add_user(self, display_name: str, user_id: str | None = None, status: str = FOLLOWING,
                 **profile) -> User:
        if status not in STATUSES:
            raise ValueError(f"status must be one of {STATUSES}")
        user = User(user_id=user_id or new_user_id(), display_name=display_name, status=status, **profile)
        with self.lock:
            if user.user_id in self.users:
                raise ValueError(f"User {user.user_id} already exists")
            self.users[user.user_id] = user
            self.messages.setdefault(user.user_id, [])
            self._dirty = True
        self._notify(user.user_id)
        return user

    def get_user(self, user_id: str) -> User | None:
        return self.users.get(user_id)

    def set_status(self, user_id: str, status: str) -> str:
        """Change the friendship state; returns the previous one."""
        if status not in STATUSES:
            raise ValueError(f"status must be one of {STATUSES}")
        with self.lock:
            user = self.users[user_id]
            previous, user.status = user.status, status
            self._dirty = True
        self._notify(user_id)
        return previous

    def followers(self) -> list[str]:
        return [u.user_id for u in list(self.users.values()) if u.status == FOLLOWING]

    # Messages -------------------------------------------------------------------------------------

    def new_message_id(self) -> str:
        return str(next(self._message_ids))

    def record(self, user_id: str, message: dict | None, *, direction: str, kind: str,
               request_id: str | None = None, retry_key: str | None = None, delivered: bool = True,
               message_id: str | None = None, quote_token: str | None = None,
               encoded: tuple[bytes, int] | None = None) -> dict:
        """Store one message object sent to (direction "bot") or by (direction "user") a user; `encoded`
        (the request's body and the message's index in its "messages") instead of the parsed message
        keeps it as it came (see ENCODED)."""
        entry = {
            "seq": next(self._seq), "id": message_id or self.new_message_id(), "userId": user_id,
            "direction": direction, "kind": kind,
            "timestamp": int(self.clock() * 1000), "requestId": request_id, "retryKey": retry_key,
            "delivered": delivered, "quoteToken": quote_token,
        }
        if encoded is None:
            entry["message"] = message
        else:
            entry["body"], entry["index"] = encoded
        with self.lock:
            self.messages.setdefault(user_id, []).append(entry)
            self._dirty = True
        return entry

    def messages_for(self, user_id: str, after: int = 0, direction: str | None = None) -> list[dict]:
        with self.lock:
            entries = list(self.messages.get(user_id, ()))
        return readable([e for e in entries if e["seq"] > after and (direction is None or e["direction"] == direction)])

    def notify(self, user_id: str) -> None:
        self._notify(user_id)

    def rich_menus_changed(self) -> None:
        """Saved with the rest; every open simulator shows the new default menu."""
        with self.lock:
            self._dirty = True
        for user_id in list(self.users):
            self._notify(user_id)

    def _notify(self, user_id: str) -> None:
        for listener in list(self.listeners):
            listener(user_id)

    # Retry keys -----------------------------------------------------------------------------------

    def retry_lookup(self, key: str) -> RetryRecord | None:
        kept = self.retry_keys.get(key)
        if kept is None:
            return None
        request_id, expires_at, sent_json = kept
        if expires_at <= self.clock():
            with self.lock:
                self.retry_keys.pop(key, None)
            return None
        return RetryRecord(request_id, expires_at, None if sent_json is None else json.loads(sent_json))

    def retry_remember(self, key: str, request_id: str, ttl: float, sent_messages: list[dict] | None) -> None:
        # Kept as a tuple of strings and a number (untracked by the garbage collector, like messages).
        kept = (request_id, self.clock() + ttl, None if sent_messages is None else json.dumps(sent_messages))
        with self.lock:
            self.retry_keys[key] = kept
            if len(self.retry_keys) % 4096 == 0:  # keep memory flat during long benchmark runs
                now = self.clock()
                for k in [k for k, (_, expires_at, _) in self.retry_keys.items() if expires_at <= now]:
                    del self.retry_keys[k]

    # Reply tokens ---------------------------------------------------------------------------------

    def new_reply_token(self, user_id: str, ttl: float = 60.0) -> str:
        token = secrets.token_hex(16)
        with self.lock:
            self.reply_tokens[token] = (user_id, self.clock() + ttl)
        return token

    def use_reply_token(self, token: str) -> str | None:
        """A reply token works once, within its lifetime; returns its user."""
        with self.lock:
            user_id, expires_at = self.reply_tokens.pop(token, (None, 0.0))
        return user_id if user_id and expires_at > self.clock() else None

    # Monthly usage --------------------------------------------------------------------------------

    def month(self) -> str:
        minute = int(self.clock() // 60)
        if minute != self._month_cache[0]:  # formatting a date per request shows up in profiles
            self._month_cache = (minute, datetime.fromtimestamp(minute * 60, JST).strftime("%Y-%m"))
        return self._month_cache[1]

    def usage_this_month(self) -> int:
        return self.usage.get(self.month(), 0)

    def add_usage(self, count: int) -> None:
        if count:
            with self.lock:
                month = self.month()
                self.usage[month] = self.usage.get(month, 0) + count

    # Reset and persistence ------------------------------------------------------------------------

    def reset(self) -> None:
        with self.lock:
            self.users.clear()
            self.messages.clear()
            self.retry_keys.clear()
            self.reply_tokens.clear()
            self.usage.clear()
            self.rich_menus.clear()
            self._dirty = True

    def save(self, path: str | os.PathLike) -> None:
        with self.lock:
            data = {"users": [asdict(u) for u in self.users.values()],
                    "messages": {user_id: readable(entries) for user_id, entries in self.messages.items()},
                    "usage": self.usage, "richMenus": self.rich_menus.as_dict()}
            self._dirty = False
        target = Path(path)
        tmp = target.with_suffix(target.suffix + ".tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        tmp.replace(target)  # atomic: a crash never leaves half a file

    def save_if_dirty(self, path: str | os.PathLike) -> None:
        if self._dirty:
            self.save(path)

    def load(self, path: str | os.PathLike) -> None:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        with self.lock:
            self.users = {u["user_id"]: User(**u) for u in data.get("users", [])}
            self.messages = {k: list(v) for k, v in data.get("messages", {}).items()}
            self.usage = dict(data.get("usage", {}))
            self.rich_menus.load(data.get("richMenus", {}))
            last = max((e["seq"] for v in self.messages.values() for e in v), default=0)
            self._seq = itertools.count(last + 1)
            self._dirty = False


def readable(entries: list[dict]) -> list[dict]:
    """Entries as readers see them: each with its "message" parsed (a multicast's body once for all)."""
    parsed: dict[bytes, list] = {}
    out = []
    for entry in entries:
        if "body" in entry:
            body = entry["body"]
            messages = parsed.get(body)
            if messages is None:
                messages = parsed[body] = json.loads(body)["messages"]
            index = entry["index"]
            entry = {key: value for key, value in entry.items() if key not in ENCODED}
            entry["message"] = messages[index]
        out.append(entry)
    return out
