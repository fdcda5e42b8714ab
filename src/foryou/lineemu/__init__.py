"""A faithful local LINE platform for demos and tests: the Messaging API and LINE Login endpoints the
product uses (validated against LINE's OpenAPI files), signed webhooks, and a phone simulator.

    from foryou.lineemu import EmulatorThread
    with EmulatorThread() as line:
        ...  # point linebot.v3 Configuration(host=line.base_url, access_token=line.access_token) at it
"""

from foryou.lineemu.config import EmulatorConfig, LiffApp
from foryou.lineemu.emulator import Emulator
from foryou.lineemu.faults import Faults
from foryou.lineemu.server import EmulatorThread, serve
from foryou.lineemu.webhooks import signature, verify_signature

__all__ = ["Emulator", "EmulatorConfig", "EmulatorThread", "Faults", "LiffApp", "serve", "signature",
           "verify_signature"]
