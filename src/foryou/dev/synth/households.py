"""Households and their members: who lives together, how old they are, their 続柄.

Each household is one row of a fixed slot matrix (head, spouse, two parents, four children, a child's
spouse, two grandchildren, one other), filled per household type with numpy; the persons are the
valid slots read row by row, so members of a household are contiguous and the head comes first.
Children's ages come from the pyramid and parents' ages from the children's (mothers 19–45 at birth),
so parents are always old enough.
"""

from dataclasses import dataclass

import numpy as np

from foryou.residents import layout
from foryou.dev.synth.pyramid import MAX_AGE, normal_int, sample_ages

REL = {name: i for i, name in enumerate(layout.RELATIONSHIPS)}

HEAD, SPOUSE, PARENT1, PARENT2, KIDS, KID_SPOUSE, GRANDS, OTHER = 0, 1, 2, 3, 4, 8, 9, 11
SLOTS = 12
MAX_KIDS, MAX_GRANDS = 4, 2

# Household types and their shares of households (census 2020 shape for a designated city).
TYPES = ("single", "elderly_alone", "couple", "elderly_couple", "family", "single_parent",
         "three_gen", "three_gen_elder", "other")
T = {name: i for i, name in enumerate(TYPES)}
SHARES = np.array([0.215, 0.185, 0.105, 0.16, 0.19, 0.07, 0.03, 0.02, 0.025])


@dataclass
class Slots:
    kind: np.ndarray  # (H,) household type
    valid: np.ndarray  # (H, SLOTS) bool
    age: np.ndarray  # (H, SLOTS) int16
    sex: np.ndarray  # (H, SLOTS) int8: 1 男, 2 女
    rel: np.ndarray  # (H, SLOTS) int8 index into layout.RELATIONSHIPS

    def put(self, rows, slot, age, sex, rel, ok=None):
        """Fill one slot (int or per-row array) of the given household rows; `ok` masks rows."""
        rows = np.asarray(rows)
        slot = np.broadcast_to(np.asarray(slot), rows.shape)
        age = np.broadcast_to(np.asarray(age), rows.shape)
        sex = np.broadcast_to(np.asarray(sex), rows.shape)
        rel = np.broadcast_to(np.asarray(rel), rows.shape)
        if ok is not None:
            rows, slot, age, sex, rel = rows[ok], slot[ok], age[ok], sex[ok], rel[ok]
        self.valid[rows, slot] = True
        self.age[rows, slot] = np.clip(age, 0, MAX_AGE)
        self.sex[rows, slot] = sex
        self.rel[rows, slot] = rel


def _sexes(rng, n, p_male):
    return np.where(rng.random(n) < p_male, 1, 2).astype(np.int8)


def _opposite(sex):
    return (3 - sex).astype(np.int8)


def _spouse_rel(spouse_sex):
    return np.where(spouse_sex == 2, REL["妻"], REL["夫"])


def _partner_age(rng, head_age, head_sex, lo=18):
    # Husbands are about two years older than wives, at most three years younger (which keeps every
    # parent at least 16 years older than the children, whose ages follow the mother's).
    gap = normal_int(rng, len(head_age), 2.2, 3.0, -3, 14)
    return np.clip(np.where(head_sex == 1, head_age - gap, head_age + gap), lo, MAX_AGE)


def _children(s: Slots, rng, rows, mother_age, youngest, counts, rel=REL["子"], first_slot=KIDS, width=MAX_KIDS):
    """Children eldest first from the youngest child's age and gaps of 1–6 years; a child the mother
    would have borne before 19 is left out."""
    n = len(rows)
    gaps = np.minimum(1 + rng.poisson(1.4, (n, width - 1)), 6)
    ages = youngest[:, None] + np.concatenate([np.zeros((n, 1), int), np.cumsum(gaps, axis=1)], axis=1)
    ok = (np.arange(width)[None, :] < counts[:, None]) & (mother_age[:, None] - ages >= 19) & (youngest[:, None] >= 0)
    ok[:, 0] &= counts > 0
    # Drop the oldest children that fail, keep a contiguous run from the youngest.
    ok = np.cumprod(ok, axis=1).astype(bool)
    have = ok.sum(axis=1)
    sexes = _sexes(rng, n * width, 0.512).reshape(n, width)
    for j in range(width):
        sel = ok[:, j]
        slot = first_slot + have - 1 - j  # eldest in the first slot, as registers list them
        s.put(rows[sel], slot[sel], ages[sel, j], sexes[sel, j], rel)
    return have


def _kid_home_bias(ages):
    # Children at home: all minors, fewer adults as they age (most have left by their thirties).
    # The youngest child is younger than children in general: older ones have younger siblings.
    return np.where(ages < 18, 1.1 - 0.02 * ages, np.clip(0.7 - (ages - 17) / 15.0, 0.05, 1.0))


