"""The register entries of the city's persons: birth dates, names, when and why they became
residents, who was removed (転出, 死亡), protection orders, odd registry dates, and 宛名番号."""

import numpy as np

from foryou.residents import layout
from foryou.dev.synth import dates, geography, households, names
from foryou.dev.synth.model import City
from foryou.dev.synth.pyramid import age_weights

CHANGE = {name: i for i, name in enumerate(layout.CHANGE_REASONS)}
REMOVAL = {name: i for i, name in enumerate(layout.REMOVAL_REASONS)}
REL = households.REL
RESERVED = 16  # the first households always stay current (they carry the forced variant names)
ENFORCE_FROM = 1000  # from this size on, every rare feature is present at least once
REMOVED_SHARE = {"households": 0.006, "deaths": 0.0045, "moves": 0.0045}
OWN_FAMILY_NAME = [REL[r] for r in ("同居人", "妻(未届)", "夫(未届)", "妻の父", "妻の母", "夫の父", "夫の母", "縁故者")]


def build(rng: np.random.Generator, residents: int, as_of) -> City:
    today = dates.day(as_of)
    weights = age_weights(as_of.year)
    blocks, total = [], 0
    while total < residents:
        # About 2.07 persons per household; draw a little more than needed and cut at `residents`.
        s = households.fill(rng, weights, int((residents - total) / 1.95) + 16)
        blocks.append(s)
        total += int(s.valid.sum())
    valid = np.concatenate([b.valid for b in blocks])
    hh, slot = np.nonzero(valid)
    hh, slot = hh[:residents].astype(np.int32), slot[:residents].astype(np.int8)
    n_hh = int(hh[-1]) + 1
    cat = lambda attr: np.concatenate([getattr(b, attr) for b in blocks])  # noqa: E731
    kind = cat("kind")[:n_hh]
    age = cat("age")[hh, slot]
    size = np.bincount(hh, minlength=n_hh)
    start = np.concatenate([[0], np.cumsum(size)[:-1]]).astype(np.int64)

    lo = dates.add_years(np.full(residents, today), -(age.astype(np.int64) + 1)) + 1
    hi = dates.add_years(np.full(residents, today), -age.astype(np.int64))
    birth = dates.uniform_days(rng, lo, hi)
    age = dates.age_at(birth, today).astype(np.int16)  # exact, also when as-of is 29 February

    town = geography.choose_towns(rng, n_hh)
    in_flat = rng.random(n_hh) < geography.TOWNS.flat_share[town]
    city = City(
        as_of=as_of, today=today, hh_kind=kind, hh_start=start, hh_size=size, hh_town=town,
        hh_number=geography.address_numbers(rng, town), hh_katagaki=geography.katagaki(rng, town, in_flat),
        hh_family=names.family_names(rng, n_hh), hh_move_in=np.zeros(n_hh, np.int64),
        hh_id=_household_ids(rng, n_hh), hh=hh, slot=slot, rel=cat("rel")[hh, slot], sex=cat("sex")[hh, slot],
        age=age, birth=birth,
    )
    if residents >= ENFORCE_FROM:
        city.hh_family[:len(names.VARIANT_INDEX)] = names.VARIANT_INDEX
    _names(rng, city)
    _arrivals(rng, city)
    _removals(rng, city)
    _protection(rng, city)
    _odd_birth_dates(rng, city)
    city.resident_id = _resident_ids(rng, city)
    return city


def _names(rng, city: City) -> None:
    n = city.n
    city.family = city.hh_family[city.hh]
    own = np.isin(city.rel, OWN_FAMILY_NAME)
    city.family[own] = names.family_names(rng, int(own.sum()))
    years = dates.ymd(city.birth) // 10000
    given = names.given_names(rng, years, city.sex)
    # Brothers and sisters never share a given name: move a clash to the next name of the pool.
    for _ in range(6):
        clash = np.zeros(n, bool)
        for d in (1, 2, 3, 4):
            clash[d:] |= (city.hh[d:] == city.hh[:-d]) & (given[d:] == given[:-d])
        if not clash.any():
            break
        given[clash] = names.next_in_pool(given[clash])
    city.given = given
    u = rng.random(n)
    city.kana_style = np.where(u < 0.0025, 1, np.where(u < 0.005, 2, 0)).astype(np.int8)


