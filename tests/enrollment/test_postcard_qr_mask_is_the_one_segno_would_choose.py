"""The QR code on a card is exactly segno's symbol for its URL: the data mask chosen by scoring the eight
masks in numpy (postcards/qr.py) is the one segno's own evaluation picks, for any registration number."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from foryou.enrollment.postcards import qr

PREFIXES = ["http://127.0.0.1:8000/activate/email/?n=", "https://foryou.example.jp/activate/email/?n=",
            "https://www.city.chiba.jp/foryou/activate/email/?n="]


@settings(max_examples=150, deadline=None)
@given(prefix=st.sampled_from(PREFIXES), number=st.integers(0, 10**16 - 1))
def test_the_symbol_equals_segnos_for_any_number(prefix, number):
    url = f"{prefix}{number:016d}"
    assert np.array_equal(qr.matrix(url), qr.reference(url))


def test_the_penalty_of_a_candidate_matches_segnos_scoring():
    from segno import encoder

    url = PREFIXES[0] + "1234567890123456"
    symbol = qr.matrix(url, border=0)
    rows = tuple(bytearray(row.tobytes()) for row in symbol)
    expected = encoder.evaluate_mask(rows, len(rows), len(rows))
    assert int(qr.penalties(symbol[None, :, :])[0]) == expected
