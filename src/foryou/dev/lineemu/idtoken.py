"""LINE Login ID tokens: JWTs signed HS256 with the LINE Login channel secret (as LINE signs tokens of
web login), and the checks of LINE's verify endpoint. Written with hmac/base64/json: no JWT library."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time

ISSUER = "https://access.line.me"


class InvalidIdToken(Exception):
    """Carries the error_description LINE's verify endpoint answers with."""


def _b64encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _b64decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def encode(claims: dict, secret: str) -> str:
    header = {"typ": "JWT", "alg": "HS256"}
    signing_input = ".".join(
        _b64encode(json.dumps(part, separators=(",", ":"), ensure_ascii=False).encode("utf-8"))
        for part in (header, claims))
    signature = hmac.new(secret.encode("utf-8"), signing_input.encode("ascii"), hashlib.sha256).digest()
    return f"{signing_input}.{_b64encode(signature)}"


def issue(*, user_id: str, channel_id: str, secret: str, name: str | None = None, picture: str | None = None,
          nonce: str | None = None, ttl: int = 3600, now: float | None = None, email: str | None = None) -> str:
    iat = int(time.time() if now is None else now)
    claims = {"iss": ISSUER, "sub": user_id, "aud": channel_id, "exp": iat + ttl, "iat": iat, "amr": ["linesso"]}
    if nonce is not None:
        claims["nonce"] = nonce
    if name is not None:
        claims["name"] = name
    if picture is not None:
        claims["picture"] = picture
    if email is not None:
        claims["email"] = email
    return encode(claims, secret)


def decode(token: str, secret: str) -> dict:
    """Check the signature and return the claims, or raise InvalidIdToken("Invalid IdToken.")."""
    try:
        header_b64, claims_b64, signature_b64 = token.split(".")
        header = json.loads(_b64decode(header_b64))
        claims = json.loads(_b64decode(claims_b64))
        signature = _b64decode(signature_b64)
    except (ValueError, TypeError):
        raise InvalidIdToken("Invalid IdToken.") from None
    if not isinstance(header, dict) or header.get("alg") != "HS256" or not isinstance(claims, dict):
        raise InvalidIdToken("Invalid IdToken.")
    expected = hmac.new(secret.encode("utf-8"), f"{header_b64}.{claims_b64}".encode("ascii"), hashlib.sha256).digest()
    if not hmac.compare_digest(signature, expected):
        raise InvalidIdToken("Invalid IdToken.")
    return claims


def verify(token: str, *, client_id: str, secret: str, nonce: str | None = None, user_id: str | None = None,
           now: float | None = None) -> dict:
    """The checks of POST /oauth2/v2.1/verify, in LINE's order; returns the claims."""
    claims = decode(token, secret)
    if claims.get("iss") != ISSUER:
        raise InvalidIdToken("Invalid IdToken Issuer.")
    if str(claims.get("aud")) != str(client_id):
        raise InvalidIdToken("Invalid IdToken Audience.")
    if not isinstance(claims.get("exp"), int) or claims["exp"] <= (time.time() if now is None else now):
        raise InvalidIdToken("IdToken expired.")
    if nonce is not None and claims.get("nonce") != nonce:
        raise InvalidIdToken("Invalid IdToken Nonce.")
    if user_id is not None and claims.get("sub") != user_id:
        raise InvalidIdToken("Invalid IdToken Subject Identifier.")
    return claims
