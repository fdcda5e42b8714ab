"""Incomes and the resident tax (個人住民税) of two fiscal years.

合計所得金額 is income after the employment-income and public-pension deductions, so many pensioners
and part-timers show 0. The tax follows the real rules in simplified form: a 非課税 limit of
350,000 × (1 + dependants) + 310,000 (450,000 alone) for the per-capita levy, + 420,000 for the income
levy (Chiba is a 1級地), 所得割 10 % of taxable income less the 2,500 yen adjustment, 均等割 5,000.
"""

from dataclasses import dataclass
from datetime import date

import numpy as np

from foryou.residents import layout
from foryou.dev.synth import dates, households
from foryou.dev.synth.model import City

PER_CAPITA = 5000
DEPENDANT_LIMIT = 480_000  # a dependant's own 合計所得金額 may not exceed this
BASIC_DEDUCTION = 430_000
DEPENDANT_DEDUCTION = 330_000
SINGLE_PARENT_LIMIT = 1_350_000  # ひとり親: no resident tax up to this income


@dataclass
class TaxYear:
    fiscal_year: int
    person: np.ndarray  # person index of each row
    income: np.ndarray
    income_levy: np.ndarray
    per_capita: np.ndarray
    status: np.ndarray  # "0"/"1"/"2" as int
    dependants: np.ndarray


@dataclass
class Finances:
    income: dict  # fiscal year → per-person 合計所得金額 (0 for the non-resident)
    years: list  # TaxYear, oldest first


def _lognormal(rng_z, median, sigma):
    return np.exp(np.log(median) + sigma * rng_z)


def _income_at(city: City, age, u, z, noise) -> np.ndarray:
    """One year's 合計所得金額 from a person's age, role and persistent draws u (class) and z (level)."""
    n = city.n
    male = city.sex == 1
    wife = city.rel == households.REL["妻"]
    head = city.rel == households.REL[layout.HEAD]
    lone_parent = head & (city.hh_kind[city.hh] == households.T["single_parent"])
    peak = np.interp(age, [23, 30, 40, 50, 55, 60, 65], [2.4e6, 3.1e6, 3.9e6, 4.6e6, 4.6e6, 3.8e6, 3.3e6])
    peak = peak * np.where(head, 1.08, 1.0)
    working_old = np.interp(age, [65, 70, 75, 85], [0.28, 0.14, 0.05, 0.01]) * np.where(male, 1.0, 0.45)
    zero_old = np.where(male, 0.25, 0.5)
    inc = np.zeros(n)
    teen = (age >= 16) & (age < 18)
    young = (age >= 18) & (age < 23)
    prime = (age >= 23) & (age < 65)
    old = age >= 65
    inc = np.where(teen & (u >= 0.9), _lognormal(z, 250e3, 0.5), inc)
    inc = np.where(young & (u >= 0.5) & (u < 0.88), _lognormal(z, 450e3, 0.5), inc)
    inc = np.where(young & (u >= 0.88), _lognormal(z, 1.9e6, 0.35), inc)
    m = prime & male
    inc = np.where(m & (u >= 0.05) & (u < 0.09), _lognormal(z, 900e3, 0.4), inc)
    inc = np.where(m & (u >= 0.09), _lognormal(z, 1.0, 0.5) * peak, inc)
    w = prime & ~male & wife
    inc = np.where(w & (u >= 0.3) & (u < 0.65), _lognormal(z, 700e3, 0.55), inc)
    inc = np.where(w & (u >= 0.65), _lognormal(z, 2.7e6, 0.45), inc)
    sp = prime & ~male & lone_parent
    inc = np.where(sp & (u >= 0.07) & (u < 0.45), _lognormal(z, 1.1e6, 0.5), inc)
    inc = np.where(sp & (u >= 0.45), _lognormal(z, 2.4e6, 0.45), inc)
    f = prime & ~male & ~wife & ~lone_parent
    inc = np.where(f & (u >= 0.07) & (u < 0.2), _lognormal(z, 800e3, 0.5), inc)
    inc = np.where(f & (u >= 0.2), _lognormal(z, 1.0, 0.5) * peak * 0.75, inc)
    o = old & (u >= zero_old)
    inc = np.where(o, _lognormal(z, np.where(male, 900e3, 450e3), 0.6), inc)
    inc = np.where(old & (u >= 1 - working_old), _lognormal(z, 2.6e6, 0.7), inc)
    inc = inc * np.exp(noise)
    # A few small businesses report a loss.
    loss = (age >= 23) & (u < 0.001)
    inc = np.where(loss, -_lognormal(z, 500e3, 1.0), inc)
    return np.floor(inc).astype(np.int64)


