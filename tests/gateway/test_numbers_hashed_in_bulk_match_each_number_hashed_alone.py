"""A send's chunks hash a million numbers at once (number_keys.digests, HMAC from two precomputed padded
key states): each result is exactly the HMAC-SHA256 that digest() and the stored number_hash give, for
any number and any key length (keys longer than SHA-256's block are hashed first, as RFC 2104 says)."""

import base64
import hashlib
import hmac

from django.test import override_settings
from hypothesis import given, settings as hypothesis_settings, strategies as st

from foryou.gateway import number_keys


@hypothesis_settings(max_examples=60, deadline=None)
@given(key=st.binary(min_size=32, max_size=130),
       numbers=st.lists(st.text(alphabet="0123456789-aZ番", max_size=20), max_size=8))
def test_digests_are_the_hmac_of_each_number(key, numbers):
    expected = [hmac.new(key, n.encode("ascii", "replace"), hashlib.sha256).hexdigest() for n in numbers]
    with override_settings(NUMBER_KEY=base64.b64encode(key).decode()):
        assert number_keys.digests(numbers) == expected
        assert [number_keys.digest(n) for n in numbers] == expected
