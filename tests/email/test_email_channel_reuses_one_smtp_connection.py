"""One SMTP connection carries every message of every send() until close()."""

from tests.email.conftest import batch


def test_many_sends_use_one_connection(channel, smtp):
    before = smtp.connections_made
    for i in range(3):
        assert all(r.ok for r in channel.send(batch(f"a{i}@example.jp", f"b{i}@example.jp")))
    assert smtp.connections_made - before == 1
    channel.close()
    assert channel.send(batch("c@example.jp"))[0].ok
    assert smtp.connections_made - before == 2
    assert len(smtp.messages()) == 7
