"""Vectorised date arithmetic on day numbers (days since 1970-01-01, int32/int64 numpy arrays).

Everything in the synthetic city is a day number until the writer formats it as YYYYMMDD.
"""

from datetime import date, timedelta

import numpy as np

EPOCH = date(1970, 1, 1)
NEVER = np.int32(2**31 - 1)  # "no date": removed_on of a current resident, end of an open allowance


def day(d: date) -> int:
    return (d - EPOCH).days


def to_date(n: int) -> date:
    return EPOCH + timedelta(days=int(n))


def fiscal_year(d: date) -> int:
    """Japanese fiscal year (年度): April to March."""
    return d.year if d.month >= 4 else d.year - 1


def ymd(days: np.ndarray) -> np.ndarray:
    """Day numbers → YYYYMMDD integers."""
    d = np.asarray(days, dtype="int64").astype("M8[D]")
    months = d.astype("M8[M]")
    years = months.astype("M8[Y]").astype("int64") + 1970
    month = months.astype("int64") % 12 + 1
    dom = (d - months.astype("M8[D]")).astype("int64") + 1
    return years * 10000 + month * 100 + dom


def from_ymd(year, month, dom) -> np.ndarray:
    """Year/month/day arrays → day numbers (month and day must make a calendar date)."""
    year = np.asarray(year, dtype="int64")
    month = np.asarray(month, dtype="int64")
    months = ((year - 1970) * 12 + month - 1).astype("M8[M]")
    return (months.astype("M8[D]").astype("int64") + np.asarray(dom, dtype="int64") - 1)


def add_years(days: np.ndarray, years) -> np.ndarray:
    """Same calendar day `years` later (29 February → 1 March), as the registry counts ages."""
    d = np.asarray(days, dtype="int64").astype("M8[D]")
    months = d.astype("M8[M]")
    offset = d - months.astype("M8[D]")
    moved = (months + np.asarray(years, dtype="int64") * 12).astype("M8[D]") + offset
    return moved.astype("int64")


def age_at(birth: np.ndarray, at) -> np.ndarray:
    """Completed years of age on day `at` (scalar or array): the YYYYMMDD subtraction trick."""
    return (ymd(np.broadcast_to(at, np.shape(birth))) - ymd(birth)) // 10000


def uniform_days(rng: np.random.Generator, lo, hi) -> np.ndarray:
    """A uniform day in [lo, hi] (inclusive); hi < lo yields lo."""
    lo = np.asarray(lo, dtype="int64")
    hi = np.maximum(np.asarray(hi, dtype="int64"), lo)
    return lo + np.floor(rng.random(np.broadcast(lo, hi).shape) * (hi - lo + 1)).astype("int64")


def ymd_strings(days: np.ndarray, missing=None) -> list[str]:
    """YYYYMMDD strings; "" where `missing` is true (or the day is NEVER)."""
    days = np.asarray(days, dtype="int64")
    empty = days >= NEVER if missing is None else missing
    safe = np.where(empty, 0, days)
    text = ymd(safe).astype("U8")
    if empty.any():
        text = np.where(empty, "", text)
    return text.tolist()
