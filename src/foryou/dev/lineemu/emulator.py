"""The emulated platform's behaviour, independent of HTTP: accepting sends (recipients, retry keys,
monthly limit, storage), the resident's side of the chat (follow, block, say something), and ID tokens.
The aiohttp routes and the in-process test API both call into one Emulator."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field

from foryou.dev.lineemu import idtoken, webhooks
from foryou.dev.lineemu.config import EmulatorConfig
from foryou.dev.lineemu.faults import Faults
from foryou.dev.lineemu.ratelimit import RateLimiter
from foryou.dev.lineemu.state import BLOCKED, FOLLOWING, State, User

QUOTABLE = frozenset({"text", "textV2", "sticker", "image", "video"})  # types that get a quoteToken
MONTHLY_LIMIT_MESSAGE = "You have reached your monthly limit."
FAILED_TO_SEND = "Failed to send messages"
RETRY_KEY_ACCEPTED = "The retry key is already accepted"


@dataclass
class Answer:
    """What an API call answers: status, JSON body, extra headers."""

    status: int
    body: dict
    headers: dict = field(default_factory=dict)


class Emulator:
    def __init__(self, config: EmulatorConfig | None = None, *, faults: Faults | None = None,
                 state: State | None = None):
        self.config = config or EmulatorConfig()
        self.state = state or State()
        self.faults = faults or Faults()
        self.limiter = RateLimiter(self.config.rate_limits)
        self.webhooks = webhooks.WebhookSender(self.config)
        self.issued_tokens: dict[str, float] = {}  # short-lived tokens from /v2/oauth/accessToken
        self.rate_limited = 0  # requests answered 429 by the per-endpoint rate limit

    # Authentication -------------------------------------------------------------------------------

    def token_is_valid(self, token: str) -> bool:
        if token in self.config.access_tokens:
            return True
        expires_at = self.issued_tokens.get(token)
        return expires_at is not None and expires_at > self.state.clock()

    def issue_access_token(self, ttl: int = 30 * 24 * 3600) -> str:
        token = secrets.token_urlsafe(128)[:172]
        self.issued_tokens[token] = self.state.clock() + ttl
        return token

    # Sending --------------------------------------------------------------------------------------

    def send(self, kind: str, body: dict, request_id: str, retry_key: str | None = None,
             raw: bytes | None = None) -> Answer:
        """Accept a validated push/multicast/broadcast/reply request (`raw`: the body as it came, which
        is then what is kept of its messages). Synchronous on purpose: nothing can interleave between the
        retry-key check and remembering the key."""
        state = self.state
        if retry_key:
            prior = state.retry_lookup(retry_key)
            if prior is not None:
                conflict = {"message": RETRY_KEY_ACCEPTED}
                if prior.sent_messages is not None:
                    conflict["sentMessages"] = prior.sent_messages
                return Answer(409, conflict, {"x-line-accepted-request-id": prior.request_id})
        recipients, failure = self._recipients(kind, body)
        if failure:
            return failure
        deliver = [u for u in recipients if u.status == FOLLOWING]
        limit = self.config.monthly_limit
        if kind != "reply" and limit is not None:
            used = state.usage_this_month()
            if used >= limit or used + len(deliver) > limit:
                return Answer(429, {"message": MONTHLY_LIMIT_MESSAGE})
        messages = body["messages"]
        sent = [{"id": state.new_message_id(), **({"quoteToken": secrets.token_urlsafe(48)}
                                                   if m.get("type") in QUOTABLE else {})} for m in messages]
        single = len(recipients) == 1  # a push or reply stores the IDs it answered with
        for user in recipients:
            for i, message in enumerate(messages):
                state.record(user.user_id, message, direction="bot", kind=kind, request_id=request_id,
                             retry_key=retry_key, delivered=user.status == FOLLOWING,
                             message_id=sent[i]["id"] if single else None,
                             quote_token=sent[i].get("quoteToken") if single else None,
                             encoded=None if raw is None else (raw, i))
            state.notify(user.user_id)
        if kind != "reply":
            state.add_usage(len(deliver))  # LINE counts one message per recipient per request
        keeps_ids = kind in ("push", "reply")
        if retry_key:
            state.retry_remember(retry_key, request_id, self.config.retry_key_ttl, sent if keeps_ids else None)
        return Answer(200, {"sentMessages": sent} if keeps_ids else {})

    def _recipients(self, kind: str, body: dict) -> tuple[list[User], Answer | None]:
        state = self.state
        if kind == "push":
            user = state.get_user(body["to"])
            if user is None or (user.status == BLOCKED and self.faults.reject_blocked):
                return [], Answer(400, {"message": FAILED_TO_SEND})
            return [user], None
        if kind == "multicast":
            users = (state.get_user(user_id) for user_id in dict.fromkeys(body["to"]))
            return [u for u in users if u is not None], None
        if kind == "broadcast":
            return [state.users[user_id] for user_id in state.followers()], None
        if kind == "reply":
            user_id = state.use_reply_token(body["replyToken"])
            if user_id is None:
                return [], Answer(400, {"message": "Invalid reply token"})
            return [state.users[user_id]], None
        raise ValueError(kind)

    def profile(self, user_id: str) -> dict | None:
        """Only friends have a profile for the account; blocked and unknown users are 404."""
        user = self.state.get_user(user_id)
        return user.profile() if user and user.status == FOLLOWING else None

    def bot_info(self) -> dict:
        info = {"userId": self.config.bot_user_id, "basicId": self.config.bot_basic_id,
                "displayName": self.config.bot_display_name, "chatMode": "bot", "markAsReadMode": "auto"}
        if self.config.bot_picture_url:
            info["pictureUrl"] = self.config.bot_picture_url
        return info

    def quota(self) -> dict:
        limit = self.config.monthly_limit
        return {"type": "none"} if limit is None else {"type": "limited", "value": limit}

    # The resident's side --------------------------------------------------------------------------

    def create_user(self, display_name: str = "テスト 太郎", user_id: str | None = None, status: str = FOLLOWING,
                    **profile) -> User:
        """A test user, already in the given state; no webhook (use follow() for the event)."""
        return self.state.add_user(display_name, user_id=user_id, status=status, **profile)

    def _now_ms(self) -> int:
        return int(self.state.clock() * 1000)

    async def follow(self, user_id: str) -> dict:
        """The user adds the account as a friend (or unblocks it): follow event."""
        previous = self.state.set_status(user_id, FOLLOWING)
        event = webhooks.follow_event(user_id, self.state.new_reply_token(user_id),
                                      is_unblocked=previous == BLOCKED, timestamp=self._now_ms())
        return await self.webhooks.send([event])

    async def block(self, user_id: str) -> dict:
        """The user blocks the account: unfollow event."""
        self.state.set_status(user_id, BLOCKED)
        return await self.webhooks.send([webhooks.unfollow_event(user_id, timestamp=self._now_ms())])

    async def say(self, user_id: str, text: str) -> dict:
        """The user sends a text message in the chat: it is stored and a message event is sent."""
        user = self.state.users[user_id]
        if user.status == BLOCKED:
            raise PermissionError("A user who blocked the account cannot message it")
        quote_token = secrets.token_urlsafe(48)
        entry = self.state.record(user_id, {"type": "text", "text": text}, direction="user", kind="user",
                                  quote_token=quote_token)
        self.state.notify(user_id)
        event = webhooks.text_message_event(user_id, self.state.new_reply_token(user_id), message_id=entry["id"],
                                            text=text, quote_token=quote_token, timestamp=entry["timestamp"])
        return await self.webhooks.send([event])

    async def postback(self, user_id: str, data: str, display_text: str | None = None,
                       params: dict | None = None) -> dict:
        if display_text:  # LINE shows displayText in the chat as the user's message
            self.state.record(user_id, {"type": "text", "text": display_text}, direction="user", kind="user")
            self.state.notify(user_id)
        event = webhooks.postback_event(user_id, self.state.new_reply_token(user_id), data=data, params=params,
                                        timestamp=self._now_ms())
        return await self.webhooks.send([event])

    async def redeliver(self, event_ids: list[str]) -> dict:
        return await self.webhooks.redeliver(event_ids)

    # LINE Login -----------------------------------------------------------------------------------

    def issue_id_token(self, user_id: str, channel_id: str | None = None, nonce: str | None = None,
                       ttl: int | None = None) -> str:
        user = self.state.users[user_id]
        return idtoken.issue(user_id=user_id, channel_id=channel_id or self.config.login_channel_id,
                             secret=self.config.login_channel_secret, name=user.display_name,
                             picture=user.picture_url, nonce=nonce,
                             ttl=self.config.id_token_ttl if ttl is None else ttl, now=self.state.clock())

    def verify_id_token(self, token: str, client_id: str, nonce: str | None = None,
                        user_id: str | None = None) -> dict:
        return idtoken.verify(token, client_id=client_id, secret=self.config.login_channel_secret, nonce=nonce,
                              user_id=user_id, now=self.state.clock())

    def reset(self) -> None:
        """Forget users, messages, retry keys, usage, webhook history and faults (between tests)."""
        self.state.reset()
        self.faults.clear()
        self.limiter.reset()
        self.webhooks.events.clear()
        self.webhooks.log.clear()
        self.issued_tokens.clear()
        self.rate_limited = 0
