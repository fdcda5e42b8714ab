"""The local identity provider's test cards, drawn from the synthetic city, lead to each outcome a tester
should see: unregistered residents registered at once, a protected resident and a resident whose 番地
differs sent to the registrar, a card from outside the city refused."""

import pytest

from foryou.dev.cardidp.cards import demo_cards
from foryou.enrollment.card_verification import Card, decide
from foryou.enrollment.matching import towns_from_snapshot
from foryou.residents import store
from foryou.shared.identity import Outcome

pytestmark = pytest.mark.django_db


def test_each_kind_of_test_card_gets_its_outcome(city):
    from datetime import date

    with store.connect() as con:
        cards = demo_cards(con)
        towns = towns_from_snapshot(con)
        outcomes = {}
        for card in cards:
            decision = decide(con, towns, Card(card.name, card.address, date.fromisoformat(card.birthdate)))
            outcomes.setdefault(card.label, set()).add(decision.outcome)
    assert outcomes["未登録の住民"] == {Outcome.ACTIVATED}
    assert outcomes["支援措置の対象者"] == {Outcome.QUEUED}
    assert outcomes["住所の番地が住民記録と違う住民"] == {Outcome.QUEUED}
    assert outcomes["市外の住民"] == {Outcome.NOT_RESIDENT}
