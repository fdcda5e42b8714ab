"""The aiohttp application: LINE's API surface, the emulator API and the phone simulator on one port."""

from __future__ import annotations

import asyncio
import contextlib
import logging

from aiohttp import web

from foryou.dev.lineemu import routes_admin, routes_login, routes_messaging, routes_richmenu, schema
from foryou.dev.lineemu.emulator import Emulator
from foryou.dev.lineemu.middleware import EMULATOR, line_api_middleware
from foryou.dev.lineemu.limits import REQUEST_SCHEMAS

log = logging.getLogger(__name__)


def build_app(emulator: Emulator | None = None) -> web.Application:
    emulator = emulator or Emulator()
    # The request schemas compile once per process, before the first request rather than during it.
    schema.precompile(*REQUEST_SCHEMAS.values(), "RichMenuRequest")
    app = web.Application(client_max_size=emulator.config.max_request_bytes, middlewares=[line_api_middleware])
    app[EMULATOR] = emulator
    routes_messaging.add_routes(app)
    routes_richmenu.add_routes(app)
    routes_login.add_routes(app)
    routes_admin.add_routes(app)
    if emulator.config.state_file:
        app.cleanup_ctx.append(_persistence)
    app.on_cleanup.append(_close_webhooks)
    return app


async def _close_webhooks(app: web.Application) -> None:
    await app[EMULATOR].webhooks.close()


async def _persistence(app: web.Application):
    """Load users and messages at start, save them every two seconds when changed and at stop."""
    emulator = app[EMULATOR]
    path = emulator.config.state_file
    with contextlib.suppress(FileNotFoundError):
        emulator.state.load(path)

    async def saver():
        while True:
            await asyncio.sleep(2)
            try:
                emulator.state.save_if_dirty(path)
            except OSError as error:
                log.warning("lineemu: cannot save state to %s: %s", path, error)

    task = asyncio.create_task(saver())
    yield
    task.cancel()
    emulator.state.save(path)
