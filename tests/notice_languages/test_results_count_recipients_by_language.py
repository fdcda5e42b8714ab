"""The send's page and the notice's page count the recipients by their own language: how many got the
notice in their language and how many a fallback (and which version instead); `foryou stats` figures
carry each order's language and fallbacks. Counts below the small-count threshold read 「10人未満」."""

import re

import pytest
from django.urls import reverse

from foryou.enrollment.models import Registration
from foryou.notices import sending
from foryou.notices.models import SendOrder
from foryou.notices.stats import order_stats
from tests.delivery.conftest import registrant
from tests.notice_languages.conftest import ENGLISH, as_user, notice_in
from tests.residents.exports import HANAKO, TARO

pytestmark = pytest.mark.django_db(databases=["default", "gateway"])


def row(html: str, code: str) -> list[str]:
    found = re.search(rf'<tr data-language="{code}">(.*?)</tr>', html, re.S).group(1)
    return [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", found, re.S)]


def sent_to_an_english_and_a_korean_reader(editor, approver):
    for resident, language in ((TARO, "en"), (HANAKO, "ko")):
        number = registrant(email=f"{resident}@example.jp", resident_id=resident).number
        Registration.objects.filter(number=number).update(language=language)
    notice = notice_in(editor, approver, en=ENGLISH)
    order = sending.schedule(notice, by=editor)
    sending.start(order)
    return notice, order


def test_the_send_page_and_the_notice_page_count_by_language(client, city, editor, approver, settings):
    settings.SMALL_COUNT = 1
    notice, first = sent_to_an_english_and_a_korean_reader(editor, approver)
    as_user(client, editor)
    for url in (reverse("console_send", args=[first.pk]), reverse("console_notice", args=[notice.pk])):
        html = client.get(url).content.decode()
        assert 'id="by-language"' in html
        assert row(html, "en") == ["English", "1", "1", "0", ""]
        assert row(html, "ko") == ["한국어", "1", "0", "1", "日本語"]  # no Korean version: the Japanese one
    english = SendOrder.objects.get(notice=notice, language="en")
    assert 'id="order-language"' in client.get(reverse("console_send", args=[english.pk])).content.decode()


def test_small_counts_by_language_are_suppressed(client, city, editor, approver, settings):
    settings.SMALL_COUNT = 10
    notice, _first = sent_to_an_english_and_a_korean_reader(editor, approver)
    as_user(client, editor)
    html = client.get(reverse("console_notice", args=[notice.pk])).content.decode()
    cells = row(html, "ko")
    assert cells[1] != "1" and "10" in cells[1]  # 「10人未満」, never the figure


def test_the_stats_carry_each_orders_language_and_fallbacks(city, editor, approver):
    notice, _first = sent_to_an_english_and_a_korean_reader(editor, approver)
    figures = {o.language: order_stats(o).as_dict() for o in SendOrder.objects.filter(notice=notice)}
    assert figures["ja"]["languages"] == {"ko": 1} and figures["ja"]["language_fallbacks"] == 1
    assert figures["en"]["languages"] == {"en": 1} and figures["en"]["language_fallbacks"] == 0
