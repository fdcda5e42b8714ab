"""Messaging API endpoints, with the paths and bodies of LINE's messaging-api.yml. Route names are the
rate-limit and fault-injection keys ("push", "multicast", ...)."""

from __future__ import annotations

from aiohttp import web

from foryou.dev.lineemu.middleware import EMULATOR, REQUEST_ID, line_error, line_json, read_json
from foryou.dev.lineemu.limits import validate_request


async def _send(request: web.Request, kind: str) -> web.Response:
    emulator = request.app[EMULATOR]
    parsed, error = await read_json(request, with_raw=True)
    if error:
        return error
    body, raw = parsed
    failure = validate_request(kind, body, raw)
    if failure:
        return line_json(400, failure.body())
    outcome = emulator.send(kind, body, request[REQUEST_ID], request.headers.get("X-Line-Retry-Key"), raw=raw)
    if outcome.status == 200:
        lost = emulator.faults.after_accept(kind)
        if lost is not None:  # stored, but the client never learns it: what retry keys are for
            return line_error(lost)
    return line_json(outcome.status, outcome.body, outcome.headers)


async def push(request: web.Request) -> web.Response:
    return await _send(request, "push")


async def multicast(request: web.Request) -> web.Response:
    return await _send(request, "multicast")


async def broadcast(request: web.Request) -> web.Response:
    return await _send(request, "broadcast")


async def reply(request: web.Request) -> web.Response:
    return await _send(request, "reply")


async def validate(request: web.Request) -> web.Response:
    body, error = await read_json(request)
    if error:
        return error
    failure = validate_request("validate", body)
    return line_json(400, failure.body()) if failure else line_json(200, {})


async def profile(request: web.Request) -> web.Response:
    body = request.app[EMULATOR].profile(request.match_info["user_id"])
    return line_json(200, body) if body else line_error(404, "Not found")


async def quota(request: web.Request) -> web.Response:
    return line_json(200, request.app[EMULATOR].quota())


async def consumption(request: web.Request) -> web.Response:
    return line_json(200, {"totalUsage": request.app[EMULATOR].state.usage_this_month()})


async def bot_info(request: web.Request) -> web.Response:
    return line_json(200, request.app[EMULATOR].bot_info())


async def followers(request: web.Request) -> web.Response:
    """Get follower IDs, paged with an opaque `start` token as LINE does."""
    try:
        limit = min(int(request.query.get("limit", 300)), 1000)
        start = int(request.query.get("start", 0))
    except ValueError:
        return line_error(400, "The request parameters are invalid")
    ids = request.app[EMULATOR].state.followers()
    body = {"userIds": ids[start:start + limit]}
    if start + limit < len(ids):
        body["next"] = str(start + limit)
    return line_json(200, body)


def add_routes(app: web.Application) -> None:
    r = app.router
    r.add_post("/v2/bot/message/push", push, name="push")
    r.add_post("/v2/bot/message/multicast", multicast, name="multicast")
    r.add_post("/v2/bot/message/broadcast", broadcast, name="broadcast")
    r.add_post("/v2/bot/message/reply", reply, name="reply")
    for kind in ("push", "multicast", "broadcast", "reply", "narrowcast"):
        r.add_post(f"/v2/bot/message/validate/{kind}", validate, name=f"validate_{kind}")
    r.add_get("/v2/bot/profile/{user_id}", profile, name="profile")
    r.add_get("/v2/bot/message/quota", quota, name="quota")
    r.add_get("/v2/bot/message/quota/consumption", consumption, name="quota_consumption")
    r.add_get("/v2/bot/info", bot_info, name="bot_info")
    r.add_get("/v2/bot/followers/ids", followers, name="followers")
