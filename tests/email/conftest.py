import random

import pytest

from foryou.gateway.email.channel import EmailChannel, EmailRecipient, EmailSend
from foryou.shared.notice.flex import NoticeContent
from foryou.gateway.delivery.channel import Backoff
from foryou.dev.mailcatcher import Mailbox, SmtpThread

SERVICE = "あなたが使える制度お知らせサービス"


@pytest.fixture(scope="session")
def smtp_server(tmp_path_factory):
    with SmtpThread(Mailbox(tmp_path_factory.mktemp("mailbox"))) as server:
        yield server


@pytest.fixture
def smtp(smtp_server):
    """The shared local SMTP server, running, empty and without faults, for one test."""
    smtp_server.start()
    smtp_server.clear()
    yield smtp_server
    smtp_server.start()
    smtp_server.clear()


@pytest.fixture
def channel(smtp, settings):
    settings.DEFAULT_FROM_EMAIL = "千葉市 <foryou@city.example.jp>"
    channel = EmailChannel.from_settings(host="127.0.0.1", port=smtp.port, timeout=5,
                                         backoff=Backoff(rng=random.Random(7)))
    yield channel
    channel.close()


def notice(**changes) -> NoticeContent:
    fields = {"service_name": SERVICE, "program_name": "子宮頸がん検診", "title": "無料クーポンをお送りしました",
              "body": "今年度の子宮頸がん検診は無料です。\n受診期限は令和8年3月31日です。",
              "contact_department": "健康福祉局 健康支援課", "contact_phone": "043-245-5146",
              "contact_hours": "平日 8時30分〜17時30分",
              "links": [("検診の案内", "https://www.city.example.jp/kenshin?a=1&b=2")]}
    return NoticeContent(**{**fields, **changes})


def recipients(*addresses: str) -> tuple[EmailRecipient, ...]:
    return tuple(EmailRecipient(str(i + 1), address, f"https://gw.example.jp/email/unsubscribe/{i + 1}:sig/")
                 for i, address in enumerate(addresses))


def batch(*addresses: str, **changes) -> EmailSend:
    return EmailSend(recipients(*addresses), notice(**changes))
