"""The identity provider in a background thread on its own event loop (demo and tests)."""

from __future__ import annotations

import asyncio
import threading

from aiohttp import web

from foryou.dev.cardidp.app import build_app
from foryou.dev.cardidp.cards import TestCard
from foryou.dev.cardidp.provider import Client, Provider


class IdpThread:
    def __init__(self, clients: list[Client] = (), cards: list[TestCard] = (), *, host: str = "127.0.0.1",
                 port: int = 0):
        self.provider = Provider(clients, cards)
        self.host, self.port = host, port
        self._loop: asyncio.AbstractEventLoop | None = None
        self._ready = threading.Event()
        self._error: BaseException | None = None

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def issuer(self) -> str:
        return self.provider.issuer

    def start(self) -> "IdpThread":
        self._thread = threading.Thread(target=self._run, name="cardidp", daemon=True)
        self._thread.start()
        self._ready.wait(timeout=30)
        if self._error:
            raise RuntimeError("The local identity provider did not start") from self._error
        return self

    def _run(self) -> None:
        self._loop = asyncio.new_event_loop()
        asyncio.set_event_loop(self._loop)
        try:
            runner = web.AppRunner(build_app(self.provider), access_log=None, shutdown_timeout=0.5)
            self._loop.run_until_complete(runner.setup())
            self._loop.run_until_complete(web.TCPSite(runner, self.host, self.port).start())
            self.port = runner.addresses[0][1]
            self.provider.base_url = self.base_url
        except BaseException as error:  # reported to start()
            self._error = error
            self._ready.set()
            return
        self._ready.set()
        self._loop.run_forever()
        self._loop.run_until_complete(runner.cleanup())
        self._loop.close()

    def stop(self) -> None:
        if self._loop and self._thread.is_alive():
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(timeout=10)

    def __enter__(self) -> "IdpThread":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
