"""A local SMTP server for the demo and tests: every message it receives is kept as an .eml file in a
mailbox directory (DATA_DIR/mailbox by default) and shown at /mailbox/ in debug mode.

    from foryou.dev.mailcatcher import SmtpThread
    with SmtpThread() as smtp:              # a free port on 127.0.0.1: smtp.port
        ...                                 # send to 127.0.0.1:smtp.port
        [mail] = smtp.messages()            # StoredMail: .raw, .message, .subject, .text, .html
        smtp.stop(); smtp.start()           # down for a while, then back on the same port
"""

# What the package offers, imported on first use: every process of the product loads this package as a
# Django app (for the /mailbox/ page), and only the one that runs the SMTP server needs aiosmtpd.
_EXPORTS = {"Mailbox": "mailbox", "StoredMail": "mailbox", "Faults": "server", "SmtpThread": "server"}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name not in _EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(f"{__name__}.{_EXPORTS[name]}"), name)
