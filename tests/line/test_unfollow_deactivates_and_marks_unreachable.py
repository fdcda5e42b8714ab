"""A resident who blocks the account (unfollow) is deactivated and marked unreachable on LINE;
following again does not silently reactivate, but makes them reachable and greets them."""

import pytest

from foryou.gateway.models import OutboundEvent, Subscriber
from tests.line.conftest import active

pytestmark = [pytest.mark.django_db(databases=["default", "gateway"], transaction=True),
              pytest.mark.urls("tests.line.urls")]


def test_unfollow_ends_the_registration_and_marks_the_user_unreachable(on_emulator):
    line = on_emulator
    user = line.create_user()
    subscriber = active(user.user_id)
    assert line.block(user.user_id)["status"] == 200
    subscriber.refresh_from_db()
    assert subscriber.line_reachable is False
    assert (subscriber.status, subscriber.ending) == (Subscriber.Status.INACTIVE, "unfollowed")
    assert OutboundEvent.objects.get().body["ending"] == "unfollowed"

    line.follow(user.user_id)
    subscriber.refresh_from_db()
    assert subscriber.line_reachable is True and subscriber.status == Subscriber.Status.INACTIVE
    assert [m["kind"] for m in line.messages(user.user_id)] == ["reply", "reply"]  # the greeting and its buttons
