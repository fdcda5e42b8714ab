"""Assignments (宛名番号, arm, stratum) are deleted by the daily purge FORYOU_RETAIN_TAKEUPS_DAYS after the
experiment's window ended, as the take-up events they are measured against; the experiment's design and
seed stay, and a younger experiment keeps its assignments."""


import pytest
from django.utils import timezone

from foryou.console.retention import Periods, purge
from foryou.effect.models import Assignment, Experiment
from tests.effect.conftest import sent_experiment

pytestmark = pytest.mark.django_db


def test_old_assignments_go_and_young_ones_stay(registrants, editor, approver, settings):
    _old, old = sent_experiment(editor, approver, holdout=10, days_ago=500)
    _young, young = sent_experiment(editor, approver, holdout=10, days_ago=40)
    assert Assignment.objects.filter(experiment=old).exists() and Assignment.objects.filter(experiment=young).exists()
    counts = purge(timezone.now(), Periods(takeups=400))
    assert counts["effect_assignments"] > 0
    assert not Assignment.objects.filter(experiment=old).exists()
    assert Assignment.objects.filter(experiment=young).exists()
    assert Experiment.objects.filter(pk=old.pk, seed=old.seed).exists()
