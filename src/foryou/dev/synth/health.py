"""Checkups and vaccinations (健診・予防接種) of the last three fiscal years, up to as-of.

Each kind is a rule over age (or a date after birth) and a take-up rate; a persistent per-person
propensity makes the same people go to several screenings, as real take-up data shows. A record is
kept only if the person was a resident on the day.
"""

from dataclasses import dataclass
from datetime import date

import numpy as np

from foryou.residents import layout
from foryou.dev.synth import dates
from foryou.dev.synth.model import City

KINDS = layout.CHECKUP_KINDS
K = {kind: i for i, kind in enumerate(KINDS)}

# Yearly screenings: kind, ages (at the end of the fiscal year), sex (0 any), take-up, months (Apr=0)
_SCREENINGS = (
    ("特定健診", range(40, 75), 0, 0.35, (2, 10)),
    ("健康診査", range(75, 106), 0, 0.25, (2, 10)),
    ("肺がん検診", range(40, 106), 0, 0.11, (2, 11)),
    ("大腸がん検診", range(40, 106), 0, 0.13, (2, 11)),
    ("胃がん検診", range(50, 106), 0, 0.07, (2, 11)),
    ("胃がんリスク検査", range(40, 71, 5), 0, 0.18, (2, 11)),
    ("前立腺がん検診", range(50, 106), 1, 0.09, (2, 11)),
    ("骨粗しょう症検診", range(40, 71, 5), 2, 0.12, (2, 11)),
    ("歯周病検診", (20, 30, 40, 50, 60, 70), 0, 0.08, (2, 11)),
)

# Infant checkups and vaccinations: kind, first and last day after birth, take-up
_BY_AGE = (
    ("乳児一般健康診査1回目", 28, 45, 0.93),
    ("乳児一般健康診査2回目", 270, 310, 0.88),
    ("水痘1回目", 365, 455, 0.93),
    ("麻しん風しん1期", 365, 640, 0.95),
    ("二種混合", 11 * 365, 13 * 365 - 1, 0.8),
)


@dataclass
class Checkups:
    person: np.ndarray
    kind: np.ndarray  # index into layout.CHECKUP_KINDS
    done_on: np.ndarray

    def __len__(self):
        return len(self.person)


def build(rng: np.random.Generator, city: City) -> Checkups:
    today = city.today
    fy = dates.fiscal_year(city.as_of)
    window_start = dates.day(date(fy - 2, 4, 1))
    keen = np.minimum(rng.gamma(2.0, 0.5, city.n), 2.5)  # health-minded people go more often
    parts = []

    def keep(person, kind, day):
        ok = (day >= window_start) & (day <= today) & (city.since[person] <= day) & (city.removed[person] > day)
        parts.append((person[ok], np.full(int(ok.sum()), K[kind]), day[ok]))

    everyone = np.arange(city.n)
    for year in (fy - 2, fy - 1, fy):
        start = dates.day(date(year, 4, 1))
        age = dates.age_at(city.birth, dates.day(date(year + 1, 3, 31)))
        for kind, ages, sex, rate, (m0, m1) in _SCREENINGS:
            eligible = np.isin(age, np.asarray(ages)) & ((city.sex == sex) if sex else True)
            take = eligible & (rng.random(city.n) < rate * keen)
            person = everyone[take]
            lo = dates.from_ymd(year + (4 + m0 - 1) // 12, (4 + m0 - 1) % 12 + 1, 1)
            hi = dates.from_ymd(year + (4 + m1) // 12, (4 + m1) % 12 + 1, 1) - 1
            keep(person, kind, dates.uniform_days(rng, np.full(len(person), lo), np.full(len(person), hi)))
        # Pneumococcal vaccine for the elderly: at 65 (and, until FY2023, every fifth year to 100).
        ages = (65,) if year >= 2024 else tuple(range(65, 101, 5))
        take = np.isin(age, ages) & (rng.random(city.n) < 0.38)
        person = everyone[take]
        keep(person, "高齢者肺炎球菌", dates.uniform_days(rng, np.full(len(person), start), np.full(len(person), start + 364)))

    # Infants and children: a date some days after birth.
    young = np.flatnonzero(city.birth >= window_start - 13 * 365)
    for kind, d0, d1, rate in _BY_AGE:
        person = young[rng.random(len(young)) < rate]
        keep(person, kind, dates.uniform_days(rng, city.birth[person] + d0, city.birth[person] + d1))
    # Second doses follow the first (even one given before the window).
    first = dates.uniform_days(rng, city.birth[young] + 365, city.birth[young] + 455)
    second = first + rng.integers(180, 366, len(young))
    done = rng.random(len(young)) < 0.88
    keep(young[done], "水痘2回目", second[done])
    # 麻しん風しん2期: the year before primary school (年長), April to March.
    school_year = dates.ymd(city.birth[young]) // 10000 + 6 + (dates.ymd(city.birth[young]) % 10000 > 401)
    lo = dates.from_ymd(school_year - 1, 4, 1)
    done = rng.random(len(young)) < 0.93
    keep(young[done], "麻しん風しん2期", dates.uniform_days(rng, lo[done], lo[done] + 364))

    person = np.concatenate([p for p, _, _ in parts])
    kind = np.concatenate([k for _, k, _ in parts])
    day = np.concatenate([d for _, _, d in parts])
    order = np.lexsort((kind, day, city.resident_id[person]))
    return Checkups(person[order], kind[order], day[order])
