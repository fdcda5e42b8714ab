"""Ages as calendar arithmetic, shared by the SQL compiler and the reference evaluator.

A person's age in years on day D is the number of birthdays reached by D; in common years a birthday
on 29 February is reached on 1 March. (Japan's law on age counting moves ages a day earlier; programs
that depend on that say so with their own date windows.)
Conditions on age compile to comparisons of the birth date with one literal date, which is exact,
fast (a range scan) and the same in every SQL dialect. Property tests check the two views agree.
"""

import calendar
from datetime import date, timedelta


def age_in_years(birth: date, on: date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def age_in_months(birth: date, on: date) -> int:
    return (on.year - birth.year) * 12 + on.month - birth.month - (on.day < birth.day)


def shift_months(day: date, months: int) -> date:
    """The same day `months` later (earlier if negative), clamped to the month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def latest_birth_for_age(age: int, unit: str, on: date) -> date:
    """The latest birth date whose age on `on` is at least `age` (unit 'years' or 'months').

    age ≥ N  ⟺  birth ≤ latest_birth_for_age(N)."""
    months = age * 12 if unit == "years" else age
    candidate = shift_months(on, -months)
    # Clamping (31 → 30, 29 Feb → 28 Feb) can only move the candidate earlier, never past a valid one;
    # step forward while the next day still qualifies (at most a few days).
    while True:
        nxt = candidate + timedelta(days=1)
        if _age(nxt, on, unit) >= age:
            candidate = nxt
        else:
            return candidate


def birthday_of_age(birth: date, age: int, unit: str) -> date:
    """The first day on which the person has reached `age` (e.g. their 65th birthday)."""
    months = age * 12 if unit == "years" else age
    shifted = shift_months(birth, months)
    # A birth on the 31st reaches a month-age on the 1st of the next month when the month is short.
    if shifted.day < birth.day:
        shifted += timedelta(days=1)
    return shifted


def earliest_birth_reaching(age: int, unit: str, day: date) -> date:
    """The earliest birth date whose `age` birthday falls on or after `day`.

    birthday_of_age(birth) ≥ day  ⟺  birth ≥ earliest_birth_reaching(age, day)."""
    # birthday ≥ day ⟺ not (age on day-1 ≥ age) ⟺ birth > latest_birth_for_age(age, day-1).
    return latest_birth_for_age(age, unit, day - timedelta(days=1)) + timedelta(days=1)


def _age(birth: date, on: date, unit: str) -> int:
    return age_in_years(birth, on) if unit == "years" else age_in_months(birth, on)
