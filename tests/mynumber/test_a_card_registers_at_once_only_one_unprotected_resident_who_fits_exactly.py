"""The console's decision on a card's 基本4情報: registered at once only when exactly one current,
unprotected resident fits name, birth date and address; two residents, a protected one or a weaker fit go
to the registrar's queue; an address outside the city is refused; a registered resident is told so."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from foryou.dev.matching_sample import person, registry, town_rows
from foryou.enrollment.card_verification import Card, decide
from foryou.enrollment.models import Registration
from foryou.shared.identity import Outcome

BORN = date(1985, 4, 12)
CARD = Card("千葉 花子", "千葉県千葉市中央区千葉港1番1号", BORN, "女")


def _decide(persons, card=CARD):
    return decide(registry(persons), town_rows(), card)


@pytest.mark.django_db
def test_one_resident_fitting_name_birth_date_and_address_is_registered_at_once():
    decision = _decide([person("0000000019", "千葉\u3000花子", "チバ ハナコ", BORN),
                        person("0000000027", "千葉\u3000太郎", "チバ タロウ", BORN)])
    assert (decision.outcome, decision.resident_id) == (Outcome.ACTIVATED, "0000000019")


@pytest.mark.django_db
def test_a_variant_kanji_on_the_card_still_finds_the_registered_name():
    decision = _decide([person("0000000019", "髙橋\u3000花子", "タカハシ ハナコ", BORN)],
                       Card("高橋 花子", CARD.address, BORN, "女"))
    assert (decision.outcome, decision.resident_id) == (Outcome.ACTIVATED, "0000000019")


@pytest.mark.django_db
def test_a_card_that_fits_two_residents_goes_to_the_registrar():
    decision = _decide([person("0000000019", "千葉\u3000花子", "チバ ハナコ", BORN),
                        person("0000000027", "千葉\u3000花子", "チバ ハナコ", BORN, household_id="H2")])
    assert (decision.outcome, decision.resident_id) == (Outcome.QUEUED, "")


@pytest.mark.django_db
def test_a_card_of_a_protected_resident_goes_to_the_registrar_and_names_nobody():
    decision = _decide([person("0000000019", "千葉\u3000花子", "チバ ハナコ", BORN, protected=True)])
    assert (decision.outcome, decision.resident_id) == (Outcome.QUEUED, "")


@pytest.mark.django_db
def test_a_card_fitting_a_member_of_a_protected_household_goes_to_the_registrar():
    decision = _decide([person("0000000019", "千葉\u3000花子", "チバ ハナコ", BORN, household_id="H9"),
                        person("0000000027", "千葉\u3000一郎", "チバ イチロウ", date(1980, 1, 1),
                               household_id="H9", relationship="夫", protected=True)])
    assert decision.outcome == Outcome.QUEUED


@pytest.mark.django_db
def test_a_weaker_fit_goes_to_the_registrar():
    other_number = _decide([person("0000000019", "千葉\u3000花子", "チバ ハナコ", BORN, address_number="9番9号")])
    other_given_name = _decide([person("0000000019", "千葉\u3000花江", "チバ ハナエ", BORN)])
    partly_known_birth = _decide([person("0000000019", "千葉\u3000花子", "チバ ハナコ", BORN.replace(day=1),
                                         birth_date_kind="unknown_day")])
    assert [d.outcome for d in (other_number, other_given_name, partly_known_birth)] == [Outcome.QUEUED] * 3


@pytest.mark.django_db
def test_a_card_whose_address_is_outside_the_city_is_refused():
    decision = _decide([person("0000000019", "千葉\u3000花子", "チバ ハナコ", BORN)],
                       Card("千葉 花子", "東京都千代田区霞が関1丁目1番1号", BORN, "女"))
    assert decision.outcome == Outcome.NOT_RESIDENT


@pytest.mark.django_db
def test_a_resident_no_longer_registered_in_the_city_is_not_registered():
    decision = _decide([person("0000000019", "千葉\u3000花子", "チバ ハナコ", BORN, is_current=False)])
    assert decision.outcome == Outcome.QUEUED


@pytest.mark.django_db
def test_a_registered_resident_is_told_so_and_a_stopped_one_registers_again():
    now = timezone.now()
    registration = Registration.objects.create(number="1234567890123452", resident_id="0000000019",
                                               status=Registration.Status.ACTIVE, activated_at=now,
                                               expires_at=now + timedelta(days=90))
    persons = [person("0000000019", "千葉\u3000花子", "チバ ハナコ", BORN)]
    assert _decide(persons).outcome == Outcome.ALREADY_REGISTERED
    registration.status = Registration.Status.INACTIVE  # e.g. unfollowed the LINE account
    registration.save()
    assert _decide(persons).outcome == Outcome.ACTIVATED
