"""What an order's deliveries say on each channel: the LINE messages (one Flex bubble; with tracked links
each recipient's buttons point at their own redirect) and the email parts, from the order's content."""

from django.conf import settings
from django.core import signing

from foryou.gateway.line.flex import NoticeContent, compose

LINK_SALT = "foryou.delivery.link"


def notice_of(order) -> NoticeContent:
    data = dict(order.content)
    data["links"] = [tuple(link) for link in data.get("links", [])]
    return NoticeContent(**data)


def tracked_url(delivery_id: int, index: int) -> str:
    token = signing.dumps([delivery_id, index], salt=LINK_SALT, compress=True)
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
