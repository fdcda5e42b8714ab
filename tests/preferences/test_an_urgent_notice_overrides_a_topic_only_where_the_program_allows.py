"""An urgent notice reaches those who turned its topic off only where the program's file says
`urgent_overrides_topic: true` (an outbreak's vaccination); an urgent notice of any other program, and a
non-urgent one of that program, honour the choice. The gateway is told which topic to honour."""

import pytest

from foryou.gateway.models import DeliveryOrder
from tests.delivery.conftest import line_user
from tests.preferences.conftest import approved_program_notice, registrant, start, sync, turn_off
from tests.residents.exports import HANAKO, TARO

pytestmark = pytest.mark.django_db(databases=["default", "gateway"])


@pytest.fixture
def hanako_turned_vaccinations_off(city, transport):
    registrant(line_user_id=line_user(1), resident_id=TARO)
    turn_off(registrant(line_user_id=line_user(2), resident_id=HANAKO), "vaccinations", transport=transport)


@pytest.mark.parametrize(("program", "urgent", "recipients", "topic"), [
    ("outbreak", True, 2, ""),  # the program allows it: the choice is overridden
    ("outbreak", False, 1, "vaccinations"),  # not urgent: the choice stands
    ("vaccine", True, 1, "vaccinations"),  # urgent, but this program does not allow it
])
def test_only_an_urgent_notice_of_a_program_that_allows_it_overrides_the_topic(
        delivery_settings, hanako_turned_vaccinations_off, editor, approver, transport, program, urgent, recipients,
        topic):
    order = start(approved_program_notice(program, editor, approver), editor, urgent=urgent)
    assert order.recipients == recipients
    sync(transport)
    assert DeliveryOrder.objects.get().topic == topic