def _arrivals(rng, city: City) -> None:
    """住民となった年月日 and 異動事由 of everyone (before any removal)."""
    today, n_hh = city.today, len(city.hh_kind)
    head_age = city.age[city.hh_start].astype(np.int64)
    # Years in the city: exponential, longer for older heads, never before the head turned 18.
    scale = 365.25 * (4.0 + 0.3 * (head_age - 18))
    span = np.maximum(head_age - 18, 0) * 365 + 200
    city.hh_move_in = today - np.minimum(np.floor(rng.exponential(1.0, n_hh) * scale), span).astype(np.int64)
    move_in = city.hh_move_in[city.hh]
    since = np.maximum(move_in, city.birth)
    reason = np.where(city.birth >= move_in, CHANGE["出生"], CHANGE["転入"])

    # Households of someone born in the city: the head and the children have been residents since
    # birth; a spouse moved in at the latest when the first child was born.
    p_native = np.where(city.hh_kind == households.T["single"], 0.25,
                        np.where(city.hh_kind == households.T["elderly_alone"], 0.1, 0.2))
    native = (rng.random(n_hh) < p_native)[city.hh]
    born_here = native & np.isin(city.slot, [households.HEAD, *range(households.KIDS, households.KID_SPOUSE)])
    since = np.where(born_here, city.birth, since)
    reason = np.where(born_here, CHANGE["出生"], reason)
    first_child = np.full(n_hh, dates.NEVER, dtype=np.int64)
    kids = (city.slot >= households.KIDS) & (city.slot < households.KID_SPOUSE)
    np.minimum.at(first_child, city.hh[kids], city.birth[kids])
    spouse = native & (city.slot == households.SPOUSE)
    adult = dates.add_years(city.birth, 18)
    married_in = np.minimum(np.maximum(move_in, adult), first_child[city.hh])
    since = np.where(spouse, np.maximum(married_in, city.birth), since)
    reason = np.where(spouse, CHANGE["転入"], reason)

    # Those who joined an existing household later: a parent, a lodger, a partner, a child's spouse.
    late = (city.slot == households.PARENT1) | (city.slot == households.PARENT2) | (city.slot == households.OTHER)
    joined = late | (city.slot == households.KID_SPOUSE)
    lo = np.maximum(move_in, np.where(city.slot == households.KID_SPOUSE, dates.add_years(city.birth, 20), move_in))
    hi = np.full(city.n, today)
    # A child's spouse married in before the grandchildren were born.
    first_grand = np.full(n_hh, dates.NEVER, dtype=np.int64)
    g = city.slot == households.GRANDS
    first_grand[city.hh[g]] = city.birth[g]
    hi = np.where(city.slot == households.KID_SPOUSE, np.minimum(hi, first_grand[city.hh]), hi)
    arrive = dates.uniform_days(rng, np.minimum(lo, hi), hi)
    since = np.where(joined & (arrive > since), arrive, since)
    reason = np.where(joined & (arrive > city.birth), CHANGE["転入"], reason)

    # Moves within the city keep 住民となった年月日 but make 転居 the last change.
    moved = rng.random(n_hh) < 0.2
    moved_on = dates.uniform_days(rng, city.hh_move_in, np.full(n_hh, today))
    tenkyo = moved[city.hh] & (since < moved_on[city.hh])
    reason = np.where(tenkyo, CHANGE["転居"], reason)
    u = rng.random(city.n)
    adult = city.age >= 18
    reason = np.where(adult & (u < 0.02), CHANGE["世帯変更"], reason)
    reason = np.where(adult & (u >= 0.02) & (u < 0.0212), CHANGE["職権記載"], reason)
    reason = np.where(adult & (u >= 0.0212) & (u < 0.0216), CHANGE["帰化"], reason)
    city.since, city.reason = since.astype(np.int64), reason.astype(np.int8)


