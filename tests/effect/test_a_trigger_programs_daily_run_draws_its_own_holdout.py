"""A trigger program's automatic notice with a holdout: each daily run that sends is an experiment of
its own over the newly qualifying registrants, with its delayed send; people already in an experiment
of the notice are not drawn again. The holdout's delayed send cannot be cancelled."""

import pytest

from foryou.effect.models import HOLDOUT, Experiment
from foryou.notices import sending, services
from foryou.notices.automation import run_triggers
from foryou.notices.errors import SendRefused
from foryou.notices.models import SendOrder
from foryou.programs import catalog
from tests.effect.conftest import WORDING, design

pytestmark = pytest.mark.django_db

ADULTS = """
code: adults
name: 成人健診
department: こども家庭支援課
trigger:
  once_per: person
conditions:
  all:
    - field: age_years
      op: ">="
      value: 20
outcome:
  source: checkups
  kind: [成人健診]
"""


def test_each_daily_run_is_an_experiment_with_its_delayed_send(programs_dir, registrants, editor, approver):
    (programs_dir / "adults.yml").write_text(ADULTS, encoding="utf-8")
    notice = services.create(catalog.get_program("adults"), WORDING, editor, automatic=True, design=design(holdout=10))
    services.approve(notice.latest, approver)
    orders = run_triggers(sending.today_in_tokyo())
    assert len(orders) == 1 and orders[0].kind == SendOrder.Kind.TRIGGER
    experiment = Experiment.objects.get(order=orders[0])
    held = experiment.assignments.filter(arm=HOLDOUT).count()
    assert held and experiment.holdout_order.kind == SendOrder.Kind.HOLDOUT
    assert orders[0].recipients + held == experiment.assignments.count()

    with pytest.raises(SendRefused) as refused:
        sending.cancel(experiment.holdout_order, by=editor)
    assert refused.value.code == "holdout_send_kept"
