"""foryou mailcatcher [--host H] [--port P] [--dir DIR]: a local SMTP server that keeps every message."""

from django.core.management.base import BaseCommand

from foryou.dev.mailcatcher.mailbox import Mailbox
from foryou.dev.mailcatcher.server import SmtpThread


class Command(BaseCommand):
    help = "Run a local SMTP server that keeps every message it receives (shown at /mailbox/ in debug mode)."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8025, help="0 picks a free port (printed)")
        parser.add_argument("--dir", default="", help="mailbox directory (default: DATA_DIR/mailbox)")

    def handle(self, *args, **options):
        mailbox = Mailbox(options["dir"]) if options["dir"] else Mailbox.default()
        smtp = SmtpThread(mailbox, host=options["host"], port=options["port"]).start()
        self.stdout.write(f"SMTP server on {smtp.host}:{smtp.port}, keeping messages in {mailbox.directory}")
        self.stdout.flush()
        try:
            smtp.wait()
        except KeyboardInterrupt:
            pass
        finally:
            smtp.stop()
