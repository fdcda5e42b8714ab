"""A faithful local LINE platform for demos and tests: the Messaging API and LINE Login endpoints the
product uses (validated against LINE's OpenAPI files), signed webhooks, and a phone simulator.

    from foryou.dev.lineemu import EmulatorThread
    with EmulatorThread() as line:
        ...  # point linebot.v3 Configuration(host=line.base_url, access_token=line.access_token) at it
"""

from foryou.dev.lineemu.config import EmulatorConfig, LiffApp
from foryou.dev.lineemu.emulator import Emulator
from foryou.dev.lineemu.faults import Faults
from foryou.dev.lineemu.server import EmulatorThread, serve
from foryou.dev.lineemu.webhooks import signature, verify_signature

__all__ = ["Emulator", "EmulatorConfig", "EmulatorThread", "Faults", "LiffApp", "serve", "signature",
           "verify_signature"]