def _removals(rng, city: City) -> None:
    """About 1.5 % of records are persons removed in the last three years. A head is only removed
    with the whole household, so every household with a current member keeps its one 世帯主."""
    n, today, n_hh = city.n, city.today, len(city.hh_kind)
    removed = np.full(n, dates.NEVER, dtype=np.int64)
    why = np.full(n, -1, dtype=np.int8)
    window = today - 3 * 365

    # Whole households moving away (or an elderly person living alone who died).
    gone = rng.random(n_hh) < REMOVED_SHARE["households"]
    gone[:RESERVED] = False
    last_since = np.maximum.reduceat(city.since, city.hh_start)
    day = dates.uniform_days(rng, np.maximum(window, last_since), np.full(n_hh, today))
    alone = city.hh_kind == households.T["elderly_alone"]
    u = rng.random(n_hh)
    hh_why = np.where(alone & (u < 0.72), REMOVAL["死亡"],
                      np.where(u > 0.97, REMOVAL["職権消除"], np.where(u > 0.93, REMOVAL["国外転出"], REMOVAL["転出"])))
    members = gone[city.hh]
    removed[members] = day[city.hh[members]]
    why[members] = hh_why[city.hh[members]]

    free = (city.rel != REL[layout.HEAD]) & ~members & ~(city.hh < RESERVED)
    # Deaths of older members, in proportion to mortality.
    old = free & (city.age >= 65)
    mortality = 1.34e-5 * np.exp(0.1 * city.age.astype(float))
    scale = REMOVED_SHARE["deaths"] * n / max(mortality[old].sum(), 1e-9)
    dies = old & (rng.random(n) < np.minimum(0.6, scale * mortality))
    # Young adult children, siblings and lodgers moving out.
    leaver = free & (((city.rel == REL["子"]) & (city.age >= 18) & (city.age <= 40))
                     | np.isin(city.rel, [REL["同居人"], REL["兄"], REL["姉"], REL["弟"], REL["妹"]]))
    p = REMOVED_SHARE["moves"] * n / max(int(leaver.sum()), 1)
    leaves = leaver & ~dies & (rng.random(n) < min(0.6, p))
    single = dies | leaves
    removed[single] = dates.uniform_days(rng, np.maximum(window, city.since[single]), np.full(int(single.sum()), today))
    why[dies] = REMOVAL["死亡"]
    why[leaves] = REMOVAL["転出"]

    city.removed, city.removed_reason = removed, why
    # The removal is the record's last change (国外転出 is a 転出 in 異動事由).
    out = why >= 0
    city.reason[out] = np.where(why[out] == REMOVAL["死亡"], CHANGE["死亡"],
                                np.where(why[out] == REMOVAL["職権消除"], CHANGE["職権消除"], CHANGE["転出"]))


def _protection(rng, city: City) -> None:
    """支援措置: about one person in 2,000, whole households; three in four are mothers with children."""
    target = city.n / 2000
    minimum = 2 if city.n >= ENFORCE_FROM else 0
    current_hh = np.zeros(len(city.hh_kind), bool)
    current_hh[city.hh[city.current]] = True
    is_mother = current_hh & (city.hh_kind == households.T["single_parent"]) & (city.sex[city.hh_start] == 2)
    mothers = rng.permutation(np.flatnonzero(is_mother))
    others = rng.permutation(np.flatnonzero(current_hh & ~is_mother))
    chosen, persons, im, io = [], 0, 0, 0
    while (persons < target or len(chosen) < minimum) and (im < len(mothers) or io < len(others)):
        if (len(chosen) % 4 != 3 and im < len(mothers)) or io >= len(others):
            h, im = mothers[im], im + 1
        else:
            h, io = others[io], io + 1
        chosen.append(int(h))
        persons += int(city.hh_size[h])
    protected = np.zeros(city.n, bool)
    for h in chosen:
        protected[city.hh_start[h]:city.hh_start[h] + city.hh_size[h]] = True
    city.protected = protected


def _odd_birth_dates(rng, city: City) -> None:
    """Registry oddities among the oldest: unknown day, unknown month and day, non-calendar dates."""
    candidates = np.flatnonzero((city.age >= 81) & (city.reason != CHANGE["出生"]) & (city.since > city.birth))
    each = max(1 if city.n >= ENFORCE_FROM else 0, int(rng.binomial(city.n, 1 / 60000)))
    if len(candidates) < 3 * each:
        each = len(candidates) // 3
    picks = rng.choice(candidates, size=3 * each, replace=False) if each else []
    ymd = dates.ymd(city.birth)
    bad_days = ("0230", "0230", "0231", "0431", "0631", "0931", "1131")
    for k, i in enumerate(sorted(int(p) for p in picks)):
        y, m = ymd[i] // 10000, ymd[i] // 100 % 100
        kind = k % 3
        if kind == 0:
            city.birth_text[i] = f"{y}{m:02d}00"
        elif kind == 1:
            city.birth_text[i] = f"{y}0000"
        else:
            city.birth_text[i] = f"{y}{bad_days[int(rng.integers(len(bad_days)))]}"


def check_digits(bodies: np.ndarray) -> np.ndarray:
    """checkdigit.mod11_check_digit over an array of 9-digit bodies."""
    total = np.zeros(len(bodies), dtype=np.int64)
    rest = bodies.astype(np.int64).copy()
    for i in range(9):
        total += (rest % 10) * (2 + i % 6)
        rest //= 10
    check = 11 - total % 11
    return np.where(check >= 10, 0, check)


def _resident_ids(rng, city: City) -> np.ndarray:
    # Numbers are issued as people are registered: earlier residents have lower numbers.
    order = np.lexsort((rng.random(city.n), city.since))
    bodies = np.empty(city.n, dtype=np.int64)
    bodies[order] = 1000 + np.cumsum(rng.integers(1, 24, city.n))
    return bodies * 10 + check_digits(bodies)


def _household_ids(rng, n_hh: int) -> np.ndarray:
    return 300000 + np.cumsum(rng.integers(1, 12, n_hh)) * 10