def fill(rng: np.random.Generator, weights: np.ndarray, n: int) -> Slots:
    kind = rng.choice(len(TYPES), size=n, p=SHARES / SHARES.sum()).astype(np.int8)
    s = Slots(kind, np.zeros((n, SLOTS), bool), np.zeros((n, SLOTS), np.int16),
              np.zeros((n, SLOTS), np.int8), np.zeros((n, SLOTS), np.int8))
    head = REL[layout.HEAD]

    def rows_of(name):
        return np.flatnonzero(kind == T[name])

    # Singles of working age: most are young.
    r = rows_of("single")
    bias = lambda a: np.where(a < 35, 2.0, np.where(a < 50, 1.2, 1.6))  # noqa: E731
    s.put(r, HEAD, sample_ages(rng, weights, len(r), 18, 64, bias), _sexes(rng, len(r), 0.56), head)

    # Elderly living alone: widowhood makes them older and mostly women.
    r = rows_of("elderly_alone")
    s.put(r, HEAD, sample_ages(rng, weights, len(r), 65, MAX_AGE, lambda a: (a - 60.0) / 10.0),
          _sexes(rng, len(r), 0.33), head)

    for name, lo, hi, bias in (
        ("couple", 22, 64, lambda a: np.where(a < 35, 1.3, np.where(a < 50, 0.5, 2.0))),
        ("elderly_couple", 65, 100, lambda a: np.clip((106.0 - a) / 30.0, 0.02, None)),
    ):
        r = rows_of(name)
        age = sample_ages(rng, weights, len(r), lo, hi, bias)
        sex = _sexes(rng, len(r), 0.96)
        s.put(r, HEAD, age, sex, head)
        partner = _opposite(sex)
        s.put(r, SPOUSE, _partner_age(rng, age, sex, lo=18 if lo < 65 else 55), partner, _spouse_rel(partner))

    # Couples with children: start from the youngest child, then the mother, then the father.
    r = rows_of("family")
    youngest = sample_ages(rng, weights, len(r), 0, 30, _kid_home_bias).astype(int)
    mother = youngest + normal_int(rng, len(r), 31.5, 4.5, 20, 45)
    father = np.clip(mother + normal_int(rng, len(r), 2.2, 3.0, -3, 14), 20, MAX_AGE)
    counts = rng.choice([1, 2, 3, 4], size=len(r), p=[0.49, 0.39, 0.10, 0.02])
    mother_head = rng.random(len(r)) < 0.05
    s.put(r, HEAD, np.where(mother_head, mother, father), np.where(mother_head, 2, 1), head)
    s.put(r, SPOUSE, np.where(mother_head, father, mother), np.where(mother_head, 1, 2),
          np.where(mother_head, REL["夫"], REL["妻"]))
    _children(s, rng, r, mother, youngest, counts)

    # Single parents, mostly mothers; older ones live with adult children.
    r = rows_of("single_parent")
    youngest = sample_ages(rng, weights, len(r), 0, 40, lambda a: np.where(a < 18, 1.0, 0.55)).astype(int)
    is_mother = rng.random(len(r)) < 0.86
    parent = youngest + normal_int(rng, len(r), 31.0, 5.0, 19, 45)
    counts = rng.choice([1, 2, 3], size=len(r), p=[0.6, 0.32, 0.08])
    s.put(r, HEAD, parent, np.where(is_mother, 2, 1), head)
    _children(s, rng, r, np.where(is_mother, parent, parent - 2), youngest, counts)

    _three_generations(s, rng, weights, rows_of("three_gen"))
    _three_generations_elder(s, rng, weights, rows_of("three_gen_elder"))
    _other(s, rng, weights, rows_of("other"))
    return s


