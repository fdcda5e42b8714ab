"""配信停止 (or 停止) in the chat ends the registration and the reply says how to start again."""

import pytest

from foryou.gateway.models import OutboundEvent, Subscriber
from tests.line.conftest import APPLY_URL, active

pytestmark = [pytest.mark.django_db(databases=["default", "gateway"], transaction=True),
              pytest.mark.urls("tests.line.urls")]


@pytest.mark.parametrize("word", ["配信停止", "停止", " 配信 停止 ", "ＳＴＯＰ"])
def test_the_stop_keyword_deactivates_and_confirms(on_emulator, word):
    line = on_emulator
    user = line.create_user()
    subscriber = active(user.user_id)
    line.say(user.user_id, word)
    subscriber.refresh_from_db()
    assert (subscriber.status, subscriber.ending) == (Subscriber.Status.INACTIVE, "opted_out")
    assert OutboundEvent.objects.get().body["ending"] == "opted_out"
    [reply] = line.messages(user.user_id)
    assert APPLY_URL in reply["message"]["text"]  # how to restart


def test_stop_from_someone_not_registered_changes_nothing(on_emulator):
    line = on_emulator
    user = line.create_user()
    line.say(user.user_id, "配信停止")
    assert not OutboundEvent.objects.exists()
    assert len(line.messages(user.user_id)) == 1
