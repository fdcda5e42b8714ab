"""foryou mailcatcher [--host H] [--port P] [--dir DIR] [--processes N]: a local SMTP server that keeps
every message. With several processes they share one listening socket (the kernel hands each new
connection to one of them), so a sender with several connections is not bound by one process's CPU."""

import os
import signal
import socket

from django.core.management.base import BaseCommand

from foryou.dev.mailcatcher.mailbox import Mailbox
from foryou.dev.mailcatcher.server import SmtpThread


class Command(BaseCommand):
    help = "Run a local SMTP server that keeps every message it receives (shown at /mailbox/ in debug mode)."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8025, help="0 picks a free port (printed)")
        parser.add_argument("--dir", default="", help="mailbox directory (default: DATA_DIR/mailbox)")
        parser.add_argument("--processes", type=int, default=1, help="server processes sharing the port")

    def handle(self, *args, **options):
        # Ctrl+C and SIGTERM (a service manager's stop) both end it, even when a shell started it in the
        # background with SIGINT ignored (which Python would otherwise keep, leaving it unstoppable by ^C).
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGTERM, _interrupt)
        mailbox = Mailbox(options["dir"]) if options["dir"] else Mailbox.default()
        sock, children = None, []
        if options["processes"] > 1:
            sock = socket.create_server((options["host"], options["port"]), backlog=128)
            sock.setblocking(False)
            for _ in range(options["processes"] - 1):
                pid = os.fork()
                if pid == 0:  # a child serves until its parent stops it
                    signal.signal(signal.SIGINT, signal.SIG_IGN)
                    try:
                        SmtpThread(mailbox, sock=sock).start().wait()
                    finally:
                        os._exit(0)
                children.append(pid)
        smtp = SmtpThread(mailbox, host=options["host"], port=options["port"], sock=sock).start()
        self.stdout.write(f"SMTP server on {smtp.host}:{smtp.port}, keeping messages in {mailbox.directory}"
                          + (f" ({options['processes']} processes)" if children else ""))
        self.stdout.flush()
        try:
            smtp.wait()
        except KeyboardInterrupt:
            pass
        finally:
            smtp.stop()
            for pid in children:
                os.kill(pid, signal.SIGTERM)
                os.waitpid(pid, 0)


def _interrupt(signum, frame):
    raise KeyboardInterrupt
