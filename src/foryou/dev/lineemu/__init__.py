"""A faithful local LINE platform for demos and tests: the Messaging API and LINE Login endpoints the
product uses (validated against LINE's OpenAPI files), signed webhooks, and a phone simulator.

    from foryou.dev.lineemu import EmulatorThread
    with EmulatorThread() as line:
        ...  # point linebot.v3 Configuration(host=line.base_url, access_token=line.access_token) at it
"""

# What the package offers, imported on first use: every process of the product loads this package as a
# Django app (for `foryou lineemu`), and only the one that runs the platform needs its web server.
_EXPORTS = {"EmulatorConfig": "config", "LiffApp": "config", "Emulator": "emulator", "Faults": "faults",
            "EmulatorThread": "server", "serve": "server", "signature": "webhooks", "verify_signature": "webhooks"}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name not in _EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(f"{__name__}.{_EXPORTS[name]}"), name)
