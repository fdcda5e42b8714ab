"""The identity provider's protocol, without the web server: what each endpoint accepts and answers.

Paths, parameters and scopes follow the デジタル認証アプリ API reference for 行政機関 (authorization
endpoint: response_type=code, scope `openid name address birthdate gender`, client_id, redirect_uri,
state, nonce, code_challenge, code_challenge_method=S256, all required); the token endpoint authenticates
the client by private_key_jwt (RFC 7523) and checks PKCE (RFC 7636); errors are OAuth 2.0's codes
(RFC 6749 §4.1.2.1, §5.2; RFC 6750 §3.1). See docs/decisions/0030-my-number-card-verification.md."""

from __future__ import annotations

import base64
import hashlib
import secrets
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlencode

from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet, RSAKey

from foryou.dev.cardidp.cards import TestCard

REALM = "/api/realms/main"
AUTHORIZE = f"{REALM}/protocol/openid-connect/auth"
TOKEN = f"{REALM}/protocol/openid-connect/token"
USERINFO = f"{REALM}/protocol/openid-connect/userinfo"
CERTS = f"{REALM}/protocol/openid-connect/certs"
DISCOVERY = f"{REALM}/.well-known/openid-configuration"
SCOPES = ("openid", "name", "address", "birthdate", "gender", "sign")
ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
CODE_SECONDS = 60  # an authorization code is short-lived and used once
TOKEN_SECONDS = 300
REQUEST_SECONDS = 600  # how long the card-picking page stays valid
# One-shot faults a test arms to see how the relying party copes (the next ID token only).
FAULTS = ("expired_id_token", "wrong_key", "wrong_audience", "wrong_nonce", "wrong_issuer")


@dataclass(frozen=True)
class Client:
    client_id: str
    redirect_uris: list[str]
    jwk: dict  # the client's public key, for its private_key_jwt assertions


class AuthError(Exception):
    """An authorization request refused: `redirect` is where the error goes (None: shown on the page,
    because the client or redirect URI cannot be trusted)."""

    def __init__(self, error: str, description: str, redirect: str | None = None):
        super().__init__(description)
        self.error, self.description, self.redirect = error, description, redirect


@dataclass
class AuthRequest:
    client_id: str
    redirect_uri: str
    scope: list[str]
    state: str
    nonce: str
    code_challenge: str
    created: float = field(default_factory=time.time)


@dataclass
class Grant:
    request: AuthRequest
    card: TestCard
    expires: float
    used: bool = False
    access_tokens: list[str] = field(default_factory=list)


def s256(verifier: str) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(verifier.encode("ascii")).digest()).rstrip(b"=").decode()


def _redirect(uri: str, **params) -> str:
    return uri + ("&" if "?" in uri else "?") + urlencode(params)