def _three_generations(s, rng, weights, r):
    """A working-age couple, their children and one or two of the head's (or spouse's) parents."""
    n = len(r)
    age = sample_ages(rng, weights, n, 28, 62)
    sex = _sexes(rng, n, 0.9)
    has_spouse = rng.random(n) < 0.88
    spouse_age = _partner_age(rng, age, sex)
    s.put(r, HEAD, age, sex, REL[layout.HEAD])
    s.put(r, SPOUSE, spouse_age, _opposite(sex), _spouse_rel(_opposite(sex)), ok=has_spouse)
    mother = np.where(sex == 2, age, np.where(has_spouse, spouse_age, age - 2)).astype(int)
    eldest_birth_age = normal_int(rng, n, 29.0, 4.0, 20, 42)
    counts = rng.choice([0, 1, 2, 3], size=n, p=[0.2, 0.35, 0.35, 0.1])
    # Youngest from the eldest: eldest = mother - birth age, younger ones follow at 1–6 years.
    span = np.minimum(counts - 1, 3).clip(0) * 2
    youngest = mother - eldest_birth_age - span
    _children(s, rng, r, mother, youngest, np.where(youngest >= 0, counts, 0))
    # In-law parents live with the couple in about one case in six.
    in_law = has_spouse & (rng.random(n) < 0.17)
    base = np.where(in_law, spouse_age, age)
    p_mother = np.clip(base + normal_int(rng, n, 28.5, 4.0, 19, 45), 0, 200)
    p_father = p_mother + normal_int(rng, n, 2.5, 3.0, -3, 12)
    both = rng.random(n) < 0.3
    in_law_sex = _opposite(sex)
    mother_rel = np.where(in_law, np.where(in_law_sex == 2, REL["妻の母"], REL["夫の母"]), REL["母"])
    father_rel = np.where(in_law, np.where(in_law_sex == 2, REL["妻の父"], REL["夫の父"]), REL["父"])
    one_is_father = rng.random(n) < 0.25
    first_age = np.where(one_is_father & ~both, p_father, p_mother)
    s.put(r, PARENT1, first_age, np.where(one_is_father & ~both, 1, 2),
          np.where(one_is_father & ~both, father_rel, mother_rel), ok=first_age <= MAX_AGE)
    s.put(r, PARENT2, p_father, 1, father_rel, ok=both & (p_father <= MAX_AGE))


def _three_generations_elder(s, rng, weights, r):
    """An older head (and spouse) living with a married child and grandchildren."""
    n = len(r)
    age = sample_ages(rng, weights, n, 58, 92)
    has_spouse = rng.random(n) < 0.72
    sex = np.where(has_spouse, _sexes(rng, n, 0.96), _sexes(rng, n, 0.22)).astype(np.int8)
    spouse_age = _partner_age(rng, age, sex, lo=50)
    s.put(r, HEAD, age, sex, REL[layout.HEAD])
    s.put(r, SPOUSE, spouse_age, _opposite(sex), _spouse_rel(_opposite(sex)), ok=has_spouse)
    mother = np.where(sex == 2, age, np.where(has_spouse, spouse_age, age - 2)).astype(int)
    son = rng.random(n) < 0.8
    child_age = np.maximum(mother - normal_int(rng, n, 29.0, 4.0, 20, 42), 20)
    child_age = np.minimum(child_age, mother - 19)
    s.put(r, KIDS, child_age, np.where(son, 1, 2), REL["子"])
    in_law_age = np.clip(child_age + np.where(son, -1, 1) * normal_int(rng, n, 1.5, 3.0, -3, 10), 20, MAX_AGE)
    s.put(r, KID_SPOUSE, in_law_age, np.where(son, 2, 1), np.where(son, REL["子の妻"], REL["子の夫"]))
    young_mother = np.where(son, in_law_age, child_age).astype(int)
    counts = rng.choice([0, 1, 2], size=n, p=[0.15, 0.45, 0.4])
    eldest = young_mother - normal_int(rng, n, 29.0, 4.0, 20, 42)
    youngest = eldest - np.where(counts == 2, 2, 0)
    _children(s, rng, r, young_mother, youngest, np.where(youngest >= 0, counts, 0), rel=REL["孫"],
              first_slot=GRANDS, width=MAX_GRANDS)


def _other(s, rng, weights, r):
    """A head with a sibling, a lodger (同居人) or an unmarried partner (未届)."""
    n = len(r)
    age = sample_ages(rng, weights, n, 20, 90)
    sex = _sexes(rng, n, 0.5)
    s.put(r, HEAD, age, sex, REL[layout.HEAD])
    what = rng.random(n)
    sibling, lodger = what < 0.45, (what >= 0.45) & (what < 0.8)
    other_sex = _sexes(rng, n, 0.5)
    diff = rng.integers(1, 9, n) * np.where(rng.random(n) < 0.5, 1, -1)
    sib_age = np.clip(age + diff, 18, MAX_AGE)
    older = sib_age > age
    sib_rel = np.where(other_sex == 1, np.where(older, REL["兄"], REL["弟"]), np.where(older, REL["姉"], REL["妹"]))
    lodger_age = np.clip(age + normal_int(rng, n, 0, 8, -25, 25), 18, 95)
    partner_sex = _opposite(sex)
    partner_age = _partner_age(rng, age, sex)
    partner_rel = np.where(partner_sex == 2, REL["妻(未届)"], REL["夫(未届)"])
    s.put(r, OTHER, np.where(sibling, sib_age, np.where(lodger, lodger_age, partner_age)),
          np.where(sibling | lodger, other_sex, partner_sex),
          np.where(sibling, sib_rel, np.where(lodger, REL["同居人"], partner_rel)))
