"""The holdout is a delayed notice: starting the send books a send order for the holdout's registrants
at the end of the window; when it comes they get the same notice (the version's own wording), except
anyone who left during the window. Nobody is denied for good, and the audit log records the design."""

from datetime import timedelta

import pytest
from django.utils import timezone

from foryou.audit.models import AuditEvent
from foryou.effect.models import HOLDOUT
from foryou.enrollment.models import Registration
from foryou.notices import sending
from foryou.notices.models import SendChunk, SendOrder
from tests.effect.conftest import approved_notice

pytestmark = pytest.mark.django_db


def numbers_of(order):
    return {n for chunk in SendChunk.objects.filter(order=order) for n in chunk.numbers}


def test_the_holdout_gets_the_same_notice_when_the_window_ends(registrants, editor, approver):
    notice = approved_notice(editor, approver, holdout=10, window=14)
    order = sending.schedule(notice, by=editor)
    assert sending.start(order)
    experiment = notice.experiments.get()
    held = set(experiment.assignments.filter(arm=HOLDOUT).values_list("registration_number", flat=True))
    told = numbers_of(order)
    assert held and not held & told
    assert 0.05 < len(held) / (len(held) + len(told)) < 0.15

    delayed = experiment.holdout_order
    assert delayed.kind == SendOrder.Kind.HOLDOUT and delayed.status == SendOrder.Status.SCHEDULED
    assert abs(delayed.scheduled_for - (experiment.started_at + timedelta(days=14))) < timedelta(seconds=1)
    assert delayed.version_id == order.version_id and delayed.variant == ""

    assert sending.start_due(timezone.now() + timedelta(days=13)) == []  # not before the window ends
    leaver = sorted(held)[0]
    Registration.objects.filter(number=leaver).update(status=Registration.Status.INACTIVE, ended_at=timezone.now())
    assert [o.pk for o in sending.start_due(timezone.now() + timedelta(days=14, minutes=1))] == [delayed.pk]
    delayed.refresh_from_db()
    assert numbers_of(delayed) == held - {leaver}
    assert delayed.recipients == len(held) - 1
    assert not notice.experiments.exclude(pk=experiment.pk).exists()  # the delayed send is no new experiment

    audit = AuditEvent.objects.get(action="effect.assign")
    assert audit.detail["seed"] == str(experiment.seed)
    assert audit.detail["holdout_percent"] == 10 and audit.detail["window_days"] == 14
    assert audit.detail["strata"] == ["ward", "age_band", "channel"]


def test_a_second_send_of_the_notice_keeps_the_holdout_held_out(registrants, editor, approver):
    notice = approved_notice(editor, approver, holdout=10)
    first = sending.schedule(notice, by=editor)
    sending.start(first)
    held = set(notice.experiments.get().assignments.filter(arm=HOLDOUT).values_list("registration_number", flat=True))
    again = sending.schedule(notice, by=editor)
    sending.start(again)
    assert not numbers_of(again) & held
    assert not notice.experiments.filter(order=again).exists()  # everyone is in the first experiment already


def test_a_second_send_with_wordings_makes_no_empty_orders(registrants, editor, approver):
    notice = approved_notice(editor, approver, holdout=10, variants=[("短い案内", "健診は無料です。")])
    sending.start(sending.schedule(notice, by=editor))
    before = SendOrder.objects.filter(notice=notice).count()
    again = sending.schedule(notice, by=editor)
    sending.start(again)
    assert SendOrder.objects.filter(notice=notice).count() == before + 1  # the resend itself, nothing more
    again.refresh_from_db()
    assert again.recipients == 0
