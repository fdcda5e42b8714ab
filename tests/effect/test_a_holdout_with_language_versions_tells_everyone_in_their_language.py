"""A holdout goes with language versions: a held-out registrant gets nothing now whatever their language;
the others get their language's version now, and the held-out get theirs in the delayed send at the end
of the window (each language its own send order, as at any start)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from foryou.effect.models import HOLDOUT
from foryou.enrollment.models import Registration
from foryou.notices import sending, services
from foryou.notices.models import SendChunk, SendOrder
from foryou.programs import catalog
from tests.effect.conftest import WORDING, design

pytestmark = pytest.mark.django_db

ENGLISH = {"title": "Your health checkup", "body": "You can have the specific health checkup free of charge."}


def numbers_of(orders) -> set[str]:
    return {n for chunk in SendChunk.objects.filter(order__in=orders) for n in chunk.numbers}


def test_the_held_out_get_nothing_now_and_their_own_language_later(registrants, editor, approver):
    english = {r.number for r in registrants[::3]}
    Registration.objects.filter(number__in=english).update(language="en")
    notice = services.create(catalog.get_program("checkup"), WORDING, editor, design=design(holdout=20),
                             translations={"en": ENGLISH})
    services.approve(notice.latest, approver)
    order = sending.schedule(notice, by=editor)
    assert sending.start(order)

    experiment = notice.experiments.get()
    held = set(experiment.assignments.filter(arm=HOLDOUT).values_list("registration_number", flat=True))
    now = SendOrder.objects.filter(notice=notice).exclude(kind=SendOrder.Kind.HOLDOUT)
    assert {o.language for o in now} == {"ja", "en"}
    assert not held & numbers_of(now)
    assert numbers_of(now.filter(language="en")) == english - held
    assert held & english and held - english  # both kinds of reader were held out

    assert sending.start_due(timezone.now() + timedelta(days=30, minutes=1))
    later = SendOrder.objects.filter(notice=notice, kind=SendOrder.Kind.HOLDOUT)
    assert {o.language for o in later} == {"ja", "en"}
    assert numbers_of(later) == held
    assert numbers_of(later.filter(language="en")) == held & english
    assert later.get(language="en").languages == {"en": len(held & english)}
