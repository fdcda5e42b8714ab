"""Consent given or withdrawn on the consent page (outside the chat) is confirmed in the chat: a push from
the gateway after the change is committed, sent exactly once — its retry key is derived from the change,
so the task run again (a worker retried it) is answered 409 by LINE and nothing is sent twice."""

import pytest
from django.utils import translation

from foryou.gateway import services
from foryou.gateway.line import confirmations, replies
from foryou.gateway.models import OutboundEvent
from tests.line.conftest import active, said

pytestmark = [pytest.mark.django_db(databases=["default", "gateway"], transaction=True),
              pytest.mark.urls("tests.line.urls")]


def test_giving_and_withdrawing_consent_on_the_page_are_each_confirmed_by_a_push(on_emulator):
    line = on_emulator
    user = line.create_user()
    subscriber = active(user.user_id)
    services.set_consent(subscriber, True)  # what the consent page does
    services.set_consent(subscriber, False)
    with translation.override("ja"):
        assert said(line, user.user_id) == [replies.text_message(replies.consent_changed_text(True)),
                                            replies.text_message(replies.consent_changed_text(False))]
    assert [m["kind"] for m in line.messages(user.user_id)] == ["push", "push"]


def test_the_confirmation_task_run_twice_sends_one_message(on_emulator):
    line = on_emulator
    user = line.create_user()
    subscriber = active(user.user_id)
    services.set_consent(subscriber, True)
    change = OutboundEvent.objects.get(kind="consent.changed")
    assert confirmations.confirm_consent_changed.call(user.user_id, True, str(change.message_id))  # accepted (409)
    assert len(line.messages(user.user_id)) == 1


def test_a_registrant_who_blocked_the_account_gets_no_push(on_emulator):
    line = on_emulator
    user = line.create_user()
    subscriber = active(user.user_id)
    subscriber.line_reachable = False
    services.set_consent(subscriber, True)
    assert line.messages(user.user_id) == []
