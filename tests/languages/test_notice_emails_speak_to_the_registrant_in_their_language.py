"""A notice email's own words — the headings, why they get it, how to stop, the settings page and
consent links — are in the registrant's language; the notice's text is as the city wrote it (a
translated version of the notice is the composer's next step)."""

import pytest

from foryou.shared.notice.email import render
from foryou.shared.notice.flex import NoticeContent

NOTICE = NoticeContent(service_name="あなたが使える制度お知らせサービス", program_name="特定健診",
                       title="健診のご案内", body="今年度の特定健診を無料で受けられます。", contact_department="健康支援課",
                       contact_phone="043-238-9925")


@pytest.mark.parametrize(("code", "stop", "settings_words"), [
    ("en", "To stop these notices, open this page:", "Settings: topics, how to receive, a break, language"),
    ("ja-easy", "この お知らせを 止める ときは、この ページを 開いて ください：", "設定：知らせる 内容・受け取り方・お休み・ことば"),
    ("vi", "Để dừng các thông báo này, hãy mở trang này:", "Cài đặt: chủ đề, cách nhận, tạm nghỉ, ngôn ngữ"),
])
def test_the_fixed_words_are_in_the_registrants_language(code, stop, settings_words):
    email = render(NOTICE, "https://gw.example.jp/stop", "https://gw.example.jp/consent",
                   "https://gw.example.jp/settings/t/", language=code)
    assert stop in email.text and "https://gw.example.jp/settings/t/" in email.text
    assert "今年度の特定健診を無料で受けられます。" in email.text  # the city's own text, untouched
    assert settings_words in email.html and 'lang="ja"' in email.html  # the notice itself is Japanese


def test_an_unknown_language_gives_the_japanese_footer():
    email = render(NOTICE, "https://gw.example.jp/stop", language="fr")
    assert "配信を停止する場合は、次のページを開いてください。" in email.text


@pytest.mark.django_db(databases=["default", "gateway"])
def test_a_delivered_notice_email_carries_the_footer_and_settings_link_in_their_language(delivery_settings, smtp):
    import uuid

    from foryou.gateway.delivery import orders
    from foryou.gateway.models import Subscriber
    from foryou.shared.bridge import messages
    from tests.delivery.conftest import drain, registrant

    number = registrant(email="ann@example.jp").number
    Subscriber.objects.by_number(number).update(language="en")
    order_id = str(uuid.uuid4())
    orders.receive_order(messages.SendOrderBody(order_id=order_id, notice_ref="notice:3", kind="now",
                                                content=messages.NoticeContentBody.of(NOTICE), urgent=False,
                                                tracked=False, total=1, chunks=1))
    orders.receive_recipients(messages.SendRecipientsBody(order_id=order_id, index=0, numbers=(number,)))
    drain()
    [mail] = smtp.messages()
    text = mail.message.get_body(("plain",)).get_content()
    assert "To stop these notices, open this page:" in text and "/settings/" in text
