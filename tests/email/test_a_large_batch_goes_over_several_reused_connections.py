"""A batch of many recipients is shared by several SMTP connections sending at once (decisions 0088,
0103): each connection is reused by the next batch, every recipient still gets their own Result in the
batch's order, a refused address affects only itself, and a server that is down defers everyone."""

from foryou.gateway.delivery.channel import Outcome
from foryou.gateway.email.channel import EmailChannel, EmailRecipient, EmailSend
from tests.email.conftest import notice


def big_batch(first: int, count: int = 100) -> EmailSend:
    return EmailSend(tuple(EmailRecipient(str(i), f"r{i}@example.jp", f"https://gw.example.jp/email/unsubscribe/{i}:s/")
                           for i in range(first, first + count)), notice())


def four_connections(smtp) -> EmailChannel:
    return EmailChannel.from_settings(host="127.0.0.1", port=smtp.port, timeout=5, connections=4,
                                      from_email="千葉市 <foryou@city.example.jp>")


def test_two_batches_of_a_hundred_use_four_connections_and_each_address_once(smtp):
    before = smtp.connections_made
    with four_connections(smtp) as channel:
        results = channel.send(big_batch(1)) + channel.send(big_batch(101))
    assert [r.user_id for r in results] == [str(i) for i in range(1, 201)]
    assert all(r.outcome is Outcome.ACCEPTED and r.code == "sent" for r in results)
    assert smtp.connections_made - before == 4
    stored = [m.path.read_bytes() for m in smtp.messages()]
    addressed = sorted(int(line.split(b"@")[0][len(b"To: r"):]) for data in stored for line in data.split(b"\r\n")
                       if line.startswith(b"To: "))
    assert addressed == list(range(1, 201))
    assert len({r.request_id for r in results}) == 200  # a Message-ID each (kept as the request id)


def test_a_refused_address_in_one_slice_is_the_only_one_refused(smtp):
    smtp.faults.refuse.add("r77@example.jp")
    with four_connections(smtp) as channel:
        results = channel.send(big_batch(1))
    assert [(r.user_id, r.outcome) for r in results if not r.ok] == [("77", Outcome.PERMANENT)]
    assert len(smtp.messages()) == 99


def test_a_server_that_is_down_defers_the_whole_batch(smtp):
    smtp.stop()
    with four_connections(smtp) as channel:
        results = channel.send(big_batch(1))
    assert {(r.outcome, r.code) for r in results} == {(Outcome.DEFERRED, "smtp_unavailable")}
    assert [r.user_id for r in results] == [str(i) for i in range(1, 101)]
