"""The relying party's protocol: the authorization request (Authlib: PKCE S256, state, nonce), the token
request (Authlib, private_key_jwt), the ID token's checks (joserfc: signature by the provider's JWKS, iss,
aud, exp, nonce) and the userinfo request. Nothing here stores anything."""

import logging
import time

import requests
from authlib.integrations.base_client import OAuthError
from authlib.integrations.requests_client import OAuth2Session
from authlib.oauth2.rfc7523 import PrivateKeyJWT
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet, import_key

from foryou.gateway.mynumber.config import SCOPE, config

log = logging.getLogger(__name__)
TIMEOUT = 10
METADATA_SECONDS = 3600
LEEWAY = 60  # seconds of clock difference tolerated on exp / iat


class Refused(Exception):
    """The flow cannot be trusted or did not complete; `code` names why (see services.FAILURES)."""

    def __init__(self, code: str, detail: str):
        super().__init__(detail)
        self.code = code


_cache: dict[str, tuple[float, dict]] = {}


def _get_json(url: str) -> dict:
    try:
        response = requests.get(url, timeout=TIMEOUT)
        response.raise_for_status()
        return response.json()
    except (requests.RequestException, ValueError) as exc:
        raise Refused("unavailable", f"{url}: {exc}") from None


def metadata(refresh: bool = False) -> dict:
    """The provider's discovery document (OpenID Connect Discovery 1.0), cached an hour."""
    issuer = config().issuer
    cached = _cache.get(issuer)
    if cached and not refresh and time.monotonic() - cached[0] < METADATA_SECONDS:
        return cached[1]
    document = _get_json(f"{issuer}/.well-known/openid-configuration")
    if document.get("issuer") != issuer:
        raise Refused("unavailable", "the discovery document names another issuer")
    _cache[issuer] = (time.monotonic(), document)
    return document


def _session(**kwargs) -> OAuth2Session:
    c = config()
    return OAuth2Session(c.client_id, scope=SCOPE, redirect_uri=c.redirect_uri, code_challenge_method="S256",
                         **kwargs)


def authorization_url(state: str, nonce: str, code_verifier: str) -> str:
    url, _state = _session().create_authorization_url(metadata()["authorization_endpoint"], state=state,
                                                      nonce=nonce, code_verifier=code_verifier)
    return url


def _keys(refresh: bool = False) -> KeySet:
    meta = metadata()
    cached = _cache.get(meta["jwks_uri"])
    if cached and not refresh and time.monotonic() - cached[0] < METADATA_SECONDS:
        return KeySet.import_key_set(cached[1])
    document = _get_json(meta["jwks_uri"])
    _cache[meta["jwks_uri"]] = (time.monotonic(), document)
    return KeySet.import_key_set(document)


def validated_id_token(id_token: str, nonce: str) -> dict:
    """The ID token's claims, once its signature (the provider's JWKS; fetched again once for an unknown
    key id, as after a key rotation) and its iss, aud, exp and nonce are right."""
    c = config()
    try:
        try:
            token = jwt.decode(id_token, _keys(), algorithms=["RS256", "ES256"])
        except JoseError:
            token = jwt.decode(id_token, _keys(refresh=True), algorithms=["RS256", "ES256"])
    except (JoseError, ValueError) as exc:
        raise Refused("token_invalid", f"ID token signature: {type(exc).__name__}") from None
    claims = token.claims
    registry = jwt.JWTClaimsRegistry(
        leeway=LEEWAY, iss={"essential": True, "value": metadata()["issuer"]},
        aud={"essential": True, "value": c.client_id}, exp={"essential": True}, sub={"essential": True},
        nonce={"essential": True, "value": nonce})
    try:
        registry.validate(claims)
    except JoseError as exc:
        raise Refused("token_invalid", f"ID token claims: {exc}") from None
    audiences = claims["aud"] if isinstance(claims["aud"], list) else [claims["aud"]]
    if len(audiences) > 1 and claims.get("azp") != c.client_id:
        raise Refused("token_invalid", "ID token for several audiences without our azp")
    return claims


def card_facts(code: str, code_verifier: str, nonce: str) -> dict:
    """Exchange the code (private_key_jwt, PKCE) and return the userinfo claims of the verified subject."""
    c = config()
    meta = metadata()
    session = _session(client_secret=import_key(c.client_key), token_endpoint_auth_method="private_key_jwt")
    session.register_client_auth_method(PrivateKeyJWT(meta["token_endpoint"], alg=c.client_key.get("alg", "RS256")))
    try:
        token = session.fetch_token(meta["token_endpoint"], grant_type="authorization_code", code=code,
                                    code_verifier=code_verifier, timeout=TIMEOUT)
    except OAuthError as exc:
        raise Refused("code_refused", f"token endpoint: {exc.error}") from None
    except requests.RequestException as exc:
        raise Refused("unavailable", f"token endpoint: {type(exc).__name__}") from None
    if "id_token" not in token:
        raise Refused("token_invalid", "no ID token in the token response")
    claims = validated_id_token(token["id_token"], nonce)
    try:
        response = session.get(meta["userinfo_endpoint"], timeout=TIMEOUT)
        response.raise_for_status()
        facts = response.json()
    except (requests.RequestException, ValueError) as exc:
        raise Refused("unavailable", f"userinfo endpoint: {type(exc).__name__}") from None
    if facts.get("sub") != claims["sub"]:  # OpenID Connect Core §5.3.2
        raise Refused("token_invalid", "userinfo is about another subject")
    return facts
