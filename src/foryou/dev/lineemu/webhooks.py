"""Webhooks as the LINE Platform sends them: event objects shaped as in webhook.yml, a body signed with
the channel secret (x-line-signature = base64 HMAC-SHA256 of the raw body), and redelivery of an event
with the same webhookEventId and deliveryContext.isRedelivery = true."""

from __future__ import annotations

import asyncio
import base64
import copy
import hashlib
import hmac
import json
import os
import time
from collections import OrderedDict

import aiohttp

USER_AGENT = "LineBotWebhook/2.0"
_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def signature(channel_secret: str, body: bytes) -> str:
    """The x-line-signature header value for a raw request body."""
    digest = hmac.new(channel_secret.encode("utf-8"), body, hashlib.sha256).digest()
    return base64.b64encode(digest).decode("ascii")


def verify_signature(channel_secret: str, body: bytes, header_value: str | None) -> bool:
    """True when header_value is the signature of exactly these bytes (compare before parsing JSON)."""
    return bool(header_value) and hmac.compare_digest(signature(channel_secret, body), header_value)


def new_event_id(now_ms: int | None = None) -> str:
    """A ULID (26 Crockford base-32 chars: 48-bit millisecond time, 80 random bits), as LINE uses."""
    value = ((int(time.time() * 1000) if now_ms is None else now_ms) << 80) | int.from_bytes(os.urandom(10), "big")
    return "".join(_CROCKFORD[(value >> shift) & 31] for shift in range(125, -1, -5))


def _event(kind: str, user_id: str, timestamp: int, **extra) -> dict:
    return {"type": kind, "mode": "active", "timestamp": timestamp,
            "source": {"type": "user", "userId": user_id}, "webhookEventId": new_event_id(timestamp),
            "deliveryContext": {"isRedelivery": False}, **extra}


def follow_event(user_id: str, reply_token: str, *, is_unblocked: bool, timestamp: int) -> dict:
    return _event("follow", user_id, timestamp, replyToken=reply_token, follow={"isUnblocked": is_unblocked})


def unfollow_event(user_id: str, *, timestamp: int) -> dict:
    return _event("unfollow", user_id, timestamp)


def text_message_event(user_id: str, reply_token: str, *, message_id: str, text: str, quote_token: str,
                       timestamp: int) -> dict:
    return _event("message", user_id, timestamp, replyToken=reply_token,
                  message={"type": "text", "id": message_id, "quoteToken": quote_token, "text": text})


def postback_event(user_id: str, reply_token: str, *, data: str, params: dict | None, timestamp: int) -> dict:
    postback = {"data": data}
    if params:
        postback["params"] = params
    return _event("postback", user_id, timestamp, replyToken=reply_token, postback=postback)


class WebhookSender:
    """Posts signed event batches to the configured URL and keeps a log (for tests and the simulator)."""

    def __init__(self, config, log_size: int = 500):
        self.config = config
        self.log: OrderedDict[int, dict] = OrderedDict()
        self.events: dict[str, dict] = {}
        self.log_size = log_size
        self._next = 1
        self._session: aiohttp.ClientSession | None = None

    def body(self, events: list[dict]) -> bytes:
        return json.dumps({"destination": self.config.bot_user_id, "events": events},
                          ensure_ascii=False, separators=(",", ":")).encode("utf-8")

    async def send(self, events: list[dict]) -> dict:
        for event in events:
            self.events[event["webhookEventId"]] = copy.deepcopy(event)
        return await self._post(events)

    async def redeliver(self, event_ids: list[str]) -> dict:
        """Send stored events again, unchanged but for deliveryContext.isRedelivery."""
        events = []
        for event_id in event_ids:
            event = copy.deepcopy(self.events[event_id])  # KeyError: unknown event
            event["deliveryContext"] = {"isRedelivery": True}
            events.append(event)
        return await self._post(events)

    async def _post(self, events: list[dict]) -> dict:
        body = self.body(events)
        record = {"id": self._next, "url": self.config.webhook_url, "at": int(time.time() * 1000),
                  "webhookEventIds": [e["webhookEventId"] for e in events], "types": [e["type"] for e in events],
                  "isRedelivery": any(e["deliveryContext"]["isRedelivery"] for e in events),
                  "status": None, "error": None, "responseBody": None}
        self._next += 1
        self.log[record["id"]] = record
        while len(self.log) > self.log_size:
            self.log.popitem(last=False)
        if not self.config.webhook_url:
            record["error"] = "No webhook URL is configured"
            return record
        headers = {"Content-Type": "application/json; charset=utf-8", "User-Agent": USER_AGENT,
                   "x-line-signature": signature(self.config.channel_secret, body)}
        try:
            session = await self._client()
            timeout = aiohttp.ClientTimeout(total=self.config.webhook_timeout)
            async with session.post(self.config.webhook_url, data=body, headers=headers, timeout=timeout) as resp:
                record["status"] = resp.status
                record["responseBody"] = (await resp.text(errors="replace"))[:2000]
        except (aiohttp.ClientError, asyncio.TimeoutError, OSError) as error:
            record["error"] = f"{type(error).__name__}: {error}"
        return record

    async def _client(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession()
        return self._session

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None
