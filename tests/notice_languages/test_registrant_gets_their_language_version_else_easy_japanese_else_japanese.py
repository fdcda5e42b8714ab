"""At send, each registrant gets the notice in their own language where it has a version in it, else in
やさしい日本語 if it has one, else in Japanese: one send order per language version (the bridge's send
order carries one content), each with the registrants who get it and their own languages (a fallback is
counted). In the LINE emulator the English reader sees English — the program's English name and contact
from its file, and the bubble's own label in English — and a Vietnamese reader sees やさしい日本語."""

import pytest

from foryou.enrollment.models import Registration
from foryou.notices import sending
from foryou.notices.models import SendOrder
from tests.delivery.conftest import dispatch, line_user, registrant, sync
from tests.notice_languages.conftest import EASY, ENGLISH, notice_in
from tests.residents.exports import HANAKO, TARO

pytestmark = pytest.mark.django_db(databases=["default", "gateway"])


def bubble_texts(line, user_id: str) -> str:
    [message] = line.messages(user_id)
    found = []

    def walk(node):
        if isinstance(node, dict):
            if node.get("type") == "text":
                found.append(node["text"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
    walk(message["message"]["contents"])
    return "\n".join(found)


def two_parents(line, taro: str, hanako: str) -> dict:
    users = {}
    for n, (resident, language) in enumerate([(TARO, taro), (HANAKO, hanako)], start=1):
        users[resident] = line_user(n)
        line.create_user("住民", user_id=users[resident])
        number = registrant(line_user_id=users[resident], resident_id=resident).number
        Registration.objects.filter(number=number).update(language=language)
    return users


def test_english_reader_gets_english_and_a_vietnamese_reader_gets_easy_japanese(
        delivery_settings, line, city, editor, approver, transport):
    users = two_parents(line, taro="en", hanako="vi")
    notice = notice_in(editor, approver, en=ENGLISH, ja_easy=EASY)
    order = sending.schedule(notice, by=editor)
    assert sending.start(order)

    orders = {o.language: o for o in SendOrder.objects.filter(notice=notice)}
    assert set(orders) == {"en", "ja-easy"}  # nobody reads Japanese: no Japanese order
    assert (orders["en"].recipients, orders["ja-easy"].recipients) == (1, 1)
    assert orders["ja-easy"].pk == order.pk  # the order booked carries the first version with recipients
    assert orders["en"].languages == {"en": 1}
    assert orders["ja-easy"].languages == {"vi": 1}  # a fallback: the notice has no Vietnamese version

    sync(transport)
    dispatch()
    sync(transport)
    english = bubble_texts(line, users[TARO])
    assert "About the benefit" in english and "Households with small children" in english
    assert "Child-rearing household benefit" in english  # the program's name from its file's English label
    assert "Child and Family Support Division" in english and "Weekdays 8:30-17:30" in english
    assert "Contact" in english and "お問い合わせ" not in english  # the bubble's own label in English too
    assert "給付金のご案内" not in english
    easy = bubble_texts(line, users[HANAKO])
    assert "お金の おしらせ" in easy and "こそだての 家の ための お金" in easy and "こども かてい しえんか" in easy


def test_without_an_easy_japanese_version_the_fallback_is_japanese(delivery_settings, line, city, editor, approver,
                                                                    transport):
    users = two_parents(line, taro="en", hanako="vi")
    notice = notice_in(editor, approver, en=ENGLISH)
    sending.start(sending.schedule(notice, by=editor))
    orders = {o.language: o for o in SendOrder.objects.filter(notice=notice)}
    assert set(orders) == {"ja", "en"}
    assert orders["ja"].languages == {"vi": 1} and orders["en"].languages == {"en": 1}

    sync(transport)
    dispatch()
    sync(transport)
    japanese = bubble_texts(line, users[HANAKO])
    assert "給付金のご案内" in japanese and "子育て世帯応援給付" in japanese and "About the benefit" not in japanese


def test_a_notice_without_language_versions_is_one_order_and_still_counts_the_fallbacks(
        delivery_settings, line, city, editor, approver):
    two_parents(line, taro="en", hanako="ja")
    notice = notice_in(editor, approver)
    sending.start(sending.schedule(notice, by=editor))
    [order] = SendOrder.objects.filter(notice=notice)
    assert (order.language, order.recipients, order.languages) == ("ja", 2, {"en": 1, "ja": 1})

