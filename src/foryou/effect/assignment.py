"""Random assignment to arms, reproducible from a seed and stratified: within each stratum (ward, age
band, channel) the persons, in registration-number order, are shuffled by numpy's Generator seeded with
the experiment's seed (strata taken in sorted order, so one seed gives one draw); the first share go to
the holdout (the fractional person by a draw of the same generator, so the expected share is exact),
the rest are dealt to the wordings in turn from a random starting wording. Each arm is thus within one
person of its share in every stratum."""

from collections import defaultdict

import numpy as np

from foryou.effect.models import HOLDOUT


def new_seed() -> int:
    """A fresh seed, stored with the experiment (fits a signed 64-bit column)."""
    return int(np.random.SeedSequence().generate_state(1, dtype=np.uint64)[0] >> np.uint64(1))


def assign(people: dict[str, str], *, seed: int, holdout_percent: int, wordings: list[str]) -> dict[str, str]:
    """people: registration number → stratum. Returns registration number → arm (HOLDOUT or a wording)."""
    if not 0 <= holdout_percent < 100:
        raise ValueError("holdout_percent must be from 0 to 99")
    rng = np.random.Generator(np.random.PCG64(seed))
    by_stratum: dict[str, list[str]] = defaultdict(list)
    for number, stratum in people.items():
        by_stratum[stratum].append(number)
    arms: dict[str, str] = {}
    share = holdout_percent / 100
    for stratum in sorted(by_stratum):
        numbers = sorted(by_stratum[stratum])
        order = rng.permutation(len(numbers))
        exact = share * len(numbers)
        held = int(exact) + int(rng.random() < exact - int(exact))
        offset = int(rng.integers(len(wordings)))
        for rank, index in enumerate(order):
            number = numbers[int(index)]
            arms[number] = HOLDOUT if rank < held else wordings[(rank - held + offset) % len(wordings)]
    return arms
