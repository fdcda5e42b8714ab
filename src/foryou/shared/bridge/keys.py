"""Keys of the bridge: a shared HMAC key that signs every message both ways, and the console's
key pair, whose public half lets the gateway seal applications that only the console can open.

Production: FORYOU_BRIDGE_KEY on both zones; FORYOU_CONSOLE_PRIVATE_KEY on the console only;
FORYOU_CONSOLE_PUBLIC_KEY on the gateway only (base64). Debug mode keeps generated keys in the data
directory so the embedded demo works with no set-up.
"""

import base64
import secrets
from functools import cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from nacl.public import PrivateKey, PublicKey


def _debug_file(name: str, make) -> str:
    path = settings.DATA_DIR / name
    if not path.exists():
        settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(make())
        path.chmod(0o600)
    return path.read_text().strip()


def _setting(name: str, debug_file: str, make) -> str:
    value = getattr(settings, name, "")
    if value:
        return value
    if settings.GENERATED_KEYS:
        return _debug_file(debug_file, make)
    raise ImproperlyConfigured(f"{name} is not set. See docs/operations.md (the bridge between the zones).")


def bridge_key() -> bytes:
    return base64.b64decode(_setting("BRIDGE_KEY", "bridge_key", lambda: base64.b64encode(secrets.token_bytes(32)).decode()))


def _new_private_key() -> str:
    return base64.b64encode(bytes(PrivateKey.generate())).decode()


@cache
def _private_key_for(encoded: str) -> PrivateKey:
    return PrivateKey(base64.b64decode(encoded))


def console_private_key() -> PrivateKey:
    return _private_key_for(_setting("CONSOLE_PRIVATE_KEY", "console_private_key", _new_private_key))


def console_public_key() -> PublicKey:
    encoded = getattr(settings, "CONSOLE_PUBLIC_KEY", "")
    if encoded:
        return PublicKey(base64.b64decode(encoded))
    if settings.GENERATED_KEYS:  # embedded: both zones share the data directory
        return console_private_key().public_key
    raise ImproperlyConfigured("FORYOU_CONSOLE_PUBLIC_KEY is not set on the gateway. See docs/operations.md.")
