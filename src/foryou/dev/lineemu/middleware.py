"""What every LINE API response shares: an x-line-request-id header, LINE's JSON error body, Bearer
authentication, per-endpoint rate limits and injected faults — one middleware, in that order."""

from __future__ import annotations

import asyncio
import json
import re
import uuid

from aiohttp import web

from foryou.dev.lineemu.emulator import Emulator
from foryou.dev.lineemu.faults import STATUS_MESSAGES

EMULATOR = web.AppKey("emulator", Emulator)
REQUEST_ID = web.RequestKey("request_id", str)
UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
RETRY_ENDPOINTS = frozenset({"push", "multicast", "broadcast", "narrowcast"})
NO_AUTH_HEADER = "Authorization header required. Must follow the scheme, 'Authorization: Bearer <ACCESS TOKEN>'"
BAD_TOKEN = "Authentication failed. Confirm that the access token in the authorization header is valid."
TOO_MANY = "Too many requests"


def line_json(status: int, body: dict, headers: dict | None = None) -> web.Response:
    return web.Response(status=status, body=json.dumps(body, ensure_ascii=False).encode("utf-8"),
                        content_type="application/json", charset="utf-8", headers=headers)


def line_error(status: int, message: str | None = None) -> web.Response:
    return line_json(status, {"message": message or STATUS_MESSAGES.get(status, "Error")})


async def read_json(request: web.Request, with_raw: bool = False):
    """The body as JSON (and its bytes if asked), or a LINE-style 400/415 response to return instead."""
    if request.content_type != "application/json":
        return None, line_error(415, f"The content type, '{request.content_type}', is not supported")
    raw = await request.read()
    try:
        body = json.loads(raw)
        return ((body, raw) if with_raw else body), None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        line, column = getattr(error, "lineno", "-"), getattr(error, "colno", "-")
        return None, line_error(400, f"The request body could not be parsed as JSON (line: {line}, column: {column})")


def _is_line_api(path: str) -> bool:
    return path.startswith(("/v2/", "/oauth2/"))


@web.middleware
async def line_api_middleware(request: web.Request, handler):
    path = request.path
    if not _is_line_api(path):
        return await emulator_cors(request, handler)
    request_id = request[REQUEST_ID] = str(uuid.uuid4())  # also stored with accepted messages
    try:
        response = await _process(request, handler)
    except web.HTTPException as error:  # unknown path, wrong method, body over 2 MB
        response = line_error(error.status, "Not found" if error.status == 404 else error.reason)
    response.headers["x-line-request-id"] = request_id
    return response


async def _process(request: web.Request, handler):
    emulator = request.app[EMULATOR]
    endpoint = request.match_info.route.name or "default"
    faults = emulator.faults
    if faults.active:
        delay = faults.delay_seconds()
        if delay:
            await asyncio.sleep(delay)
        status = faults.before(endpoint)
        if status is not None:
            return line_error(status)
    if request.path.startswith("/v2/bot/"):
        authorization = request.headers.get("Authorization")
        if not authorization or not authorization.startswith("Bearer "):
            return line_error(401, NO_AUTH_HEADER)
        if not emulator.token_is_valid(authorization[7:].strip()):
            return line_error(401, BAD_TOKEN)
        retry_key = request.headers.get("X-Line-Retry-Key")
        if retry_key is not None and (endpoint not in RETRY_ENDPOINTS or not UUID.match(retry_key)):
            return line_error(400, "The retry key is invalid or the API does not support X-Line-Retry-Key")
        if not emulator.limiter.allow(endpoint):
            emulator.rate_limited += 1  # tests assert that senders stay under the limit
            return line_error(429, TOO_MANY)
    return await handler(request)


async def emulator_cors(request: web.Request, handler):
    """The LIFF shim runs inside gateway pages (another origin) and calls the emulator's own API."""
    if not request.path.startswith("/emulator/"):
        return await handler(request)
    if request.method == "OPTIONS":
        response = web.Response(status=204)
    else:
        response = await handler(request)
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Access-Control-Allow-Methods"] = "GET, POST, DELETE, OPTIONS"
    response.headers["Access-Control-Allow-Headers"] = "Content-Type"
    return response
