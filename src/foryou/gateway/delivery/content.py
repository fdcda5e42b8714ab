"""What an order's deliveries say on each channel: the LINE messages (one Flex bubble; with tracked links
each recipient's buttons point at their own redirect) and the email parts, from the order's content."""

import json

from django.conf import settings
from django.core import signing

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


def tracked_url(delivery_id: int, index: int) -> str:
    # Not compress=True: for two numbers zlib never makes the token shorter (Django then keeps it plain,
    # so the tokens are the same), and each zlib call releases the GIL, which the worker's sending
    # thread then holds for up to a switch interval: 2 s of a 20,000-push send.
    token = signing.dumps([delivery_id, index], salt=LINK_SALT)
    return f"{settings.GATEWAY_PUBLIC_URL.rstrip('/')}/l/{token}"


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
    each link and the marker replaced per delivery (composing a bubble per push cost more than sending)."""

    MARK = "https://tracked.invalid/{index}"

    def __init__(self, notice: NoticeContent):
        links = [(label, self.MARK.format(index=i)) for i, (label, _url) in enumerate(notice.links)]
        messages = line_messages(NoticeContent(**{**notice.__dict__, "links": links}))
        PushMessageRequest.from_dict({"to": "U" + "0" * 32, "messages": messages})  # the SDK accepts it, once
        self.template = json.dumps(messages, ensure_ascii=False)
        self.count = len(links)

    def for_delivery(self, delivery_id: int) -> list[dict]:
        text = self.template
        for i in range(self.count):
            text = text.replace(json.dumps(self.MARK.format(index=i)), json.dumps(tracked_url(delivery_id, i)))
        return json.loads(text)
