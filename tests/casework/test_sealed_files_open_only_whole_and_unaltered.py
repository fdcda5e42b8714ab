import os

import pytest
from hypothesis import given, settings, strategies as st

from foryou.shared.bridge.streams import CHUNK, CannotOpenFile, StreamSealer, new_key, open_bytes, seal_bytes


@settings(max_examples=30, deadline=None)
@given(st.binary(max_size=3 * CHUNK + 7), st.lists(st.integers(1, CHUNK * 2), max_size=6))
def test_a_file_sealed_in_pieces_of_any_size_opens_to_the_same_bytes(data, cuts):
    key = new_key()
    sealer = StreamSealer(key)
    out, position = bytearray(sealer.header), 0
    for cut in cuts:
        out += sealer.write(data[position:position + cut])
        position += cut
    out += sealer.write(data[position:]) + sealer.close()
    assert open_bytes(key, bytes(out)) == data


def test_an_altered_reordered_or_cut_off_file_does_not_open():
    key, data = new_key(), os.urandom(3 * CHUNK)
    sealed = seal_bytes(key, data)
    flipped = bytearray(sealed)
    flipped[100] ^= 1
    step = CHUNK + 17
    header, chunks = sealed[:24], [sealed[24 + i:24 + i + step] for i in range(0, len(sealed) - 24, step)]
    for broken in (bytes(flipped), sealed[:-step + 1], header + chunks[1] + chunks[0] + b"".join(chunks[2:]),
                   sealed[:24 + step]):
        with pytest.raises(CannotOpenFile):
            open_bytes(key, broken)
    with pytest.raises(CannotOpenFile):
        open_bytes(new_key(), sealed)
