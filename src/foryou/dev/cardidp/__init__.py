"""A local デジタル認証アプリ (My Number Card) identity provider for the demo and tests: the OpenID Connect
endpoints of the Digital Agency's API reference for 行政機関 (authorization code flow with PKCE S256, state
and nonce, private_key_jwt client authentication, ID tokens signed with its own keys, JWKS, userinfo with
the 基本4情報), and a page where a tester picks a test card instead of reading a real one.

    with IdpThread(clients=[Client(client_id, [redirect_uri], public_jwk)], cards=[TestCard(...)]) as idp:
        idp.issuer  # what FORYOU_MYNUMBER_ISSUER points at
"""

from foryou.dev.cardidp.cards import TestCard
from foryou.dev.cardidp.provider import Client, Provider
from foryou.dev.cardidp.server import IdpThread

__all__ = ["Client", "IdpThread", "Provider", "TestCard"]
