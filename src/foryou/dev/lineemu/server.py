"""Running the emulator: in the foreground (CLI) or in a background thread on a free port (tests)."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import gc
import threading
from typing import Any

from aiohttp import web

from foryou.dev.lineemu.app import build_app
from foryou.dev.lineemu.config import EmulatorConfig
from foryou.dev.lineemu.emulator import Emulator
from foryou.dev.lineemu.faults import Faults
from foryou.dev.lineemu.state import FOLLOWING, User


def serve(emulator: Emulator, host: str = "127.0.0.1", port: int = 8081, print_fn=print) -> None:
    """Serve until interrupted."""
    app = build_app(emulator)
    gc.freeze()  # the compiled schemas and modules stay: full collections need not walk them
    base = f"http://{host}:{port}"
    print_fn(f"LINE emulator on {base} (Messaging API base URL), phone simulator at {base}/simulator")
    web.run_app(app, host=host, port=port, print=None, access_log=None, handle_signals=True, shutdown_timeout=1.0)


class EmulatorThread:
    """The emulator on its own event loop in a daemon thread, for tests and benchmarks.

        with EmulatorThread(monthly_limit=10) as line:
            user = line.create_user("千葉 花子")
            Configuration(host=line.base_url, access_token=line.access_token)
    """

    def __init__(self, config: EmulatorConfig | None = None, *, host: str = "127.0.0.1", port: int = 0,
                 faults: Faults | None = None, **config_overrides: Any):
        config = config or EmulatorConfig()
        for name, value in config_overrides.items():
            if not hasattr(config, name):
                raise TypeError(f"Unknown emulator setting: {name}")
            if name == "rate_limits":  # override some endpoints, keep LINE's limits for the rest
                value = {**config.rate_limits, **value}
            setattr(config, name, value)
        self.emulator = Emulator(config, faults=faults)
        self.host, self.port = host, port
        self._loop: asyncio.AbstractEventLoop | None = None
        self._runner: web.AppRunner | None = None
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()
        self._error: BaseException | None = None

    # Lifecycle ------------------------------------------------------------------------------------

    def start(self) -> "EmulatorThread":
        self._thread = threading.Thread(target=self._run, name="lineemu", daemon=True)
        self._thread.start()
        self._ready.wait(timeout=30)
        if self._error:
            raise RuntimeError("The LINE emulator did not start") from self._error
        return self

    def _run(self) -> None:
        self._loop = asyncio.new_event_loop()
        asyncio.set_event_loop(self._loop)
        try:
            # Open simulator streams must not hold up stop(): a short graceful-shutdown window.
            self._runner = web.AppRunner(build_app(self.emulator), access_log=None, shutdown_timeout=0.5)
            self._loop.run_until_complete(self._runner.setup())
            site = web.TCPSite(self._runner, self.host, self.port)
            self._loop.run_until_complete(site.start())
            self.port = self._runner.addresses[0][1]
        except BaseException as error:  # reported to start()
            self._error = error
            self._ready.set()
            return
        self._ready.set()
        self._loop.run_forever()
        self._loop.run_until_complete(self._runner.cleanup())
        self._loop.close()

    def stop(self) -> None:
        if self._loop and self._thread and self._thread.is_alive():
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(timeout=10)

    def __enter__(self) -> "EmulatorThread":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def run(self, coroutine, timeout: float = 30):
        """Run a coroutine on the emulator's loop and wait for its result."""
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result(timeout)

    # Handy attributes -----------------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def config(self) -> EmulatorConfig:
        return self.emulator.config

    @property
    def state(self):
        return self.emulator.state

    @property
    def faults(self) -> Faults:
        return self.emulator.faults

    @property
    def access_token(self) -> str:
        return self.config.access_tokens[0]

    # The in-process API ---------------------------------------------------------------------------

    def create_user(self, display_name: str = "テスト 太郎", user_id: str | None = None, status: str = FOLLOWING,
                    **profile) -> User:
        return self.emulator.create_user(display_name, user_id=user_id, status=status, **profile)

    def messages(self, user_id: str, direction: str | None = "bot") -> list[dict]:
        """Stored messages of a user; by default those the account sent."""
        return self.state.messages_for(user_id, direction=direction)

    def follow(self, user_id: str) -> dict:
        return self.run(self.emulator.follow(user_id))

    def block(self, user_id: str) -> dict:
        return self.run(self.emulator.block(user_id))

    def say(self, user_id: str, text: str) -> dict:
        return self.run(self.emulator.say(user_id, text))

    def postback(self, user_id: str, data: str, display_text: str | None = None) -> dict:
        return self.run(self.emulator.postback(user_id, data, display_text))

    def redeliver(self, *event_ids: str) -> dict:
        return self.run(self.emulator.redeliver(list(event_ids)))

    def issue_id_token(self, user_id: str, **kwargs) -> str:
        return self.emulator.issue_id_token(user_id, **kwargs)

    def set_faults(self, **changes) -> None:
        self.faults.update(**changes)

    def reset(self) -> None:
        self.emulator.reset()

    @contextlib.contextmanager
    def scrubbed(self):
        """Empty state for one test; any setting the test changes is put back afterwards."""
        saved = dataclasses.replace(self.config, rate_limits=dict(self.config.rate_limits),
                                    access_tokens=list(self.config.access_tokens))
        self.reset()
        try:
            yield self
        finally:
            for field in dataclasses.fields(saved):
                setattr(self.config, field.name, getattr(saved, field.name))
            self.emulator.limiter.configure(self.config.rate_limits)
            self.reset()
