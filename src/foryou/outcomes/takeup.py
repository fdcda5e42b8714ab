"""Reading take-up: how many in each group of a notice took up the program, day by day since it.

    cumulative("jido-fuyo-teate", {"notified": [...], "holdout": [...]}, date(2026, 6, 1), 30)
        -> {"notified": [c0, c1, ..., c30], "holdout": [...]}
    took_up_counts(...) -> {"notified": c30, "holdout": ...}
    data_through("jido-fuyo-teate") -> the as-of date of the latest import whose take-up was recorded

Counting rules (decision 0020): a resident counts once, on the day of their first take-up on or after
`start` (day 0 is the day of the notice); take-up before `start` is not counted. Everyone assigned stays
in their group's denominator (intention to treat), including registrants who leave the city during
the window: what they do after leaving is not observed, and they count as not having taken up then.
"""

from datetime import date, timedelta

import numpy as np

from foryou.outcomes.definitions import outcome_of
from foryou.outcomes.models import TakeUp, TakeUpRecording


def first_takeups(program: str, start: date, last: date, residents=None) -> dict[str, int]:
    """{resident_id: days from `start` to their first take-up} of each resident (of `residents`, a set or
    dict, if given) who took `program` up between `start` and `last`."""
    offsets = {(start + timedelta(days=d)).isoformat(): d for d in range((last - start).days + 1)}
    first: dict[str, int] = {}
    for resident_id, day in TakeUp.objects.of_program(program).between(start, last).days_in_order().fetch_all():
        if (residents is None or resident_id in residents) and resident_id not in first:
            first[resident_id] = offsets[str(day)[:10]]
    return first


def cumulative(program: str, groups: dict[str, list[str]], start: date, days: int) -> dict[str, list[int]]:
    """For each group, the number of its residents who had taken up by day 0..`days` after `start`
    (a list of days + 1 counts). A resident listed in two groups counts in the first one only."""
    if days < 0:
        raise ValueError("days must be 0 or more")
    arm_of: dict[str, int] = {}
    names = list(groups)
    for index in range(len(names) - 1, -1, -1):  # the first group wins a resident listed twice
        arm_of.update(dict.fromkeys(groups[names[index]], index))
    first = first_takeups(program, start, start + timedelta(days=days), arm_of)
    per_day = np.zeros((len(names), days + 1), dtype=np.int64)
    if first:
        arms = np.fromiter((arm_of[rid] for rid in first), dtype=np.int64, count=len(first))
        np.add.at(per_day, (arms, np.fromiter(first.values(), dtype=np.int64, count=len(first))), 1)
    totals = np.cumsum(per_day, axis=1)
    return {name: totals[i].tolist() for i, name in enumerate(names)}


def took_up_counts(program: str, groups: dict[str, list[str]], start: date, days: int) -> dict[str, int]:
    """For each group, how many of its residents took up from `start` to the end of the window."""
    return {name: counts[-1] for name, counts in cumulative(program, groups, start, days).items()}


def data_through(program) -> date | None:
    """Up to which date take-up of `program` (a Program or its code) is known: the as-of date of the
    latest import whose take-up was recorded. None when the program has no outcome or nothing was recorded."""
    outcome = outcome_of(program)
    if outcome is None:
        return None
    code = program if isinstance(program, str) else program.code
    for as_of, counts in TakeUpRecording.objects.latest_first().values_list("as_of", "counts")[:50]:
        if code in (counts or {}):
            return as_of
    return None
