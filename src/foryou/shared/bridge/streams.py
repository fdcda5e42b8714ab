"""Sealed files (a program application's attachments): libsodium's crypto_secretstream (XChaCha20-Poly1305)
with a fresh key per file, encrypted chunk by chunk as the upload arrives. The file key itself travels
only inside the application's sealed box (foryou.shared.bridge.sealing), so only the console can open the
file; a reordered, truncated or altered stream fails to open (each chunk is authenticated, the last is
tagged FINAL).

Layout: header (24 bytes) then chunks of CHUNK plaintext bytes + ABYTES each (the last may be shorter)."""

from nacl import bindings as sodium
from nacl.exceptions import CryptoError

CHUNK = 64 * 1024
ABYTES = sodium.crypto_secretstream_xchacha20poly1305_ABYTES
HEADER_BYTES = sodium.crypto_secretstream_xchacha20poly1305_HEADERBYTES
TAG_MESSAGE = sodium.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE
TAG_FINAL = sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL


class CannotOpenFile(Exception):
    pass


def new_key() -> bytes:
    return sodium.crypto_secretstream_xchacha20poly1305_keygen()


class StreamSealer:
    """Feed plaintext in pieces of any size (`write`); ciphertext comes out as whole chunks; `close()`
    returns the last chunk. Plaintext is held only up to one chunk, in memory."""

    def __init__(self, key: bytes):
        self._state = sodium.crypto_secretstream_xchacha20poly1305_state()
        self.header = sodium.crypto_secretstream_xchacha20poly1305_init_push(self._state, key)
        self._pending = bytearray()
        self.size = 0

    def write(self, data: bytes) -> bytes:
        self._pending += data
        self.size += len(data)
        out = bytearray()
        while len(self._pending) > CHUNK:  # keep at least one byte back for the FINAL chunk
            out += sodium.crypto_secretstream_xchacha20poly1305_push(self._state, bytes(self._pending[:CHUNK]),
                                                                     None, TAG_MESSAGE)
            del self._pending[:CHUNK]
        return bytes(out)

    def close(self) -> bytes:
        last = sodium.crypto_secretstream_xchacha20poly1305_push(self._state, bytes(self._pending), None, TAG_FINAL)
        self._pending.clear()
        return last


def seal_bytes(key: bytes, data: bytes) -> bytes:
    sealer = StreamSealer(key)
    return sealer.header + sealer.write(data) + sealer.close()


def open_chunks(key: bytes, sealed: bytes):
    """The plaintext, chunk by chunk; CannotOpenFile if anything was altered, reordered or cut off."""
    if len(sealed) < HEADER_BYTES + ABYTES:
        raise CannotOpenFile("the sealed file is too short")
    state = sodium.crypto_secretstream_xchacha20poly1305_state()
    try:
        sodium.crypto_secretstream_xchacha20poly1305_init_pull(state, sealed[:HEADER_BYTES], key)
        position, step = HEADER_BYTES, CHUNK + ABYTES
        while position < len(sealed):
            chunk = sealed[position:position + step]
            position += len(chunk)
            plain, tag = sodium.crypto_secretstream_xchacha20poly1305_pull(state, chunk, None)
            if tag == TAG_FINAL:
                if position != len(sealed):
                    raise CannotOpenFile("the sealed file goes on after its final chunk")
                yield plain
                return
            yield plain
    except CryptoError as exc:
        raise CannotOpenFile(f"the sealed file cannot be opened: {exc}") from None
    raise CannotOpenFile("the sealed file is cut off (no final chunk)")


def open_bytes(key: bytes, sealed: bytes) -> bytes:
    return b"".join(open_chunks(key, sealed))
