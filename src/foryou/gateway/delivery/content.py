"""What an order's deliveries say on each channel: the LINE messages (one Flex bubble; with tracked links
each recipient's buttons point at their own redirect) and the email parts, from the order's content."""

import hashlib
import hmac
import json
import re
import time

from django.conf import settings
from django.core import signing
from django.utils.encoding import force_bytes

from linebot.v3.messaging import PushMessageRequest

from foryou.shared.bridge import messages
from foryou.shared.notice.flex import NoticeContent, compose

LINK_SALT = "foryou.delivery.link"


def notice_of(order) -> NoticeContent:
    """The order's notice; with a program form, its 「申請する」 button opens the program's LIFF page (the
    LINE user's ID token names the registrant). Email recipients get their own signed link instead
    (senders.EmailSender), which replaces this one."""
    from foryou.gateway.casework import links as apply_links

    body = messages.NoticeContentBody.from_dict(order.content)  # keys a newer console added are ignored
    return NoticeContent(service_name=body.service_name, program_name=body.program_name, title=body.title,
                         body=body.body, contact_department=body.contact_department,
                         contact_phone=body.contact_phone, contact_hours=body.contact_hours, links=list(body.links),
                         apply_url=apply_links.line_url(body.apply_program) if body.apply_program else "",
                         language=body.language)


def apply_program_of(order) -> str:
    return messages.NoticeContentBody.from_dict(order.content).apply_program


class LinkSigner:
    """Django's `signing.dumps([delivery_id, index], salt=LINK_SALT)`, byte for byte (read back by
    `signing.loads`), with the salted key's HMAC computed once rather than per token: Django derives the
    key and starts an HMAC on every call, two thirds of a token's cost, and a push carries one per link.
    Not compress=True: for two numbers zlib never makes the token shorter (Django then keeps it plain,
    so the tokens are the same), and each zlib call releases the GIL, which the worker's sending
    thread then holds for up to a switch interval."""

    def __init__(self):
        key = hashlib.sha256(force_bytes(LINK_SALT + "signer") + force_bytes(settings.SECRET_KEY)).digest()
        self._hmac = hmac.new(key, digestmod=hashlib.sha256)
        self._prefix = f"{settings.GATEWAY_PUBLIC_URL.rstrip('/')}/l/"

    def token(self, delivery_id: int, index: int) -> str:
        data = f"[{int(delivery_id)},{int(index)}]".encode()  # what Django's compact JSON makes of two ints
        value = f"{signing.b64_encode(data).decode()}:{signing.b62_encode(int(time.time()))}"
        mac = self._hmac.copy()
        mac.update(value.encode())
        return f"{value}:{signing.b64_encode(mac.digest()).decode()}"

    def url(self, delivery_id: int, index: int) -> str:
        return self._prefix + self.token(delivery_id, index)


def tracked_url(delivery_id: int, index: int) -> str:
    return LinkSigner().url(delivery_id, index)


def read_token(token: str) -> tuple[int, int]:
    delivery_id, index = signing.loads(token, salt=LINK_SALT)
    return int(delivery_id), int(index)


def for_delivery(notice: NoticeContent, delivery_id: int, tracked: bool) -> NoticeContent:
    if not tracked or not notice.links:
        return notice
    links = [(label, tracked_url(delivery_id, i)) for i, (label, _url) in enumerate(notice.links)]
    return NoticeContent(**{**notice.__dict__, "links": links})


def line_messages(notice: NoticeContent) -> list[dict]:
    return [compose(notice).flex]


class TrackedMessages:
    """Per-recipient LINE messages of a tracked order, fast: the bubble is composed once with a marker in
    each link, and each delivery's messages are a copy of it with its own links: only the dicts and lists
    on the way to a link are copied, the rest (texts, styles) is shared, read-only, by every push of the
    lot (composing a bubble per push cost more than sending; a JSON round trip per push, a tenth of it)."""

    MARK = "https://tracked.invalid/{index}"

    def __init__(self, notice: NoticeContent):
        links = [(label, self.MARK.format(index=i)) for i, (label, _url) in enumerate(notice.links)]
        messages = line_messages(NoticeContent(**{**notice.__dict__, "links": links}))
        PushMessageRequest.from_dict({"to": "U" + "0" * 32, "messages": messages})  # the SDK accepts it, once
        self.template = json.loads(json.dumps(messages))  # plain dicts and lists, nothing shared with the notice
        marks = {self.MARK.format(index=i): i for i in range(len(links))}
        self.paths = [(path, marks[value]) for path, value in _strings(self.template) if value in marks]
        self.count = len(links)
        self.signer = LinkSigner()
        # The same messages as JSON text cut at each link (decision 0087): a push's body is the pieces
        # joined with its own links, instead of its messages copied and encoded again per push.
        encoded = json.dumps(self.template)  # as the SDK encodes a body (ensure_ascii, default separators)
        pattern = "|".join(re.escape(json.dumps(mark)[1:-1]) for mark in marks)
        self.pieces = re.split(f"({pattern})", encoded) if marks else [encoded]
        self.slots = [(i, marks[piece]) for i, piece in enumerate(self.pieces) if i % 2]

    def for_delivery(self, delivery_id: int) -> list[dict]:
        urls = [self.signer.url(delivery_id, i) for i in range(self.count)]
        copied = {(): list(self.template)}
        for path, index in self.paths:
            node = copied[()]
            for depth in range(1, len(path)):
                prefix = path[:depth]
                if prefix not in copied:
                    child = node[path[depth - 1]]
                    copied[prefix] = node[path[depth - 1]] = list(child) if isinstance(child, list) else dict(child)
                node = copied[prefix]
            node[path[-1]] = urls[index]
        return copied[()]

    def json_for_delivery(self, delivery_id: int) -> str:
        """`json.dumps(self.for_delivery(delivery_id))`, made by joining the template's pieces."""
        if not self.slots:
            return self.pieces[0]
        urls = [json.dumps(self.signer.url(delivery_id, i))[1:-1] for i in range(self.count)]
        pieces = list(self.pieces)
        for position, index in self.slots:
            pieces[position] = urls[index]
        return "".join(pieces)


def _strings(node, path=()):
    """(path, value) of every string in a structure of dicts and lists; a path is the keys and indexes."""
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, value in items:
        if isinstance(value, str):
            yield path + (key,), value
        else:
            yield from _strings(value, path + (key,))
