"""Emulator-only API under /emulator/ (no LINE counterpart, no authentication: it listens on loopback
for tests, the simulator and demos): test users and their actions, stored messages, a live event
stream, the webhook log, faults, settings, and the phone simulator's page and scripts."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

from aiohttp import web

from foryou.dev.lineemu.config import parse_rate
from foryou.dev.lineemu.faults import changes_from_json
from foryou.dev.lineemu.middleware import EMULATOR, line_json, read_json

STATIC_DIR = Path(__file__).resolve().parent / "static"
# The Flex renderer is shared with the console's notice previews, which must not depend on this emulator.
FLEX_JS = Path(__file__).resolve().parents[2] / "shared" / "static" / "shared" / "flex.js"


def _user_or_404(request: web.Request):
    user = request.app[EMULATOR].state.get_user(request.match_info["user_id"])
    if user is None:
        raise web.HTTPNotFound(text=json.dumps({"message": "Unknown user"}), content_type="application/json")
    return user


async def info(request: web.Request) -> web.Response:
    emulator = request.app[EMULATOR]
    return line_json(200, {**emulator.config.public(), "users": len(emulator.state.users),
                           "usageThisMonth": emulator.state.usage_this_month(), "quota": emulator.quota()})


async def list_users(request: web.Request) -> web.Response:
    users = request.app[EMULATOR].state.users.values()
    return line_json(200, {"users": [u.as_dict() for u in list(users)]})


async def create_user(request: web.Request) -> web.Response:
    body, error = await read_json(request)
    if error:
        return error
    body = body if isinstance(body, dict) else {}
    try:
        user = request.app[EMULATOR].create_user(
            display_name=body.get("displayName") or "テスト 太郎", user_id=body.get("userId"),
            status=body.get("status", "not_friend"), picture_url=body.get("pictureUrl"),
            status_message=body.get("statusMessage"), language=body.get("language", "ja") or None)
    except ValueError as problem:
        return line_json(400, {"message": str(problem)})
    return line_json(201, user.as_dict())


async def get_user(request: web.Request) -> web.Response:
    return line_json(200, _user_or_404(request).as_dict())


async def messages(request: web.Request) -> web.Response:
    user = _user_or_404(request)
    after = int(request.query.get("after", 0))
    entries = request.app[EMULATOR].state.messages_for(user.user_id, after, request.query.get("direction"))
    return line_json(200, {"messages": entries})


async def events(request: web.Request) -> web.StreamResponse:
    """Server-sent events: one `message` event per new stored message, and `user` on a status change."""
    user = _user_or_404(request)
    state = request.app[EMULATOR].state
    after = int(request.query.get("after", request.headers.get("Last-Event-ID", 0)) or 0)
    loop = asyncio.get_running_loop()
    wake = asyncio.Event()

    def listener(user_id: str) -> None:
        if user_id == user.user_id:
            loop.call_soon_threadsafe(wake.set)  # state may change on a test's thread

    response = web.StreamResponse(headers={"Content-Type": "text/event-stream", "Cache-Control": "no-cache"})
    await response.prepare(request)
    state.listeners.append(listener)
    status = menu_version = None
    try:
        while True:
            for entry in state.messages_for(user.user_id, after):
                after = entry["seq"]
                await response.write(_sse("message", entry, entry["seq"]))
            if user.status != status:
                status = user.status
                await response.write(_sse("user", user.as_dict()))
            if state.rich_menus.version != menu_version:
                menu_version = state.rich_menus.version
                await response.write(_sse("richmenu", _shown_menu(state)))
            wake.clear()
            try:
                await asyncio.wait_for(wake.wait(), timeout=15)
            except asyncio.TimeoutError:
                await response.write(b": keep-alive\n\n")
    except (ConnectionResetError, asyncio.CancelledError):
        pass
    finally:
        state.listeners.remove(listener)
    return response


def _shown_menu(state) -> dict:
    """The default rich menu as the simulator draws it (its image at an emulator URL), or {} if none."""
    menu = state.rich_menus.default_menu()
    if not menu:
        return {}
    return {**menu, "imageUrl": f"/emulator/richmenu/{menu['richMenuId']}/image"}


async def rich_menu(request: web.Request) -> web.Response:
    return line_json(200, _shown_menu(request.app[EMULATOR].state))


async def rich_menu_image(request: web.Request) -> web.Response:
    image = request.app[EMULATOR].state.rich_menus.images.get(request.match_info["rich_menu_id"])
    if image is None:
        return line_json(404, {"message": "No image"})
    return web.Response(body=image[1], content_type=image[0])


def _sse(kind: str, data: dict, event_id: int | None = None) -> bytes:
    head = f"id: {event_id}\n" if event_id is not None else ""
    return f"{head}event: {kind}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n".encode("utf-8")


async def follow(request: web.Request) -> web.Response:
    record = await request.app[EMULATOR].follow(_user_or_404(request).user_id)
    return line_json(200, {"webhook": record})


async def block(request: web.Request) -> web.Response:
    record = await request.app[EMULATOR].block(_user_or_404(request).user_id)
    return line_json(200, {"webhook": record})


async def say(request: web.Request) -> web.Response:
    user = _user_or_404(request)
    body, error = await read_json(request)
    if error:
        return error
    text = body.get("text") if isinstance(body, dict) else None
    if not isinstance(text, str) or not text:
        return line_json(400, {"message": "text is required"})
    try:
        record = await request.app[EMULATOR].say(user.user_id, text)
    except PermissionError as problem:
        return line_json(403, {"message": str(problem)})
    return line_json(200, {"webhook": record})


async def postback(request: web.Request) -> web.Response:
    user = _user_or_404(request)
    body, error = await read_json(request)
    if error:
        return error
    if not isinstance(body, dict) or not isinstance(body.get("data"), str):
        return line_json(400, {"message": "data is required"})
    record = await request.app[EMULATOR].postback(user.user_id, body["data"], body.get("displayText"),
                                                  body.get("params"))
    return line_json(200, {"webhook": record})


async def webhook_log(request: web.Request) -> web.Response:
    return line_json(200, {"deliveries": list(request.app[EMULATOR].webhooks.log.values())})


async def redeliver(request: web.Request) -> web.Response:
    body, error = await read_json(request)
    if error:
        return error
    try:
        record = await request.app[EMULATOR].redeliver(list(body["webhookEventIds"]))
    except (KeyError, TypeError):
        return line_json(404, {"message": "Unknown webhookEventId"})
    return line_json(200, {"webhook": record})


async def faults(request: web.Request) -> web.Response:
    emulator = request.app[EMULATOR]
    if request.method == "DELETE":
        emulator.faults.clear()
    elif request.method == "POST":
        body, error = await read_json(request)
        if error:
            return error
        try:
            emulator.faults.update(**changes_from_json(body))
        except (TypeError, KeyError, ValueError) as problem:
            return line_json(400, {"message": str(problem)})
    return line_json(200, emulator.faults.as_dict())


async def settings(request: web.Request) -> web.Response:
    """Change limits and the webhook URL while running: {"monthlyLimit", "rateLimits", "webhookUrl"}."""
    emulator = request.app[EMULATOR]
    config = emulator.config
    if request.method == "POST":
        body, error = await read_json(request)
        if error:
            return error
        try:
            if "monthlyLimit" in body:
                config.monthly_limit = None if body["monthlyLimit"] is None else int(body["monthlyLimit"])
            if "webhookUrl" in body:
                config.webhook_url = body["webhookUrl"] or None
            if "rateLimits" in body:
                limits = {name: parse_rate(str(rate)) for name, rate in body["rateLimits"].items()}
                config.rate_limits.update(limits)
                emulator.limiter.configure(limits)
        except (TypeError, ValueError, AttributeError) as problem:
            return line_json(400, {"message": str(problem)})
    return line_json(200, {"monthlyLimit": config.monthly_limit, "webhookUrl": config.webhook_url,
                           "rateLimits": {k: f"{v[0]:g}/{v[1]:g}s" for k, v in config.rate_limits.items()}})


async def reset(request: web.Request) -> web.Response:
    request.app[EMULATOR].reset()
    return line_json(200, {})


async def simulator(request: web.Request) -> web.Response:
    """The phone simulator; its settings are inlined so the page needs no extra round trip."""
    config = request.app[EMULATOR].config.public()
    html = (STATIC_DIR / "simulator.html").read_text(encoding="utf-8")
    html = html.replace("__LINEEMU_CONFIG__", json.dumps(config, ensure_ascii=False).replace("</", "<\\/"))
    return web.Response(text=html, content_type="text/html", charset="utf-8")


async def liff_sdk(request: web.Request) -> web.Response:
    """The LIFF shim gateway pages include instead of LINE's SDK in demo mode."""
    emulator = request.app[EMULATOR]
    script = (STATIC_DIR / "liff-sdk.js").read_text(encoding="utf-8")
    settings_json = json.dumps({"loginChannelId": emulator.config.login_channel_id,
                                "userId": request.cookies.get("lineemu_user")})
    script = script.replace("__LINEEMU_LIFF__", settings_json)
    return web.Response(text=script, content_type="application/javascript", charset="utf-8",
                        headers={"Cache-Control": "no-store"})


