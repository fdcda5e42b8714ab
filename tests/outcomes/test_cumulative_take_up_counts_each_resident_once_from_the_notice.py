"""cumulative(): each group's residents who had taken up by day 0..days after the notice, counting a
resident once (their first take-up on or after the notice) and nothing before the notice."""

from datetime import date

import pytest

from foryou.outcomes.models import TakeUp
from foryou.outcomes.takeup import cumulative, took_up_counts

START = date(2026, 6, 1)


def took_up(resident_id, day, program="jido-fuyo-teate"):
    TakeUp.objects.create(program=program, resident_id=resident_id, took_up_on=day, source="allowances",
                          seen_on=date(2026, 7, 1))


@pytest.mark.django_db
def test_counts_per_day_first_take_up_only_and_nothing_before_the_notice():
    took_up("a1", date(2026, 6, 1))  # day 0: the day of the notice counts
    took_up("a2", date(2026, 6, 3))
    took_up("a2", date(2026, 6, 9))  # a second record of the same person: counted once, on day 2
    took_up("a3", date(2026, 5, 20))  # before the notice: not counted
    took_up("h1", date(2026, 6, 5))
    took_up("h2", date(2026, 6, 30))  # after the window of 5 days
    took_up("a4", date(2026, 6, 2), program="tokutei-kenshin")  # another program
    groups = {"notified": ["a1", "a2", "a3", "a4"], "holdout": ["h1", "h2"]}
    assert cumulative("jido-fuyo-teate", groups, START, 5) == {
        "notified": [1, 1, 2, 2, 2, 2],
        "holdout": [0, 0, 0, 0, 1, 1],
    }
    assert took_up_counts("jido-fuyo-teate", groups, START, 29) == {"notified": 2, "holdout": 2}


@pytest.mark.django_db
def test_a_resident_in_two_groups_counts_in_the_first_and_others_not_at_all():
    took_up("x", date(2026, 6, 2))
    took_up("stranger", date(2026, 6, 2))
    assert cumulative("jido-fuyo-teate", {"a": ["x"], "b": ["x"], "c": []}, START, 1) == {
        "a": [0, 1], "b": [0, 0], "c": [0, 0]}


@pytest.mark.django_db
def test_a_negative_window_is_refused():
    with pytest.raises(ValueError):
        cumulative("jido-fuyo-teate", {"a": []}, START, -1)
