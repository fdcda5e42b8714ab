"""A local SMTP server for the demo and tests: every message it receives is kept as an .eml file in a
mailbox directory (DATA_DIR/mailbox by default) and shown at /mailbox/ in debug mode.

    from foryou.dev.mailcatcher import SmtpThread
    with SmtpThread() as smtp:              # a free port on 127.0.0.1: smtp.port
        ...                                 # send to 127.0.0.1:smtp.port
        [mail] = smtp.messages()            # StoredMail: .raw, .message, .subject, .text, .html
        smtp.stop(); smtp.start()           # down for a while, then back on the same port
"""

from foryou.dev.mailcatcher.mailbox import Mailbox, StoredMail
from foryou.dev.mailcatcher.server import Faults, SmtpThread

__all__ = ["Faults", "Mailbox", "SmtpThread", "StoredMail"]
