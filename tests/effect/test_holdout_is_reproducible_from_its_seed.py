"""The draw is reproducible: the same seed and strata give the same arms, a stored experiment replays
to exactly its stored assignments, and another seed gives another draw."""

import pytest
from hypothesis import given, settings, strategies as st

from foryou.effect.assignment import assign
from foryou.effect.models import Assignment
from foryou.effect.services import replay
from foryou.notices import sending
from tests.effect.conftest import approved_notice

pytestmark = pytest.mark.django_db


@settings(max_examples=30, deadline=None)
@given(n=st.integers(1, 300), seed=st.integers(0, 2**62), share=st.integers(0, 99), wordings=st.integers(1, 3))
def test_the_same_seed_gives_the_same_arms(n, seed, share, wordings):
    people = {f"R{i:05d}": f"w{i % 3}|b{i % 5}|{'line' if i % 4 else 'email'}" for i in range(n)}
    labels = ["A", "B", "C"][:wordings]
    first = assign(people, seed=seed, holdout_percent=share, wordings=labels)
    again = assign(dict(reversed(list(people.items()))), seed=seed, holdout_percent=share, wordings=labels)
    assert first == again
    assert set(first) == set(people)


def test_another_seed_gives_another_draw():
    people = {f"R{i:05d}": "w|b|line" for i in range(200)}
    assert assign(people, seed=1, holdout_percent=10, wordings=["A"]) != assign(
        people, seed=2, holdout_percent=10, wordings=["A"])


def test_a_started_experiment_replays_from_its_stored_seed(registrants, editor, approver):
    notice = approved_notice(editor, approver, holdout=20, variants=[("短い案内", "健診は無料です。")])
    order = sending.schedule(notice, by=editor)
    assert sending.start(order)
    experiment = notice.experiments.get()
    stored = dict(Assignment.objects.filter(experiment=experiment).values_list("registration_number", "arm"))
    sent = sum(o.recipients for o in notice.orders.exclude(kind="holdout"))
    assert len(stored) == sent + list(stored.values()).count("holdout") > 300
    assert replay(experiment) == stored
