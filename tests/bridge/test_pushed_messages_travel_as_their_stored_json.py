"""The console pushes its pending messages with their bodies spliced in as the JSON text its database
keeps (a send's chunks carry a million numbers: not decoded and encoded again). The gateway reads that
envelope exactly as it reads one encoded from the decoded messages, for any body."""

import json
import uuid

from hypothesis import given, settings, strategies as st

from foryou.shared.bridge import messages

JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.text(),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
                    max_leaves=12)


@settings(max_examples=80, deadline=None)
@given(bodies=st.lists(JSON, max_size=4), ascii_only=st.booleans())
def test_an_envelope_of_stored_bodies_opens_as_the_encoded_one(bodies, ascii_only):
    items = [{"id": str(uuid.uuid4()), "kind": messages.SEND_RECIPIENTS, "body": body} for body in bodies]
    stored = [(i["id"], i["kind"], json.dumps(i["body"], ensure_ascii=ascii_only)) for i in items]
    assert messages.open_envelope(messages.envelope_of_stored(stored)) == \
        messages.open_envelope(messages.envelope(messages=items))
