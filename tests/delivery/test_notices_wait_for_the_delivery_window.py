from datetime import datetime, timedelta

import pytest

from foryou.gateway.delivery import window
from foryou.gateway.models import Delivery
from foryou.notices import sending
from tests.delivery.conftest import copies, dispatch, line_user, registrant, sync

pytestmark = pytest.mark.django_db(databases=["default", "gateway"])
TOKYO = window.TOKYO


def test_the_window_opens_at_eight_and_closes_at_eight_in_the_evening_tokyo_time():
    bounds = window.parse("08:00-20:00")
    assert window.is_open(datetime(2026, 12, 1, 8, 0, tzinfo=TOKYO), bounds)
    assert not window.is_open(datetime(2026, 12, 1, 20, 0, tzinfo=TOKYO), bounds)
    assert window.next_open(datetime(2026, 12, 1, 21, 30, tzinfo=TOKYO), bounds) == datetime(2026, 12, 2, 8, 0, tzinfo=TOKYO)
    assert window.next_open(datetime(2026, 12, 1, 6, 0, tzinfo=TOKYO), bounds) == datetime(2026, 12, 1, 8, 0, tzinfo=TOKYO)
    assert window.is_open(datetime(2026, 12, 1, 23, 0, tzinfo=TOKYO), window.parse("22:00-06:00"))


def test_a_bad_window_setting_says_how_to_write_it():
    with pytest.raises(window.BadWindow, match="08:00-20:00"):
        window.parse("8am to 8pm")


def _closed_now(settings):
    now = datetime.now(TOKYO)
    start, end = now + timedelta(hours=1), now + timedelta(hours=2)
    settings.DELIVERY_WINDOW = f"{start:%H:%M}-{end:%H:%M}"


def test_outside_the_window_notices_are_held_and_urgent_ones_go(delivery_settings, line, approved_broadcast, editor,
                                                                transport):
    _closed_now(delivery_settings)
    line.create_user("住民", user_id=line_user(1))
    registrant(line_user_id=line_user(1))
    sending.start(sending.schedule(approved_broadcast, by=editor, broadcast=True))
    sync(transport)
    dispatch()
    held = Delivery.objects.get()
    assert (held.status, held.reason) == ("deferred", "window") and held.not_before > held.created_at
    assert copies(line, line_user(1)) == 0

    urgent = sending.schedule(approved_broadcast, by=editor, broadcast=True, urgent=True)
    Delivery.objects.all().delete()  # the same notice: let the urgent order reach them
    sending.start(urgent)
    sync(transport)
    dispatch()
    assert copies(line, line_user(1)) == 1
