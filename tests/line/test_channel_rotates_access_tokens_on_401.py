"""LINE_CHANNEL_ACCESS_TOKENS lists tokens, the first current: on 401 the next is tried once (rotation
in progress); when that one is refused too, the channel is down."""

from foryou.gateway.delivery.channel import Outcome
from tests.line.channel_helpers import channel, push


def test_a_revoked_first_token_falls_back_to_the_next_and_stays_there(line):
    line.config.access_tokens = ["new-token"]
    ch = channel(line, tokens=["revoked-token", "new-token"])
    user = line.create_user()
    [result] = ch.send(push(user.user_id))
    assert result.ok and ch.token_index == 1
    assert ch.send(push(user.user_id))[0].ok
    assert len(line.messages(user.user_id)) == 2


def test_when_the_next_token_is_refused_too_the_channel_is_down(line):
    ch = channel(line, tokens=["revoked-1", "revoked-2", line.access_token])
    [result] = ch.send(push(line.create_user().user_id))
    assert (result.outcome, result.code, result.status) == (Outcome.CHANNEL_DOWN, "unauthorized", 401)
    assert ch.halted


def test_a_single_refused_token_is_channel_down_at_once(line):
    [result] = channel(line, tokens=["revoked"]).send(push(line.create_user().user_id))
    assert result.outcome is Outcome.CHANNEL_DOWN
