"""The identity provider's settings, checked once, each problem one line naming the variable."""

import json
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

SCOPE = "openid name address birthdate gender"  # the 基本4情報 (API reference, スコープ一覧)


@dataclass(frozen=True)
class Config:
    issuer: str
    client_id: str
    client_key: dict  # private JWK for private_key_jwt
    redirect_uri: str


def enabled() -> bool:
    return bool(settings.MYNUMBER_ISSUER)


def _secure(name: str, url: str) -> None:
    parts = urlsplit(url)
    loopback = parts.hostname in ("127.0.0.1", "localhost", "::1")
    if parts.scheme != "https" and not (parts.scheme == "http" and loopback):
        raise ImproperlyConfigured(f"{name}={url!r} is not an https:// address (required outside this machine). "
                                   "Set it in the environment (see docs/operations.md).")


@lru_cache(maxsize=4)
def _checked(issuer: str, client_id: str, client_key: str, redirect_uri: str) -> Config:
    _secure("FORYOU_MYNUMBER_ISSUER", issuer)
    if not client_id:
        raise ImproperlyConfigured("FORYOU_MYNUMBER_CLIENT_ID is not set: the client ID the Digital Agency issued "
                                   "(e.g. RP00000001). Set it in the environment (see docs/operations.md).")
    try:
        key = json.loads(client_key)
        if not isinstance(key, dict) or "kty" not in key or "d" not in key:
            raise ValueError
    except ValueError:
        raise ImproperlyConfigured("FORYOU_MYNUMBER_CLIENT_KEY is not a private key in JWK form (JSON with kty and "
                                   "d): the key whose public half is registered for private_key_jwt.") from None
    if not redirect_uri:
        raise ImproperlyConfigured("FORYOU_MYNUMBER_REDIRECT_URI is not set: the gateway's /mynumber/callback "
                                   "address as registered with the Digital Agency.")
    _secure("FORYOU_MYNUMBER_REDIRECT_URI", redirect_uri)
    return Config(issuer.rstrip("/"), client_id, key, redirect_uri)


def config() -> Config:
    return _checked(settings.MYNUMBER_ISSUER, settings.MYNUMBER_CLIENT_ID, settings.MYNUMBER_CLIENT_KEY,
                    settings.MYNUMBER_REDIRECT_URI)
