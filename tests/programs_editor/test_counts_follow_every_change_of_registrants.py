"""The editor keeps what it loaded about registrants (the consenting ones, whom a send would tell)
until their token changes: database triggers change it on every change that matters, however it is
written — one registration, a queryset update, a bulk insert, a delete — and not on others; a
rolled-back change leaves the token the registrations had. A withdrawn consent is never counted."""

import pytest
from django.db import transaction

from foryou.enrollment.models import Registration, RegistrationsVersion
from tests.programs_editor.conftest import register
from tests.programs_editor.test_counts_before_a_send_hide_small_numbers_and_unconsented_tax_data import count_of, post
from tests.residents.exports import HANAKO, TARO

pytestmark = pytest.mark.django_db

INCOME_ABOVE_ZERO = {"all": [{"field": "total_income", "op": ">", "value": 0}]}


def token() -> str | None:
    return RegistrationsVersion.objects.token()


def test_each_change_of_who_is_registered_or_consents_changes_the_token(db):
    seen = [token()]

    def changed() -> bool:
        seen.append(token())
        return seen[-1] != seen[-2]

    first = register(TARO, tax=True)
    assert changed()
    Registration.objects.filter(pk=first.pk).update(tax_consent=False)  # no signals, no save()
    assert changed()
    Registration.objects.filter(pk=first.pk).update(language="en")  # nothing a count reads
    assert not changed()
    Registration.objects.bulk_create([Registration(number="1234567890123456", resident_id=HANAKO, status="active",
                                                   expires_at=first.expires_at)])
    assert changed()
    Registration.objects.filter(pk=first.pk).update(status="ended")
    assert changed()
    Registration.objects.filter(pk=first.pk).delete()
    assert changed()
    assert len(set(seen)) == len(seen) - 1  # every token new, never one seen before


def test_a_rolled_back_change_leaves_the_token_as_it_was(db):
    register(TARO, tax=True)
    before = token()
    with pytest.raises(RuntimeError), transaction.atomic():
        register(HANAKO, tax=True)
        assert token() != before
        raise RuntimeError("undo")
    assert token() == before


def test_a_consent_withdrawn_by_a_queryset_update_is_not_counted_next_time(client, city, editor, exact_counts):
    registration = register(TARO, tax=True)
    assert count_of(post(client, INCOME_ABOVE_ZERO).content.decode()) == "1"
    Registration.objects.filter(pk=registration.pk).update(tax_consent=False)
    assert count_of(post(client, INCOME_ABOVE_ZERO).content.decode()) == "0"
    registration.refresh_from_db()
    Registration.objects.filter(pk=registration.pk).update(tax_consent=True)
    assert count_of(post(client, INCOME_ABOVE_ZERO).content.decode()) == "1"


def test_without_a_token_the_registrations_themselves_are_compared(client, city, editor, exact_counts):
    """An emptied token table (a test database flushed) falls back to reading the registrations."""
    RegistrationsVersion.objects.all().delete()
    registration = register(TARO, tax=True)
    RegistrationsVersion.objects.all().delete()
    assert count_of(post(client, INCOME_ABOVE_ZERO).content.decode()) == "1"
    Registration.objects.filter(pk=registration.pk).update(tax_consent=False)
    RegistrationsVersion.objects.all().delete()
    assert count_of(post(client, INCOME_ABOVE_ZERO).content.decode()) == "0"