class Provider:
    def __init__(self, clients: list[Client] = (), cards: list[TestCard] = (), base_url: str = ""):
        self.clients = {c.client_id: c for c in clients}
        self.cards = list(cards)
        self.base_url = base_url
        self.key = RSAKey.generate_key(2048, parameters={"kid": secrets.token_hex(8), "alg": "RS256", "use": "sig"})
        self.requests: dict[str, AuthRequest] = {}
        self.grants: dict[str, Grant] = {}
        self.tokens: dict[str, tuple[Grant, float]] = {}
        self.assertion_ids: set[str] = set()
        self.faults: set[str] = set()
        self.lock = threading.Lock()

    @property
    def issuer(self) -> str:
        return self.base_url + REALM

    def discovery(self) -> dict:
        return {
            "issuer": self.issuer,
            "authorization_endpoint": self.base_url + AUTHORIZE,
            "token_endpoint": self.base_url + TOKEN,
            "userinfo_endpoint": self.base_url + USERINFO,
            "jwks_uri": self.base_url + CERTS,
            "response_types_supported": ["code"],
            "grant_types_supported": ["authorization_code", "refresh_token", "client_credentials"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "scopes_supported": list(SCOPES),
            "token_endpoint_auth_methods_supported": ["private_key_jwt"],
            "token_endpoint_auth_signing_alg_values_supported": ["RS256", "ES256"],
            "code_challenge_methods_supported": ["S256"],
            "claims_supported": ["sub", "iss", "aud", "exp", "iat", "auth_time", "nonce", "name", "address",
                                 "birthdate", "gender"],
        }

    def jwks(self) -> dict:
        return {"keys": [self.key.as_dict(private=False)]}

    # Authorization endpoint ------------------------------------------------------------------------

    def authorize(self, params: dict) -> str:
        """Check an authorization request; the id of the request the card-picking page answers."""
        client = self.clients.get(params.get("client_id", ""))
        if client is None:
            raise AuthError("unauthorized_client", "unknown client_id")
        redirect_uri = params.get("redirect_uri", "")
        if redirect_uri not in client.redirect_uris:
            raise AuthError("invalid_request", "redirect_uri is not registered for this client")
        state = params.get("state", "")

        def refuse(error, description):
            extra = {"state": state} if state else {}
            return AuthError(error, description, _redirect(redirect_uri, error=error,
                                                           error_description=description, **extra))

        if params.get("response_type") != "code":
            raise refuse("unsupported_response_type", "response_type must be code")
        scope = params.get("scope", "").split()
        if "openid" not in scope or any(s not in SCOPES for s in scope):
            raise refuse("invalid_scope", "scope must include openid and only " + " ".join(SCOPES))
        for name in ("state", "nonce", "code_challenge"):
            if not (1 <= len(params.get(name, "")) <= (128 if name == "code_challenge" else 255)):
                raise refuse("invalid_request", f"{name} is required")
        if params.get("code_challenge_method") != "S256":
            raise refuse("invalid_request", "code_challenge_method must be S256")
        request_id = secrets.token_urlsafe(16)
        with self.lock:
            self.requests[request_id] = AuthRequest(client.client_id, redirect_uri, scope, state, params["nonce"],
                                                    params["code_challenge"])
        return request_id

    def pending(self, request_id: str) -> AuthRequest | None:
        request = self.requests.get(request_id)
        if request is None or time.time() - request.created > REQUEST_SECONDS:
            return None
        return request

    def approve(self, request_id: str, card: TestCard) -> str:
        """The tester read this card: the redirect back to the client with a one-time code."""
        with self.lock:
            request = self.requests.pop(request_id)
            code = secrets.token_urlsafe(32)
            self.grants[code] = Grant(request, card, time.time() + CODE_SECONDS)
        return _redirect(request.redirect_uri, code=code, state=request.state)

    def cancel(self, request_id: str) -> str:
        with self.lock:
            request = self.requests.pop(request_id)
        return _redirect(request.redirect_uri, error="access_denied",
                         error_description="the user cancelled", state=request.state)

    # Token endpoint --------------------------------------------------------------------------------

    def token(self, form: dict) -> tuple[int, dict]:
        if form.get("grant_type") != "authorization_code":
            return 400, {"error": "unsupported_grant_type"}
        client = self._authenticated_client(form)
        if client is None:
            return 401, {"error": "invalid_client", "error_description": "client authentication failed"}
        with self.lock:
            grant = self.grants.get(form.get("code", ""))
            if grant is None or grant.request.client_id != client.client_id:
                return 400, {"error": "invalid_grant", "error_description": "unknown authorization code"}
            if grant.used:
                # RFC 6749 §4.1.2: a code used twice is refused, and the tokens issued on it revoked.
                for access_token in grant.access_tokens:
                    self.tokens.pop(access_token, None)
                return 400, {"error": "invalid_grant", "error_description": "authorization code already used"}
            grant.used = True
        if grant.expires < time.time():
            return 400, {"error": "invalid_grant", "error_description": "authorization code expired"}
        if form.get("redirect_uri") != grant.request.redirect_uri:
            return 400, {"error": "invalid_grant", "error_description": "redirect_uri differs"}
        if s256(form.get("code_verifier", "")) != grant.request.code_challenge:
            return 400, {"error": "invalid_grant", "error_description": "code_verifier does not match"}
        access_token = secrets.token_urlsafe(32)
        with self.lock:
            self.tokens[access_token] = (grant, time.time() + TOKEN_SECONDS)
            grant.access_tokens.append(access_token)
        return 200, {"access_token": access_token, "token_type": "Bearer", "expires_in": TOKEN_SECONDS,
                     "scope": " ".join(grant.request.scope), "id_token": self._id_token(grant)}

    def _authenticated_client(self, form: dict) -> Client | None:
        if form.get("client_assertion_type") != ASSERTION_TYPE:
            return None
        client = self.clients.get(form.get("client_id", ""))
        assertion = form.get("client_assertion", "")
        try:
            if client is None:  # client_id may be left out: it is the assertion's issuer
                unverified = jwt.decode(assertion, KeySet.import_key_set({"keys": [c.jwk for c in self.clients.values()]}),
                                        algorithms=["RS256", "ES256"])
                client = self.clients.get(unverified.claims.get("iss", ""))
                if client is None:
                    return None
            token = jwt.decode(assertion, KeySet.import_key_set({"keys": [client.jwk]}), algorithms=["RS256", "ES256"])
            jwt.JWTClaimsRegistry(
                iss={"essential": True, "value": client.client_id}, sub={"essential": True, "value": client.client_id},
                aud={"essential": True, "values": [self.base_url + TOKEN, self.issuer]},
                exp={"essential": True}, jti={"essential": True}).validate(token.claims)
        except (JoseError, ValueError):
            return None
        with self.lock:
            if token.claims["jti"] in self.assertion_ids:
                return None  # an assertion is used once
            self.assertion_ids.add(token.claims["jti"])
        return client

    def _id_token(self, grant: Grant) -> str:
        now = int(time.time())
        claims = {"iss": self.issuer, "sub": self._subject(grant.card), "aud": grant.request.client_id,
                  "exp": now + TOKEN_SECONDS, "iat": now, "auth_time": now, "nonce": grant.request.nonce}
        key = self.key
        with self.lock:
            faults, self.faults = self.faults, set()
        if "expired_id_token" in faults:
            claims["exp"], claims["iat"] = now - 600, now - 900
        if "wrong_audience" in faults:
            claims["aud"] = "RP99999999"
        if "wrong_nonce" in faults:
            claims["nonce"] = secrets.token_hex(16)
        if "wrong_issuer" in faults:
            claims["iss"] = "https://attacker.example/api/realms/main"
        if "wrong_key" in faults:  # same kid, another key: the signature cannot verify
            key = RSAKey.generate_key(2048, parameters={"kid": self.key.kid, "alg": "RS256"})
        return jwt.encode({"alg": "RS256", "kid": self.key.kid, "typ": "JWT"}, claims, key)

    @staticmethod
    def _subject(card: TestCard) -> str:
        """A stable pairwise-looking subject for a card (the real service's sub is opaque too)."""
        return hashlib.sha256(f"{card.name}|{card.birthdate}".encode()).hexdigest()[:36]

    # UserInfo endpoint -----------------------------------------------------------------------------

    def userinfo(self, authorization: str) -> tuple[int, dict]:
        token = authorization[7:] if authorization.startswith("Bearer ") else ""
        with self.lock:
            found = self.tokens.get(token)
        if found is None or found[1] < time.time():
            return 401, {"error": "invalid_token"}
        grant = found[0]
        claims = {"sub": self._subject(grant.card)}
        for name, value in grant.card.claims().items():
            if name in grant.request.scope:
                claims[name] = value
        return 200, claims
