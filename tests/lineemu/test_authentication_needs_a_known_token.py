"""The Messaging API wants a known channel access token as a Bearer credential, as LINE does."""

import pytest
from linebot.v3.messaging import ApiException

from tests.lineemu.conftest import text


def test_an_unknown_token_is_401_with_lines_message(line):
    status, headers, body = line.call("GET", "/v2/bot/message/quota", token="not-a-token")
    assert status == 401 and headers["x-line-request-id"]
    assert body == {"message": "Authentication failed. Confirm that the access token in the authorization header is valid."}


def test_a_missing_authorization_header_is_401(line):
    status, _, body = line.call("GET", "/v2/bot/message/quota", token=None)
    assert status == 401 and body["message"].startswith("Authorization header required")


def test_the_sdk_with_a_bad_token_gets_401(line):
    with pytest.raises(ApiException) as error:
        line.sdk(token="wrong").get_message_quota()
    assert error.value.status == 401


def test_a_short_lived_token_issued_with_the_channel_secret_works(line):
    status, _, issued = line.call("POST", "/v2/oauth/accessToken", token=None, form={
        "grant_type": "client_credentials", "client_id": line.config.channel_id,
        "client_secret": line.config.channel_secret})
    assert status == 200 and issued["token_type"] == "Bearer" and issued["expires_in"] == 2592000
    user = line.create_user()
    assert line.push(user.user_id, text("x"), token=issued["access_token"])[0] == 200
    status, _, verified = line.call("POST", "/v2/oauth/verify", token=None, form={"access_token": issued["access_token"]})
    assert status == 200 and verified["client_id"] == line.config.channel_id


def test_a_wrong_channel_secret_gets_no_token(line):
    status, _, body = line.call("POST", "/v2/oauth/accessToken", token=None, form={
        "grant_type": "client_credentials", "client_id": line.config.channel_id, "client_secret": "nope"})
    assert status == 400 and body["error"] == "invalid_client"
