"""The official line-bot-sdk, pointed at the emulator's base URL, works unchanged."""

import asyncio
import uuid

from linebot.v3.messaging import (AsyncApiClient, AsyncMessagingApi, Configuration, MulticastRequest,
                                  PushMessageRequest, TextMessage)

from tests.lineemu.conftest import text


def test_push_returns_sent_messages_and_the_message_is_stored(line):
    user = line.create_user("千葉 花子")
    response = line.sdk().push_message(PushMessageRequest(to=user.user_id, messages=[TextMessage(text="こんにちは")]))
    [sent] = response.sent_messages
    [stored] = line.messages(user.user_id)
    assert stored["id"] == sent.id and stored["quoteToken"] == sent.quote_token
    assert stored["message"] == {"type": "text", "text": "こんにちは"}
    assert stored["delivered"] is True


def test_every_response_carries_a_request_id_that_is_stored_with_the_message(line):
    user = line.create_user()
    retry_key = str(uuid.uuid4())
    response = line.sdk().push_message_with_http_info(
        PushMessageRequest(to=user.user_id, messages=[TextMessage(text="x")]), x_line_retry_key=retry_key)
    request_id = response.headers["x-line-request-id"]
    [stored] = line.messages(user.user_id)
    assert stored["requestId"] == request_id and stored["retryKey"] == retry_key
    status, headers, _ = line.call("GET", "/v2/bot/message/quota")
    assert status == 200 and headers["x-line-request-id"]


def test_multicast_reaches_every_friend_and_skips_unknown_ids(line):
    friends = [line.create_user(f"住民 {i}") for i in range(3)]
    stranger = "U" + "f" * 32
    line.sdk().multicast(MulticastRequest(to=[u.user_id for u in friends] + [stranger],
                                          messages=[TextMessage(text="お知らせ")]))
    assert all(len(line.messages(u.user_id)) == 1 for u in friends)
    assert line.state.usage_this_month() == 3


def test_get_profile_returns_what_the_user_shows_the_account(line):
    user = line.create_user("千葉 花子", picture_url="https://profile.line-scdn.net/x", status_message="元気です")
    profile = line.sdk().get_profile(user.user_id)
    assert (profile.user_id, profile.display_name, profile.picture_url, profile.status_message) == (
        user.user_id, "千葉 花子", "https://profile.line-scdn.net/x", "元気です")


def test_quota_is_none_without_a_limit_and_limited_with_one(line):
    assert line.sdk().get_message_quota().type == "none"
    line.config.monthly_limit = 1000
    quota = line.sdk().get_message_quota()
    assert (quota.type, quota.value) == ("limited", 1000)
    line.push(line.create_user().user_id, text("a"), text("b"))
    assert line.sdk().get_message_quota_consumption().total_usage == 1  # one per recipient per request


def test_bot_info_describes_the_official_account(line):
    info = line.sdk().get_bot_info()
    assert info.display_name == line.config.bot_display_name and info.user_id == line.config.bot_user_id


def test_the_async_client_pushes_and_reads_the_quota(line):
    user = line.create_user()

    async def scenario():
        async with AsyncApiClient(Configuration(host=line.base_url, access_token=line.access_token)) as client:
            api = AsyncMessagingApi(client)
            response = await api.push_message(PushMessageRequest(to=user.user_id, messages=[TextMessage(text="非同期")]),
                                              x_line_retry_key=str(uuid.uuid4()))
            consumption = await api.get_message_quota_consumption()
            return response, consumption

    response, consumption = asyncio.run(scenario())
    assert len(response.sent_messages) == 1 and consumption.total_usage == 1
    assert line.messages(user.user_id)[0]["message"]["text"] == "非同期"
