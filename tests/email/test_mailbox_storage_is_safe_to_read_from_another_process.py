"""The mailbox is a directory of .eml files renamed into place: a reader never sees a partial file,
and the raw bytes the server received are kept exactly."""

from foryou.dev.mailcatcher import Mailbox


def test_files_being_written_are_not_listed(tmp_path):
    box = Mailbox(tmp_path)
    (tmp_path / ".00000000000000000001-0123456789abcdef0123456789abcdef.eml.tmp").write_bytes(b"Subject: half")
    assert box.messages() == [] and box.count() == 0


def test_the_received_bytes_are_kept_exactly_after_the_envelope_line(tmp_path):
    raw = b"Subject: =?utf-8?b?44GK?=\r\nTo: a@example.jp\r\n\r\n\xe6\x9c\xac\xe6\x96\x87\r\n"
    stored = Mailbox(tmp_path).save(raw, "city@example.jp", ["a@example.jp", "b@example.jp"])
    assert stored.raw == raw
    assert stored.envelope == "from=<city@example.jp>; to=<a@example.jp>,<b@example.jp>"
    assert (stored.subject, stored.to) == ("お", "a@example.jp")


def test_messages_come_oldest_first_and_unknown_names_are_refused(tmp_path):
    box = Mailbox(tmp_path)
    names = [box.save(f"Subject: {i}\r\n\r\n".encode()).name for i in range(3)]
    assert [m.name for m in box.messages()] == names
    assert [m.subject for m in box.messages(limit=2, newest_first=True)] == ["2", "1"]
    assert box.get("../secret_key") is None and box.get(names[0]).subject == "0"
