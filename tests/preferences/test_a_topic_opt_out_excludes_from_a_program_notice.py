"""A registrant who turned 予防接種 off on the settings page is not a recipient of a vaccination program's
notice: the console leaves them out when it freezes the recipients, so the gateway never gets their
number; the others who qualify still get it, and a notice on another topic still reaches them."""

import pytest

from foryou.gateway.models import Delivery
from foryou.notices.freezing import honoured_topic
from tests.delivery.conftest import dispatch, line_user
from tests.preferences.conftest import approved_program_notice, registrant, start, sync, turn_off
from tests.residents.exports import HANAKO, TARO, UME

pytestmark = pytest.mark.django_db(databases=["default", "gateway"])


def test_a_program_notice_leaves_out_who_turned_its_topic_off(delivery_settings, line, city, editor, approver,
                                                             transport):
    people = {}
    for n, resident in enumerate([TARO, HANAKO, UME], start=1):
        line.create_user("住民", user_id=line_user(n))
        people[resident] = registrant(line_user_id=line_user(n), resident_id=resident)
    turn_off(people[HANAKO], "vaccinations", transport=transport)
    assert people[HANAKO].topics_off == ["vaccinations"]  # the console has the choice: flags only

    order = start(approved_program_notice("vaccine", editor, approver), editor)
    assert honoured_topic(order) == "vaccinations"
    assert order.recipients == 2  # 太郎 and うめ; 花子 turned 予防接種 off
    sync(transport)
    dispatch()
    assert [len(line.messages(line_user(n))) for n in (1, 2, 3)] == [1, 0, 1]
    assert not Delivery.objects.filter(subscriber__line_user_id=line_user(2)).exists()


def test_turning_another_topic_off_changes_nothing_for_this_one(delivery_settings, line, city, editor, approver,
                                                                transport):
    for n, resident in enumerate([TARO, HANAKO, UME], start=1):
        registration = registrant(line_user_id=line_user(n), resident_id=resident)
        turn_off(registration, "checkups", "city_news", transport=transport)
    assert start(approved_program_notice("vaccine", editor, approver), editor).recipients == 3
