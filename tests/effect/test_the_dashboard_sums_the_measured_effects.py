"""The dashboard's effect summary: the notices whose effect was measured, each with its difference and
interval, and the additional people in all with an interval; a notice too small to tell is counted as
waiting, not summed."""

import pytest
from django.urls import reverse

from foryou.effect.summary import service_summary
from tests.console_notices.conftest import as_user
from tests.effect.conftest import keep_holdout, record_takeup, sent_experiment

pytestmark = pytest.mark.django_db


def test_the_dashboard_shows_measured_notices_and_the_total(client, city, registrants, editor, approver):
    notice, experiment = sent_experiment(editor, approver, holdout=40)
    record_takeup(city, experiment, {"A": 0.6, "holdout": 0.1})
    summary = service_summary()
    assert summary.measured == 1 and summary.waiting == 0
    row = summary.rows[0]
    assert row.additional.low < row.additional.point < row.additional.high
    assert summary.total == pytest.approx(row.additional.point)
    assert summary.total_low < summary.total < summary.total_high
    assert summary.total_low == pytest.approx(row.additional.low, rel=0.25)
    as_user(client, editor)
    page = client.get(reverse("home")).content.decode()
    assert 'id="effect-summary"' in page and reverse("console_effect", args=[notice.pk]) in page


def test_a_notice_too_small_to_tell_is_waiting(city, registrants, editor, approver):
    _notice, experiment = sent_experiment(editor, approver, holdout=5)
    keep_holdout(experiment, 5)
    record_takeup(city, experiment, {"A": 0.02, "holdout": 0.0})
    summary = service_summary()
    assert (summary.measured, summary.waiting, summary.total) == (0, 1, 0)
