"""The demo prepares a notice with an English and a やさしい日本語 version, approved and ready to send (once,
however often the demo starts): a registrant who chose English on the settings page gets it in English."""

import pytest

from foryou.accounts.services import ensure_demo_staff
from foryou.dev import demo_languages
from foryou.enrollment.models import Registration
from foryou.notices import sending
from foryou.notices.models import Notice, SendOrder
from tests.delivery.conftest import registrant

pytestmark = pytest.mark.django_db(databases=["default", "gateway"])


def test_the_demo_notice_is_approved_in_three_languages_and_reaches_each_reader_in_theirs(city):
    ensure_demo_staff()
    demo_languages.prepare()
    demo_languages.prepare()
    notice = Notice.objects.get()
    version = notice.sendable
    assert version is not None and version.broadcast and set(version.translations) == {"en", "ja-easy"}

    readers = {}
    for language in ("en", "ja-easy", "ja"):
        readers[language] = registrant(email=f"{language}@example.jp").number
        Registration.objects.filter(number=readers[language]).update(language=language)
    order = sending.schedule(notice, by=version.created_by)
    sending.start(order)
    sent = {o.language: sending.order_message(o, 1).content for o in SendOrder.objects.filter(notice=notice)}
    assert sent["en"].title == demo_languages.TRANSLATIONS["en"]["title"]
    assert sent["ja-easy"].title == demo_languages.TRANSLATIONS["ja-easy"]["title"]
    assert sent["ja"].title == demo_languages.WORDING.title
