"""The local デジタル認証アプリ speaks the API reference's protocol: discovery and JWKS, the authorization
request's required parameters (PKCE S256, state, nonce), one-time codes bound to the verifier and the
redirect URI, private_key_jwt client authentication, and userinfo only with a valid access token."""

import secrets
import time
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
import requests
from joserfc import jwt
from joserfc.jwk import KeySet

from foryou.dev.cardidp import TestCard
from foryou.dev.cardidp.provider import ASSERTION_TYPE, AUTHORIZE, TOKEN, s256

from tests.mynumber.conftest import CLIENT_ID, CLIENT_KEY, REDIRECT_URI, read_card

CARD = TestCard("千葉 花子", "千葉県千葉市中央区千葉港1番1号", "1985-04-12", "女")


@pytest.fixture
def provider(idp):
    return idp


def authorization_url(idp, **overrides) -> tuple[str, str]:
    verifier = secrets.token_urlsafe(48)
    params = {"response_type": "code", "scope": "openid name address birthdate gender", "client_id": CLIENT_ID,
              "redirect_uri": REDIRECT_URI, "state": "s-" + secrets.token_hex(4), "nonce": "n-123",
              "code_challenge": s256(verifier), "code_challenge_method": "S256"} | overrides
    return idp.base_url + AUTHORIZE + "?" + urlencode({k: v for k, v in params.items() if v is not None}), verifier


def assertion(idp, **claims) -> str:
    now = int(time.time())
    body = {"iss": CLIENT_ID, "sub": CLIENT_ID, "aud": idp.base_url + TOKEN, "exp": now + 60, "iat": now,
            "jti": secrets.token_hex(8)} | claims
    return jwt.encode({"alg": "RS256", "kid": CLIENT_KEY.kid}, body, CLIENT_KEY)


def exchange(idp, code: str, verifier: str, **form) -> requests.Response:
    data = {"grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT_URI, "code_verifier": verifier,
            "client_id": CLIENT_ID, "client_assertion_type": ASSERTION_TYPE, "client_assertion": assertion(idp)} | form
    return requests.post(idp.base_url + TOKEN, data=data, timeout=10)


def code_of(location: str) -> str:
    return parse_qs(urlsplit(location).query)["code"][0]


def test_discovery_names_the_reference_endpoints_and_the_keys_verify_its_id_tokens(provider):
    meta = requests.get(provider.issuer + "/.well-known/openid-configuration", timeout=10).json()
    assert meta["issuer"] == provider.issuer
    assert meta["authorization_endpoint"].endswith("/api/realms/main/protocol/openid-connect/auth")
    assert meta["token_endpoint_auth_methods_supported"] == ["private_key_jwt"]
    assert meta["code_challenge_methods_supported"] == ["S256"]
    url, verifier = authorization_url(provider)
    token = exchange(provider, code_of(read_card(url, CARD)), verifier).json()
    keys = KeySet.import_key_set(requests.get(meta["jwks_uri"], timeout=10).json())
    claims = jwt.decode(token["id_token"], keys).claims
    assert (claims["iss"], claims["aud"], claims["nonce"]) == (provider.issuer, CLIENT_ID, "n-123")
    info = requests.get(meta["userinfo_endpoint"], headers={"Authorization": f"Bearer {token['access_token']}"},
                        timeout=10).json()
    assert {k: info[k] for k in ("name", "address", "birthdate", "gender")} == CARD.claims()
    assert info["sub"] == claims["sub"]


@pytest.mark.parametrize("missing", ["state", "nonce", "code_challenge"])
def test_an_authorization_request_without_state_nonce_or_pkce_is_sent_back_with_an_error(provider, missing):
    url, _verifier = authorization_url(provider, **{missing: None})
    answer = requests.get(url, allow_redirects=False, timeout=10)
    assert answer.status_code == 302
    assert parse_qs(urlsplit(answer.headers["Location"]).query)["error"] == ["invalid_request"]


def test_plain_pkce_and_an_unregistered_redirect_uri_are_refused(provider):
    url, _verifier = authorization_url(provider, code_challenge_method="plain")
    assert "error=invalid_request" in requests.get(url, allow_redirects=False, timeout=10).headers["Location"]
    url, _verifier = authorization_url(provider, redirect_uri="https://attacker.example/cb")
    answer = requests.get(url, allow_redirects=False, timeout=10)
    assert answer.status_code == 400  # never redirected to an address the client did not register


def test_a_code_needs_its_verifier_and_works_once(provider):
    url, verifier = authorization_url(provider)
    code = code_of(read_card(url, CARD))
    assert exchange(provider, code, "wrong-" + verifier).json()["error"] == "invalid_grant"

    url, verifier = authorization_url(provider)
    code = code_of(read_card(url, CARD))
    first = exchange(provider, code, verifier)
    assert first.status_code == 200
    again = exchange(provider, code, verifier)
    assert (again.status_code, again.json()["error"]) == (400, "invalid_grant")
    info = requests.get(provider.base_url + "/api/realms/main/protocol/openid-connect/userinfo",
                        headers={"Authorization": f"Bearer {first.json()['access_token']}"}, timeout=10)
    assert info.status_code == 401  # the replay revoked the tokens issued on that code


def test_the_client_must_authenticate_with_its_own_key_once_per_assertion(provider):
    url, verifier = authorization_url(provider)
    code = code_of(read_card(url, CARD))
    assert exchange(provider, code, verifier, client_assertion="").status_code == 401
    assert exchange(provider, code, verifier, client_assertion=assertion(provider, aud="https://other")).status_code == 401
    reused = assertion(provider)
    assert exchange(provider, code, verifier, client_assertion=reused).status_code == 200
    url, verifier = authorization_url(provider)
    code = code_of(read_card(url, CARD))
    assert exchange(provider, code, verifier, client_assertion=reused).status_code == 401
