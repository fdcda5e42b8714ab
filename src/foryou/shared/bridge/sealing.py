"""Sealed applications: libsodium sealed boxes with the console's public key. The gateway can seal
but never open; a tampered ciphertext fails to open (authenticated encryption)."""

import json

from nacl.exceptions import CryptoError
from nacl.public import SealedBox

from foryou.shared.bridge.keys import console_private_key, console_public_key


class CannotOpen(Exception):
    pass


def seal(data: dict) -> bytes:
    return SealedBox(console_public_key()).encrypt(json.dumps(data, ensure_ascii=False).encode())


def open_sealed(ciphertext: bytes) -> dict:
    try:
        return json.loads(SealedBox(console_private_key()).decrypt(bytes(ciphertext)))
    except (CryptoError, ValueError) as exc:
        raise CannotOpen(f"the sealed application cannot be opened: {exc}") from None