async def root(request: web.Request) -> web.Response:
    raise web.HTTPFound("/simulator")


async def flex_js(request: web.Request) -> web.FileResponse:
    return web.FileResponse(FLEX_JS, headers={"Content-Type": "text/javascript; charset=utf-8"})


def add_routes(app: web.Application) -> None:
    r = app.router
    r.add_get("/", root)
    r.add_get("/simulator", simulator)
    r.add_get("/emulator/liff-sdk.js", liff_sdk)
    r.add_get("/emulator/static/flex.js", flex_js)
    r.add_static("/emulator/static/", STATIC_DIR)
    r.add_get("/emulator", info)
    r.add_get("/emulator/users", list_users)
    r.add_post("/emulator/users", create_user)
    r.add_get("/emulator/users/{user_id}", get_user)
    r.add_get("/emulator/users/{user_id}/messages", messages)
    r.add_post("/emulator/users/{user_id}/messages", say)
    r.add_get("/emulator/users/{user_id}/events", events)
    r.add_post("/emulator/users/{user_id}/follow", follow)
    r.add_post("/emulator/users/{user_id}/block", block)
    r.add_post("/emulator/users/{user_id}/postback", postback)
    r.add_get("/emulator/richmenu", rich_menu)
    r.add_get("/emulator/richmenu/{rich_menu_id}/image", rich_menu_image)
    r.add_get("/emulator/webhooks", webhook_log)
    r.add_post("/emulator/webhooks/redeliver", redeliver)
    r.add_route("*", "/emulator/faults", faults)
    r.add_route("*", "/emulator/settings", settings)
    r.add_post("/emulator/reset", reset)

