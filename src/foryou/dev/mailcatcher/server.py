"""The SMTP server (aiosmtpd) on its own event loop in a daemon thread: for tests, the demo and the
`foryou mailcatcher` command. Faults let tests play a server that refuses a recipient, answers 4xx, or
drops the connection; stop() then start() plays a server that is down for a while."""

from __future__ import annotations

import asyncio
import logging
import threading
from dataclasses import dataclass, field

from aiosmtpd.smtp import SMTP

from foryou.dev.mailcatcher.mailbox import Mailbox, StoredMail

HOSTNAME = "mailcatcher.localhost"  # never socket.getfqdn(): a slow DNS lookup per connection
logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd logs every command at INFO


@dataclass
class Faults:
    refuse: set[str] = field(default_factory=set)  # RCPT TO answered 550
    defer: set[str] = field(default_factory=set)  # RCPT TO answered 450
    data_reply: str = ""  # e.g. "554 5.6.0 Rejected" or "451 4.3.0 Try later": answer DATA with it
    drop: bool = False  # close the connection instead of answering DATA

    def reset(self) -> None:
        self.refuse.clear()
        self.defer.clear()
        self.data_reply, self.drop = "", False


class _Handler:
    def __init__(self, mailbox: Mailbox, faults: Faults):
        self.mailbox, self.faults = mailbox, faults

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.faults.refuse:
            return "550 5.1.1 No such mailbox"
        if address.lower() in self.faults.defer:
            return "450 4.2.1 Mailbox busy, try again later"
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.faults.drop:
            server.transport.abort()
            return "421 4.4.2 Connection dropped"  # never reaches the client
        if self.faults.data_reply:
            return self.faults.data_reply
        # A small synchronous write: cheaper than a thread hop, and keeps arrival order.
        stored = self.mailbox.save(envelope.original_content or b"", envelope.mail_from or "", envelope.rcpt_tos)
        return f"250 2.0.0 OK queued as {stored.name}"


class _SMTP(SMTP):
    """Remembers its connections so that stop() can drop them, as a server that goes down would."""

    def __init__(self, *args, connections: set, counter: list, **kwargs):
        super().__init__(*args, **kwargs)
        self._connections, self._counter = connections, counter

    def connection_made(self, transport):
        self._connections.add(self)
        self._counter[0] += 1
        super().connection_made(transport)

    def connection_lost(self, error):
        self._connections.discard(self)
        super().connection_lost(error)


class SmtpThread:
    def __init__(self, mailbox: Mailbox | None = None, *, host: str = "127.0.0.1", port: int = 0, sock=None):
        """`sock`: a listening socket to serve instead of opening one (several processes can share one)."""
        self.mailbox = mailbox or Mailbox.default()
        self.host, self.port = host, port
        self.sock = sock
        self.faults = Faults()
        self._connections: set = set()
        self._counter = [0]  # connections accepted since creation
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None

    # Lifecycle ------------------------------------------------------------------------------------

    def start(self) -> "SmtpThread":
        """Listen (again: on the same port once one was chosen); returns when the port is open."""
        if self.running:
            return self
        ready, errors = threading.Event(), []
        self._thread = threading.Thread(target=self._run, args=(ready, errors), name="mailcatcher", daemon=True)
        self._thread.start()
        ready.wait(timeout=30)
        if errors:
            raise RuntimeError(f"The SMTP server could not listen on {self.host}:{self.port}") from errors[0]
        return self

    def _run(self, ready: threading.Event, errors: list) -> None:
        loop = self._loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        handler = _Handler(self.mailbox, self.faults)

        def protocol():
            return _SMTP(handler, hostname=HOSTNAME, ident="foryou mailcatcher", loop=loop,
                         connections=self._connections, counter=self._counter)
        try:
            server = loop.run_until_complete(loop.create_server(protocol, sock=self.sock) if self.sock is not None
                                             else loop.create_server(protocol, self.host, self.port))
            self.port = server.sockets[0].getsockname()[1]
        except BaseException as error:  # reported to start()
            errors.append(error)
            ready.set()
            loop.close()
            return
        ready.set()
        try:
            loop.run_forever()
        finally:
            server.close()
            for connection in list(self._connections):  # a server going down drops its clients
                if connection.transport is not None:
                    connection.transport.abort()
            loop.run_until_complete(server.wait_closed())
            pending = [t for t in asyncio.all_tasks(loop) if not t.done()]
            for task in pending:
                task.cancel()
            loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
            loop.close()

    def stop(self) -> None:
        """Stop listening and drop every open connection; start() brings it back on the same port."""
        if self._loop and self._thread and self._thread.is_alive():
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(timeout=10)
        self._thread = self._loop = None

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def __enter__(self) -> "SmtpThread":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def wait(self) -> None:
        """Block until the server thread ends (the management command)."""
        while self.running:
            self._thread.join(timeout=1)

    # Handy attributes -----------------------------------------------------------------------------

    @property
    def connections_made(self) -> int:
        return self._counter[0]

    def messages(self) -> list[StoredMail]:
        return self.mailbox.messages()

    def clear(self) -> None:
        self.mailbox.clear()
        self.faults.reset()
