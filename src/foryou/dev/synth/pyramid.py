"""A 2020s Japanese age pyramid: births per calendar year times survival, plus the urban inflow of
young adults that a designated city like Chiba sees. The shape follows from the birth years, so the
bulges (団塊の世代 born 1947–49, 団塊ジュニア born 1971–74) and the 1966 丙午 dip move with as-of.
"""

import numpy as np

MAX_AGE = 105

# Live births in Japan, thousands (vital statistics, rounded). Years not listed take the previous value.
_BIRTHS = {
    1915: 1800, 1925: 2090, 1935: 2190, 1941: 2280, 1944: 2150, 1945: 1650, 1946: 1900,
    1947: 2680, 1948: 2680, 1949: 2700, 1950: 2340, 1951: 2140, 1952: 2010, 1953: 1870, 1954: 1770,
    1955: 1730, 1956: 1670, 1957: 1570, 1958: 1650, 1959: 1630, 1960: 1610, 1961: 1590, 1962: 1620,
    1963: 1660, 1964: 1720, 1965: 1820, 1966: 1360, 1967: 1940, 1968: 1870, 1969: 1890, 1970: 1930,
    1971: 2000, 1972: 2040, 1973: 2090, 1974: 2030, 1975: 1900, 1976: 1830, 1977: 1760, 1978: 1710,
    1979: 1640, 1980: 1580, 1981: 1530, 1982: 1520, 1983: 1510, 1984: 1490, 1985: 1430, 1986: 1380,
    1987: 1350, 1988: 1310, 1989: 1250, 1990: 1220, 1992: 1210, 1993: 1190, 1994: 1240, 1995: 1190,
    1996: 1210, 2000: 1190, 2001: 1170, 2002: 1150, 2003: 1120, 2004: 1110, 2005: 1060, 2006: 1090,
    2009: 1070, 2011: 1050, 2012: 1040, 2013: 1030, 2014: 1000, 2015: 1010, 2016: 980, 2017: 950,
    2018: 920, 2019: 870, 2020: 840, 2021: 810, 2022: 770, 2023: 730, 2024: 690, 2025: 670,
}


def births(year: int) -> float:
    known = [y for y in _BIRTHS if y <= year]
    return float(_BIRTHS[max(known)] if known else _BIRTHS[min(_BIRTHS)])


def survival(ages: np.ndarray) -> np.ndarray:
    """Gompertz survival, both sexes (mortality ≈ 4 % a year at 80, about a third reach 90)."""
    a, b = 1.34e-5, 0.1
    return np.exp(-(a / b) * (np.exp(b * ages) - 1.0))


def age_weights(year: int) -> np.ndarray:
    """Relative number of residents of each age 0..MAX_AGE in `year`."""
    ages = np.arange(MAX_AGE + 1, dtype=float)
    born = np.array([births(year - int(a)) for a in ages])
    inflow = 1.0 + 0.22 * np.exp(-(((ages - 27.0) / 7.0) ** 2))  # students and young workers move in
    return born * survival(ages) * inflow


def sample_ages(rng: np.random.Generator, weights: np.ndarray, n: int, lo: int, hi: int, bias=None) -> np.ndarray:
    """n ages in [lo, hi] drawn from the pyramid, optionally reweighted by bias(ages)."""
    ages = np.arange(lo, hi + 1)
    w = weights[lo:hi + 1].astype(float)
    if bias is not None:
        w = w * bias(ages.astype(float))
    cdf = np.cumsum(w)
    picks = np.searchsorted(cdf, rng.random(n) * cdf[-1], side="right")
    return ages[np.minimum(picks, len(ages) - 1)].astype(np.int16)


def normal_int(rng: np.random.Generator, n: int, mean: float, sd: float, lo: int, hi: int) -> np.ndarray:
    return np.clip(np.rint(rng.normal(mean, sd, n)), lo, hi).astype(np.int16)
