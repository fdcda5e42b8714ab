"""LIFF ID tokens: issued by the emulator (HS256 with the LINE Login channel secret) and checked by LINE's
verify endpoint, POST /oauth2/v2.1/verify, with its claims and its error bodies."""

import base64
import json

import pytest

from foryou.dev.lineemu import idtoken


@pytest.fixture
def user(line):
    return line.create_user("千葉 花子", picture_url="https://profile.line-scdn.net/hanako")


def verify(line, token, client_id=None, **extra):
    form = {"id_token": token, "client_id": client_id or line.config.login_channel_id, **extra}
    return line.call("POST", "/oauth2/v2.1/verify", token=None, form=form)


def test_an_issued_token_verifies_with_lines_documented_claims(line, user):
    status, _, issued = line.call("POST", "/emulator/liff/id-token", {"userId": user.user_id}, token=None)
    assert status == 200
    status, headers, claims = verify(line, issued["idToken"])
    assert status == 200 and headers["x-line-request-id"]
    assert claims["iss"] == "https://access.line.me"
    assert (claims["sub"], claims["aud"], claims["name"], claims["picture"]) == (
        user.user_id, line.config.login_channel_id, "千葉 花子", "https://profile.line-scdn.net/hanako")
    assert claims["exp"] - claims["iat"] == 3600 and claims["amr"] == ["linesso"]


def test_the_token_is_an_hs256_jwt_signed_with_the_login_channel_secret(line, user):
    token = line.issue_id_token(user.user_id)
    header = json.loads(base64.urlsafe_b64decode(token.split(".")[0] + "=="))
    assert header == {"typ": "JWT", "alg": "HS256"}
    assert idtoken.decode(token, line.config.login_channel_secret)["sub"] == user.user_id
    with pytest.raises(idtoken.InvalidIdToken):
        idtoken.decode(token, "another secret")


def test_an_expired_token_is_refused(line, user):
    token = line.issue_id_token(user.user_id, ttl=-1)
    assert verify(line, token)[::2] == (400, {"error": "invalid_request", "error_description": "IdToken expired."})


def test_a_token_for_another_channel_is_refused(line, user):
    token = line.issue_id_token(user.user_id)
    assert verify(line, token, client_id="1234567890")[2]["error_description"] == "Invalid IdToken Audience."


def test_a_tampered_token_is_refused(line, user):
    header, claims, signature = line.issue_id_token(user.user_id).split(".")
    forged = json.loads(base64.urlsafe_b64decode(claims + "=="))
    forged["sub"] = "U" + "e" * 32
    forged_b64 = base64.urlsafe_b64encode(json.dumps(forged).encode()).rstrip(b"=").decode()
    for token in (f"{header}.{forged_b64}.{signature}", "not.a.jwt", "garbage"):
        assert verify(line, token)[::2] == (400, {"error": "invalid_request", "error_description": "Invalid IdToken."})


def test_nonce_and_user_id_are_checked_when_given(line, user):
    token = line.issue_id_token(user.user_id, nonce="n-123")
    assert verify(line, token, nonce="n-123")[0] == 200
    assert verify(line, token, nonce="other")[2]["error_description"] == "Invalid IdToken Nonce."
    assert verify(line, token, user_id="U" + "0" * 32)[2]["error_description"] == "Invalid IdToken Subject Identifier."


def test_a_missing_client_id_is_an_invalid_request(line, user):
    status, _, body = line.call("POST", "/oauth2/v2.1/verify", token=None,
                                form={"id_token": line.issue_id_token(user.user_id)})
    assert status == 400 and body["error"] == "invalid_request"


def test_tokens_are_issued_only_for_known_users(line):
    assert line.call("POST", "/emulator/liff/id-token", {"userId": "U" + "0" * 32}, token=None)[0] == 404
