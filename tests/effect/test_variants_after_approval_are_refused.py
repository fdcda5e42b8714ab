"""Wording variants are approved with their version: adding one to a version not yet approved works (and
is checked against LINE's limits like the main wording); adding one after approval is refused with its
own code, naming what to do (write a new version). Each wording is sent as its own order."""

import pytest

from foryou.notices import sending, services
from foryou.notices.errors import ApprovalRefused
from foryou.notices.models import SendOrder
from foryou.programs import catalog
from foryou.shared.notice.flex import ComposeError
from tests.effect.conftest import WORDING, approved_notice

pytestmark = pytest.mark.django_db


def test_a_variant_after_approval_is_refused(registrants, editor, approver):
    notice = approved_notice(editor, approver, holdout=0, variants=[("短い案内", "健診は無料です。")])
    with pytest.raises(ApprovalRefused) as refused:
        services.add_variant(notice.latest, "金額入りの案内", "自己負担は0円です。", editor)
    assert refused.value.code == "variants_after_approval"
    assert len(notice.latest.variants) == 1


def test_a_variant_before_approval_is_added_and_checked(registrants, editor, approver):
    notice = services.create(catalog.get_program("checkup"), WORDING, editor)
    version = services.add_variant(notice.latest, "短い案内", "健診は無料です。", editor)
    assert [label for label, _t, _b in version.wordings()] == ["A", "B"]
    with pytest.raises(ComposeError):
        services.add_variant(version, "長すぎる案内", "あ" * 6000, editor)
    services.add_variant(version, "金額入り", "自己負担0円", editor)
    with pytest.raises(ApprovalRefused) as refused:
        services.add_variant(version, "四つ目", "本文", editor)
    assert refused.value.code == "too_many_variants"


def test_each_wording_goes_out_as_its_own_order(registrants, editor, approver):
    notice = approved_notice(editor, approver, holdout=10, variants=[("短い案内", "健診は無料です。")])
    order = sending.schedule(notice, by=editor)
    sending.start(order)
    orders = {o.variant: o for o in SendOrder.objects.filter(notice=notice).exclude(kind=SendOrder.Kind.HOLDOUT)}
    assert set(orders) == {"", "B"}
    strata = notice.experiments.get().assignments.values("stratum").distinct().count()
    assert abs(orders[""].recipients - orders["B"].recipients) <= strata  # within one person per stratum
    from foryou.notices.sending import order_message

    assert order_message(orders["B"], 1).content.title == "短い案内"
    assert order_message(orders[""], 1).content.title == WORDING.title
