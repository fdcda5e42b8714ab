"""The delivery window is one setting both zones read (foryou.shared.delivery_window): the console
computes when a held send starts without importing the gateway, and the gateway keeps its API."""

from datetime import datetime, time

import pytest
from django.utils import translation

from foryou.notices import delivery_hours
from foryou.shared import delivery_window as dw

TOKYO = dw.TOKYO


def at(hour: int, minute: int = 0, day: int = 7) -> datetime:
    return datetime(2026, 12, day, hour, minute, tzinfo=TOKYO)


def test_the_next_opening_is_this_morning_before_it_and_tomorrow_after_it():
    bounds = dw.parse("08:00-20:00")
    assert dw.next_open(at(6, 30), bounds) == at(8)
    assert dw.next_open(at(21), bounds) == at(8, day=8)
    assert dw.next_open(at(12), bounds) == at(12)


def test_a_window_across_midnight_is_open_at_night():
    bounds = dw.parse("22:00-06:00")
    assert dw.is_open(at(23), bounds) and dw.is_open(at(5), bounds) and not dw.is_open(at(12), bounds)
    assert dw.next_open(at(12), bounds) == at(22)


def test_a_malformed_window_names_the_setting():
    with pytest.raises(dw.BadWindow, match="FORYOU_DELIVERY_WINDOW"):
        dw.parse("8am to 8pm")


def test_hours_are_written_without_a_leading_zero():
    assert dw.clock(time(8, 0)) == "8:00" and dw.clock(time(20, 30)) == "20:30"


def test_staff_read_the_opening_today_as_a_time_and_tomorrow_with_its_date(settings):
    settings.DELIVERY_WINDOW = "08:00-20:00"
    assert delivery_hours.opening_label(at(6)) == "8:00"
    with translation.override("en"):
        assert delivery_hours.opening_label(at(21)) == "12/8 8:00"
    assert delivery_hours.hours() == {"start": "8:00", "end": "20:00"}


def test_the_gateway_reads_the_same_window(settings):
    from foryou.gateway.delivery import window

    settings.DELIVERY_WINDOW = "09:00-17:00"
    assert window.next_open(at(18)) == dw.next_open(at(18), dw.parse("09:00-17:00")) == at(9, day=8)
