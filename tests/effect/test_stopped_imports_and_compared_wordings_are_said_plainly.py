"""When imports stop arriving, the window's results stay as they are and the page says since when; a
notice comparing two wordings says which worked better with the difference and its interval, or that it
cannot tell yet."""

from datetime import timedelta

import pytest
from django.urls import reverse

from foryou.effect import pages, results
from foryou.outcomes.models import TakeUpRecording
from tests.console_notices.conftest import as_user
from tests.effect.conftest import record_takeup, sent_experiment

pytestmark = pytest.mark.django_db


def test_stale_outcome_data_is_said_with_its_date(city, registrants, editor, approver):
    notice, experiment = sent_experiment(editor, approver, holdout=30, days_ago=60)
    record_takeup(city, experiment, {"A": 0.4, "holdout": 0.2}, through_days=20)  # data through 40 days ago
    ctx = pages.context(notice)
    assert ctx["effect"].stale
    assert "Imports have stopped" in ctx["data_text"] or "取り込みが止まって" in ctx["data_text"]
    assert ctx["effect"].days_observed == 20  # counted as far as data is known, not to the window's end


def test_fresh_data_is_not_stale(city, registrants, editor, approver):
    notice, experiment = sent_experiment(editor, approver, holdout=30)
    record_takeup(city, experiment, {"A": 0.4, "holdout": 0.2}, through_days=20)
    TakeUpRecording.objects.update(as_of=results.today() - timedelta(days=1))
    assert not results.measure(notice).stale


def test_two_wordings_are_compared(client, city, registrants, editor, approver):
    notice, experiment = sent_experiment(editor, approver, holdout=10, variants=[("短い案内", "健診は無料です。")])
    record_takeup(city, experiment, {"A": 0.15, "B": 0.6, "holdout": 0.1})
    ctx = pages.context(notice)
    assert ctx["effect"].variants.best == "B"
    assert [row["label"] for row in ctx["variant_rows"]] == ["A", "B"]
    # each wording's own reach: its recipients, from its own send order (the gateway has not reported yet)
    assert all(str(row["delivered"]) == "0" for row in ctx["variant_rows"])
    assert ctx["effect"].funnel.by_wording["A"].sent + ctx["effect"].funnel.by_wording["B"].sent == ctx["effect"].funnel.sent
    pair = ctx["pair_rows"][0]
    assert (pair["a"], pair["b"]) == ("A", "B") and pair["difference"].startswith("-")
    assert "B" in ctx["variant_sentence"]
    as_user(client, editor)
    page = client.get(reverse("console_effect", args=[notice.pk])).content.decode()
    assert 'id="variants"' in page and "短い案内" in page


def test_close_wordings_cannot_tell_yet(city, registrants, editor, approver):
    notice, experiment = sent_experiment(editor, approver, holdout=10, variants=[("短い案内", "健診は無料です。")])
    record_takeup(city, experiment, {"A": 0.3, "B": 0.3, "holdout": 0.1})
    comparison = pages.context(notice)["effect"].variants
    assert comparison.best is None and comparison.verdict == "no_detectable_effect"


def test_no_data_since_the_notice_is_said_so(city, registrants, editor, approver):
    notice, experiment = sent_experiment(editor, approver, holdout=30, days_ago=0)
    TakeUpRecording.objects.update(as_of=experiment.started_on - timedelta(days=1))
    ctx = pages.context(notice)
    assert ctx["data_text"] in ("No take-up data has been imported since the notice yet.",
                                "お知らせの後の利用データはまだ取り込まれていません。")
    assert ctx["verdict_key"] == "too_small" and ctx["chart"] is None
