from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from foryou.enrollment.matching.manual import nearby_dates


def test_the_typed_day_comes_first_then_its_slips():
    days = nearby_dates(date(1985, 12, 4))
    assert days[0] == date(1985, 12, 4)
    assert date(1985, 4, 12) in days  # month and day swapped
    assert date(1985, 12, 5) in days and date(1985, 12, 3) in days  # last digit one off
    assert date(1986, 12, 4) in days and date(1975, 12, 4) in days  # a year digit one off
    assert date(1985, 11, 4) in days  # a month digit one off
    assert date(1985, 12, 6) not in days  # two off is not a slip


def test_impossible_dates_are_left_out():
    days = nearby_dates(date(2000, 2, 28))
    assert all(isinstance(d, date) for d in days)
    assert date(2000, 2, 29) in days and len(days) == len(set(days))


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2025, 12, 31)))
def test_every_slip_differs_in_one_digit_by_one_or_is_the_swap(day):
    typed = f"{day:%Y%m%d}"
    for other in nearby_dates(day)[1:]:
        text = f"{other:%Y%m%d}"
        diffs = [(a, b) for a, b in zip(typed, text) if a != b]
        swapped = (other.month, other.day) == (day.day, day.month) and other.year == day.year
        assert swapped or (len(diffs) == 1 and abs(int(diffs[0][0]) - int(diffs[0][1])) == 1)
