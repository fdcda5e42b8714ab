"""Stratified assignment: in every stratum (ward, age band, channel) each arm is within one person of its
share, so the groups compare like with like; and over many draws the holdout share is exact on average."""

from collections import Counter, defaultdict

from hypothesis import given, settings, strategies as st

from foryou.effect.assignment import assign


@settings(max_examples=40, deadline=None)
@given(sizes=st.lists(st.integers(1, 60), min_size=1, max_size=12), seed=st.integers(0, 2**62),
       share=st.integers(0, 99), wordings=st.integers(1, 3))
def test_each_arm_is_within_one_person_of_its_share_in_every_stratum(sizes, seed, share, wordings):
    people = {f"{s:02d}-{i:03d}": f"ward{s % 4}|band{s}|{'line' if s % 2 else 'email'}"
              for s, size in enumerate(sizes) for i in range(size)}
    labels = ["A", "B", "C"][:wordings]
    arms = assign(people, seed=seed, holdout_percent=share, wordings=labels)
    by_stratum = defaultdict(Counter)
    for number, stratum in people.items():
        by_stratum[stratum][arms[number]] += 1
    for stratum, counts in by_stratum.items():
        n = sum(counts.values())
        assert abs(counts["holdout"] - share * n / 100) < 1
        told = n - counts["holdout"]
        per = [counts[label] for label in labels]
        assert max(per) - min(per) <= 1 and sum(per) == told


def test_the_holdout_share_is_exact_on_average_over_draws():
    people = {f"R{i:04d}": f"s{i % 50}" for i in range(500)}  # 50 strata of 10: 10% is one each, 15% is 1.5
    held = [Counter(assign(people, seed=seed, holdout_percent=15, wordings=["A"]).values())["holdout"]
            for seed in range(200)]
    assert abs(sum(held) / len(held) - 75) < 1.5
