"""The LINE channel: push (one recipient) or multicast (up to 500) through the official SDK's async
client, exactly once thanks to the caller's X-Line-Retry-Key, with every LINE answer mapped to a
per-recipient Result (see foryou.gateway.delivery.channel.Outcome):

    200 → ACCEPTED; 409 → ACCEPTED ("duplicate", x-line-accepted-request-id)
    429 "monthly limit" → MONTHLY_LIMIT (the channel halts: fall back to email); other 429 → DEFERRED
    400 "Failed to send messages" → PERMANENT "unreachable"; a bad recipient of a multicast → that one
        PERMANENT, the others RESEND; any other 400 → PERMANENT "invalid_request" with LINE's details
    401 → the next access token once, then CHANNEL_DOWN; 403 → CHANNEL_DOWN (the channel halts)
    5xx, timeouts, connection errors → DEFERRED with exponential backoff and jitter, within 24 h

    async with LineChannel.from_settings() as channel:
        results = await channel.asend(batch)           # or await channel.asend_all(batches)
    LineChannel.from_settings().send(batch)            # synchronous, opens and closes its own client
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import ssl
import urllib.request
import uuid
from urllib.parse import urlsplit

import aiohttp
from linebot.v3.messaging import (AsyncApiClient, AsyncMessagingApi, Configuration, MulticastRequest,
                                  PushMessageRequest)
from linebot.v3.messaging.async_rest import RESTResponse
from linebot.v3.messaging.exceptions import ApiException

from foryou.shared.delivery import Reason
from foryou.gateway.line import config
from foryou.gateway.line.limiter import RateLimiter, TokenBucket
from foryou.gateway.delivery.channel import Backoff, Outcome, Result, SameResults, Send

log = logging.getLogger(__name__)

FAILED_TO_SEND = "failed to send messages"
MONTHLY_LIMIT = "monthly limit"
_RECIPIENT = re.compile(r"(?:^|[^\w.])to(?:\[(\d+)\])?(?![\w\[])")


class LineChannel:
    def __init__(self, tokens: list[str], *, api_base: str = config.DEFAULT_API_BASE,
                 limiter: RateLimiter | None = None, timeout: float = config.DEFAULT_TIMEOUT,
                 backoff: Backoff | None = None, connections: int | None = None,
                 in_flight: int = config.DEFAULT_IN_FLIGHT):
        if not tokens:
            raise ValueError("LineChannel needs at least one channel access token")
        self.tokens = list(tokens)
        self.token_index = 0  # the current token; advances on 401 (rotation)
        self.api_base = api_base.rstrip("/")
        self.limiter = limiter or TokenBucket(config.DEFAULT_RATE_LIMITS)
        self.timeout = timeout
        self.backoff = backoff or Backoff()
        self.in_flight = max(1, in_flight)  # requests kept in flight by asend_all
        self.connections = connections or max(64, self.in_flight)
        self.halted: tuple[Outcome, str, str] | None = None  # set by a monthly limit, 401 or 403
        self._client: AsyncApiClient | None = None
        self._api: AsyncMessagingApi | None = None
        self._bodies: dict[int, tuple[tuple, _MulticastBodies]] = {}  # id(messages) → their multicast bodies

    @classmethod
    def from_settings(cls, **overrides) -> "LineChannel":
        options = {"api_base": config.api_base(), "limiter": TokenBucket(config.rate_limits()),
                   "timeout": config.request_timeout(), "in_flight": config.in_flight(), **overrides}
        return cls(config.access_tokens(), **options)

    # Client lifecycle -----------------------------------------------------------------------------

    async def __aenter__(self) -> "LineChannel":
        await self._open()
        return self

    async def __aexit__(self, *exc) -> None:
        await self.aclose()

    async def _open(self) -> AsyncMessagingApi:
        if self._api is None:
            configuration = Configuration(host=self.api_base, access_token=self.tokens[0])
            configuration.proxy = _env_proxy(self.api_base)
            client = _ApiClient(configuration)
            # The SDK's session trusts the environment, which costs two thread-pool round trips per
            # request (a ~/.netrc read and a proxy lookup): at 1,000 requests/s that is the bottleneck.
            # The proxy is resolved once above instead; the session is otherwise the same.
            sdk_session = client.rest_client.pool_manager
            client.rest_client.pool_manager = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=self.connections, ssl=ssl.create_default_context()))
            # Published before the first await, so concurrent first sends share this one client.
            self._client, self._api = client, AsyncMessagingApi(client)
            await sdk_session.close()
        return self._api

    async def aclose(self) -> None:
        if self._client is not None:
            await self._client.close()
        self._client = self._api = None

    def resume(self) -> None:
        """Staff fixed the cause of a halt (new token, next month, upgraded plan)."""
        self.halted = None

    # Synchronous interface ------------------------------------------------------------------------

    def send(self, batch: Send) -> list[Result]:
        return self.send_all([batch])[0]

    def send_all(self, batches: list[Send], concurrency: int | None = None) -> list[list[Result]]:
        """For code outside an event loop (tasks, commands); opens and closes its own client."""
        if self._api is not None:
            raise RuntimeError("This LineChannel is open in an event loop: use asend/asend_all there")

        async def run():
            async with self:
                return await self.asend_all(batches, concurrency)
        return asyncio.run(run())

    # Sending --------------------------------------------------------------------------------------

    async def asend_all(self, batches: list[Send], concurrency: int | None = None,
                        limiter: RateLimiter | None = None) -> list[list[Result]]:
        """Send many with at most `concurrency` (the channel's `in_flight`) requests in flight, each of
        them waiting for LINE's answer, so a worker sends at most in_flight per round trip; results in
        the order given.
        `limiter` replaces the channel's own for these sends (a lot booked in a shared limiter)."""
        results: list[list[Result]] = [[] for _ in batches]
        pending = iter(range(len(batches)))

        async def worker() -> None:
            for i in pending:
                results[i] = await self.asend(batches[i], limiter)
        lanes = concurrency or self.in_flight
        await asyncio.gather(*(worker() for _ in range(max(1, min(lanes, len(batches))))))
        return results

    async def asend(self, batch: Send, limiter: RateLimiter | None = None) -> list[Result]:
        batch = batch.started()
        if self.halted:
            return self._all(batch, *self.halted)
        try:
            request = self._request(batch)
        except ValueError as error:  # the SDK's models refused the body before sending
            return self._all(batch, Outcome.PERMANENT, Reason.INVALID_REQUEST, str(error))
        delay = (limiter or self.limiter).reserve(batch.endpoint)
        if delay > 0:
            await asyncio.sleep(delay)
        rotated = False
        while True:
            index = self.token_index
            try:
                response = await self._call(batch, request, self.tokens[index])
            except ApiException as error:
                if error.status == 401 and not rotated and (index + 1 < len(self.tokens) or index != self.token_index):
                    rotated = True
                    if self.token_index == index:  # not already rotated by a concurrent send
                        self.token_index = index + 1
                        log.warning("LINE answered 401: switching to access token #%d", self.token_index + 1)
                    continue
                return self._failure(batch, error)
            except (aiohttp.ClientError, asyncio.TimeoutError, OSError) as error:
                return self._temporary(batch, Reason.NETWORK, f"{type(error).__name__}: {error}".strip(), None)
            request_id = response.headers.get("x-line-request-id", "")
            return self._all(batch, Outcome.ACCEPTED, Reason.ACCEPTED, "", request_id=request_id, status=200)

    def _request(self, batch: Send):
        messages = list(batch.messages)
        if batch.endpoint == "multicast" and all(type(user_id) is str for user_id in batch.user_ids):
            return self._multicast_body(batch.messages).body(batch.user_ids)
        if batch.endpoint == "push":
            if batch.checked and batch.messages_json:
                body = _PreparedJSON(f'{{"to": {json.dumps(batch.user_ids[0])}, "messages": {batch.messages_json}}}')
                return _CheckedPush.construct(body=body, to=batch.user_ids[0])
            body = {"to": batch.user_ids[0], "messages": messages}
            return _CheckedPush.construct(body=body, to=body["to"]) if batch.checked else PushMessageRequest.from_dict(body)
        return MulticastRequest.from_dict({"to": list(batch.user_ids), "messages": messages})

    def _multicast_body(self, messages: tuple[dict, ...]) -> "_MulticastBodies":
        """The multicast bodies of these messages, prepared (validated and encoded) once per messages
        tuple: a lot's multicasts share theirs, and a retried Send keeps its own (decision 0091)."""
        cached = self._bodies.get(id(messages))
        if cached is not None and cached[0] is messages:  # the tuple is held here: its id is not reused
            return cached[1]
        bodies = _MulticastBodies(messages)  # the SDK's ValueError if its models refuse them
        if len(self._bodies) >= 64:
            self._bodies.clear()
        self._bodies[id(messages)] = (messages, bodies)
        return bodies

    async def _call(self, batch: Send, request, token: str):
        api = await self._open()
        options = {"x_line_retry_key": batch.retry_key, "_request_timeout": aiohttp.ClientTimeout(total=self.timeout),
                   "_request_auth": {"in": "header", "type": "bearer", "key": "Authorization",
                                     "value": f"Bearer {token}"}}
        if isinstance(request, _CheckedPush):  # checked already: the SDK's function without its validation
            return await AsyncMessagingApi.push_message_with_http_info.raw_function(api, request, **options)
        if isinstance(request, _PreparedJSON):  # a multicast's body, encoded as the SDK would
            return await AsyncMessagingApi.multicast_with_http_info.raw_function(api, request, **options)
        if batch.endpoint == "push":
            return await api.push_message_with_http_info(request, **options)
        return await api.multicast_with_http_info(request, **options)

    # Mapping LINE's answers -----------------------------------------------------------------------

    def _failure(self, batch: Send, error: ApiException) -> list[Result]:
        status = error.status or 0
        headers = error.headers or {}
        request_id = headers.get("x-line-request-id", "")
        message, details = _error_body(error.body)
        detail = _describe(message, details)
        if status == 409:
            accepted = headers.get("x-line-accepted-request-id", "") or request_id
            return self._all(batch, Outcome.ACCEPTED, Reason.DUPLICATE, detail, request_id=accepted, status=409)
        if status == 429 and MONTHLY_LIMIT in message.lower():
            return self._halt(batch, Outcome.MONTHLY_LIMIT, Reason.MONTHLY_LIMIT, detail, request_id, status)
        if status == 429:
            retry_after = _retry_after(headers)
            return self._temporary(batch, Reason.RATE_LIMITED, detail, status, request_id, retry_after)
        if status == 400:
            return self._bad_request(batch, message, details, detail, request_id)
        if status == 401:
            return self._halt(batch, Outcome.CHANNEL_DOWN, Reason.UNAUTHORIZED, detail, request_id, status)
        if status == 403:
            return self._halt(batch, Outcome.CHANNEL_DOWN, Reason.FORBIDDEN, detail, request_id, status)
        if status >= 500:
            return self._temporary(batch, Reason.SERVER_ERROR, detail, status, request_id)
        return self._all(batch, Outcome.PERMANENT, f"http_{status}", detail, request_id=request_id, status=status)

    def _bad_request(self, batch: Send, message: str, details: list, detail: str, request_id: str) -> list[Result]:
        common = {"request_id": request_id, "status": 400}
        if FAILED_TO_SEND in message.lower():
            return self._all(batch, Outcome.PERMANENT, Reason.UNREACHABLE, detail, **common)
        named = [message] + [str(d.get("property", "")) for d in details if isinstance(d, dict)]
        indexes = {int(m[1]) if m[1] is not None else -1 for text in named for m in _RECIPIENT.finditer(text)}
        if indexes and batch.endpoint == "push":
            return self._all(batch, Outcome.PERMANENT, Reason.INVALID_RECIPIENT, detail, **common)
        if indexes and -1 not in indexes:
            return [Result(user_id, Outcome.PERMANENT, Reason.INVALID_RECIPIENT, detail, **common) if i in indexes
                    else Result(user_id, Outcome.RESEND, Reason.OTHER_RECIPIENT_INVALID, detail, **common)
                    for i, user_id in enumerate(batch.user_ids)]
        return self._all(batch, Outcome.PERMANENT, Reason.INVALID_REQUEST, detail, **common)

    def _temporary(self, batch: Send, code: str, detail: str, status: int | None, request_id: str = "",
                   retry_after: float | None = None) -> list[Result]:
        delay = retry_after if retry_after is not None else self.backoff.delay(batch.attempt)
        if not Backoff.fits(batch, delay):
            return self._all(batch, Outcome.PERMANENT, Reason.RETRY_WINDOW_OVER,
                             f"{code}: {detail}; no retry fits in the retry key's 24 hours",
                             request_id=request_id, status=status)
        return self._all(batch, Outcome.DEFERRED, code, detail, request_id=request_id, retry_after=delay,
                         status=status)

    def _halt(self, batch: Send, outcome: Outcome, code: str, detail: str, request_id: str,
              status: int) -> list[Result]:
        if self.halted is None:
            log.error("LINE channel halted (%s): %s", code, detail)
            self.halted = (outcome, code, f"channel halted: {detail}")
        return self._all(batch, outcome, code, detail, request_id=request_id, status=status)

    @staticmethod
    def _all(batch: Send, outcome: Outcome, code: str, detail: str, **extra) -> SameResults:
        return SameResults(batch.user_ids, Result("", outcome, code, detail, **extra))


class _PreparedJSON(str):
    """A request body that is JSON text already (a tracked push made from its lot's template)."""


class _MulticastBodies:
    """Multicast bodies for one tuple of messages, as the SDK would send them (decision 0091). The SDK
    makes a MulticastRequest (pydantic validating each of up to 500 user ids and every field of the
    messages), walks it back into plain JSON and encodes it: the same work for every batch of a lot, and
    more CPU than the request itself. Here the SDK's models validate the messages once (with one probe
    recipient), the SDK's serializer makes them plain once, and that JSON text is cut where the
    recipients go; a body is the pieces joined with the batch's user ids (json.dumps of a list of
    strings: what the SDK's own encoding makes of them). Each recipient is still a string: the caller
    checks that, as the SDK's StrictStr would."""

    PROBE = "U" + "0" * 32

    def __init__(self, messages: tuple[dict, ...]):
        request = MulticastRequest.from_dict({"to": [self.PROBE], "messages": list(messages)})
        plain = _SERIALIZER.sanitize_for_serialization(request)
        mark = f"recipients-{uuid.uuid4().hex}"
        plain["to"] = mark
        pieces = json.dumps(plain).split(json.dumps(mark))
        if len(pieces) != 2:
            raise RuntimeError("The multicast body's recipients could not be placed")
        self.head, self.tail = pieces

    def body(self, user_ids: tuple[str, ...]) -> "_PreparedJSON":
        return _PreparedJSON(self.head + json.dumps(user_ids) + self.tail)


class _CheckedPush(PushMessageRequest):
    """A push whose body was checked already (Send.checked): built without validation, and handed to
    the SDK's serializer as the plain JSON (or JSON text) it is."""

    def to_dict(self) -> dict | _PreparedJSON:
        return self.__dict__["body"]


class _ApiClient(AsyncApiClient):
    """The SDK's client, except for three steps that cost a push more CPU than sending it (decisions
    0073, 0087): a checked push's body (plain JSON already) is not walked again to make it plain; a body
    that is JSON text is sent as it is rather than encoded again; and a push's answer (the ids of the
    sent messages, which nothing here reads) is not parsed into the SDK's models. Statuses, headers and
    errors (ApiException) are the SDK's own."""

    def sanitize_for_serialization(self, obj):
        if isinstance(obj, _CheckedPush):
            return obj.to_dict()
        return super().sanitize_for_serialization(obj)

    def request(self, method, url, query_params=None, headers=None, post_params=None, body=None,
                _preload_content=True, _request_timeout=None):
        if isinstance(body, _PreparedJSON) and method == "POST":
            return self._post_prepared(url, headers or {}, body, _request_timeout)
        return super().request(method, url, query_params=query_params, headers=headers, post_params=post_params,
                               body=body, _preload_content=_preload_content, _request_timeout=_request_timeout)

    async def _post_prepared(self, url, headers, body: _PreparedJSON, timeout):
        """What the SDK's REST client does for a JSON POST (async_rest.RESTClientObject.request), minus
        json.dumps of a body that is JSON already."""
        rest = self.rest_client
        args = {"method": "POST", "url": url, "timeout": timeout or 5 * 60,
                "headers": {**headers, "Content-Type": headers.get("Content-Type") or "application/json"},
                "data": str(body)}
        if rest.proxy:
            args["proxy"] = rest.proxy
        if rest.proxy_headers:
            args["proxy_headers"] = rest.proxy_headers
        response = await rest.pool_manager.request(**args)
        response = RESTResponse(response, await response.read())
        if not 200 <= response.status <= 299:
            raise ApiException(http_resp=response)
        return response

    def deserialize(self, response, response_type):
        if response_type == "PushMessageResponse":
            return None  # nothing reads it (the request id is in the headers)
        return super().deserialize(response, response_type)


# The SDK's serializer (AsyncApiClient.sanitize_for_serialization reads nothing of the client but the
# class's PRIMITIVE_TYPES): a client proper needs an event loop and opens a connection pool.
_SERIALIZER = object.__new__(_ApiClient)


def _error_body(body) -> tuple[str, list]:
    """LINE's {"message": ..., "details": [{"message", "property"}]}, or the raw text."""
    text = body.decode("utf-8", "replace") if isinstance(body, bytes) else (body or "")
    try:
        parsed = json.loads(text)
    except ValueError:
        return text[:500], []
    if not isinstance(parsed, dict):
        return text[:500], []
    details = parsed.get("details")
    return str(parsed.get("message", "")), details if isinstance(details, list) else []


def _describe(message: str, details: list) -> str:
    parts = [f"{d.get('property', '')}: {d.get('message', '')}" for d in details if isinstance(d, dict)]
    return message + (" (" + "; ".join(parts) + ")" if parts else "")


def _env_proxy(url: str) -> str | None:
    """HTTPS_PROXY / HTTP_PROXY for LINE's host unless NO_PROXY exempts it (municipal networks)."""
    parts = urlsplit(url)
    if not parts.hostname or urllib.request.proxy_bypass(parts.hostname):
        return None
    return urllib.request.getproxies().get(parts.scheme) or None


def _retry_after(headers) -> float | None:
    try:
        value = float(headers.get("retry-after", ""))
    except (TypeError, ValueError):
        return None
    return value if value >= 0 else None
