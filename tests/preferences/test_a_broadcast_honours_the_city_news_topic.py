"""A broadcast (a survey, the city's news) is the topic 市からのお知らせ・アンケート: whoever turned that
off does not get it, whatever else they turned off; everyone else does. The estimate before sending
counts the same way."""

import pytest

from foryou.notices import sending
from foryou.notices.freezing import honoured_topic
from tests.delivery.conftest import dispatch, line_user
from tests.preferences.conftest import registrant, start, sync, turn_off

pytestmark = pytest.mark.django_db(databases=["default", "gateway"])


def test_a_broadcast_skips_who_turned_city_news_off(delivery_settings, line, approved_broadcast, editor, transport):
    registrations = []
    for n in (1, 2, 3):
        line.create_user("住民", user_id=line_user(n))
        registrations.append(registrant(line_user_id=line_user(n)))
    turn_off(registrations[0], "city_news", transport=transport)
    turn_off(registrations[1], "vaccinations", "checkups", transport=transport)
    assert sending.estimate(approved_broadcast, broadcast=True) == (2, 2)

    order = start(approved_broadcast, editor, broadcast=True)
    assert honoured_topic(order) == "city_news" and order.recipients == 2
    sync(transport)
    dispatch()
    assert [len(line.messages(line_user(n))) for n in (1, 2, 3)] == [0, 1, 1]