def build(rng: np.random.Generator, city: City) -> Finances:
    fy = dates.fiscal_year(city.as_of)
    u, z = rng.random(city.n), rng.normal(0.0, 1.0, city.n)
    income, years = {}, []
    for year in (fy - 1, fy):
        jan1 = dates.day(date(year, 1, 1))
        age = dates.age_at(city.birth, jan1)
        present = city.resident_on(jan1)
        inc = np.where(present, _income_at(city, age, u, z, rng.normal(0.0, 0.08, city.n)), 0)
        income[year] = inc
        years.append(_assess(city, year, age, present, inc))
    return Finances(income, years)


def _assess(city: City, year: int, age, present, income) -> TaxYear:
    starts = city.hh_start
    # The main earner: the highest income among members present on 1 January (head first on ties).
    ranked = np.where(present, income, np.iinfo(np.int64).min)
    top = np.maximum.reduceat(ranked, starts)
    idx = np.arange(city.n)
    earner = np.minimum.reduceat(np.where(present & (ranked == top[city.hh]), idx, city.n), starts)
    has_earner = earner < city.n
    earner_hh = np.where(has_earner, earner, 0)
    is_earner = np.zeros(city.n, bool)
    is_earner[earner[has_earner]] = True
    # Dependants: the other members present with little income of their own (children included).
    dep = present & ~is_earner & (income <= DEPENDANT_LIMIT)
    dep_all = np.add.reduceat(dep.astype(np.int64), starts)
    dep_16 = np.add.reduceat((dep & (age >= 16)).astype(np.int64), starts)
    claims = has_earner & (income[earner_hh] > DEPENDANT_LIMIT)
    dependants = np.zeros(city.n, np.int64)
    dependants[earner[claims]] = dep_all[claims]
    deduct16 = np.zeros(city.n, np.int64)
    deduct16[earner[claims]] = dep_16[claims]

    rows = np.flatnonzero(present & (age >= 16))
    rows = rows[np.argsort(city.resident_id[rows], kind="stable")]
    inc, d, d16 = income[rows], dependants[rows], deduct16[rows]
    lone_parent = (city.rel[rows] == households.REL[layout.HEAD]) & \
        (city.hh_kind[city.hh[rows]] == households.T["single_parent"]) & (d > 0)
    per_capita_limit = np.where(d == 0, 450_000, 350_000 * (1 + d) + 310_000)
    income_limit = np.where(d == 0, 450_000, 350_000 * (1 + d) + 420_000)
    status = np.where((inc <= per_capita_limit) | (lone_parent & (inc <= SINGLE_PARENT_LIMIT)), 2,
                      np.where(inc <= income_limit, 1, 0))
    insurance = np.where(age[rows] < 65, 0.14, 0.08) * np.maximum(inc, 0)
    taxable = np.floor(np.maximum(inc - BASIC_DEDUCTION - DEPENDANT_DEDUCTION * d16 - insurance, 0) / 1000) * 1000
    levy = (np.floor(np.maximum(taxable * 0.10 - 2500, 0) / 100) * 100).astype(np.int64)
    status = np.where((status == 0) & (levy == 0), 1, status)
    levy = np.where(status == 0, levy, 0)
    per_capita = np.where(status == 2, 0, PER_CAPITA)
    return TaxYear(year, rows, inc, levy, per_capita, status, d)
