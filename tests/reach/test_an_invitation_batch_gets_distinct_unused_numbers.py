"""An approved invitation batch gets as many numbers as residents, all different and none
already held by another registration (checked against the table in chunks, not one query a number)."""

import pytest

from foryou.enrollment.models import Registration
from foryou.enrollment.services import issue_number, unused_numbers
from foryou.shared import numbers

pytestmark = pytest.mark.django_db


def test_numbers_for_a_batch_are_distinct_well_formed_and_unused(monkeypatch):
    held = issue_number("0000000001").number
    made = iter([held, held] + [f"{n:016d}" for n in range(2_000_000_000_000_000, 2_000_000_000_002_500)])
    monkeypatch.setattr(numbers, "new_number", lambda: next(made))  # the first draws collide with a held number
    issued = unused_numbers(2000)
    assert len(issued) == len(set(issued)) == 2000
    assert held not in issued
    assert not Registration.objects.filter(number__in=issued[:900]).exists()
