"""LINE Login's ID-token verify endpoint and the channel access token API (channel-access-token.yml),
plus the emulator-only endpoint that issues ID tokens (what liff.getIDToken() returns on a phone)."""

from __future__ import annotations

from aiohttp import web

from foryou.dev.lineemu.middleware import EMULATOR, line_json, read_json
from foryou.dev.lineemu.idtoken import InvalidIdToken

SHORT_LIVED_TTL = 30 * 24 * 3600


def oauth_error(description: str, error: str = "invalid_request", status: int = 400) -> web.Response:
    return line_json(status, {"error": error, "error_description": description})


async def verify_id_token(request: web.Request) -> web.Response:
    """POST /oauth2/v2.1/verify (form: id_token, client_id, optional nonce and user_id)."""
    form = await request.post()
    token, client_id = form.get("id_token"), form.get("client_id")
    if not token:
        return oauth_error("Required parameter 'id_token' is missing.")
    if not client_id:
        return oauth_error("Required parameter 'client_id' is missing.")
    try:
        claims = request.app[EMULATOR].verify_id_token(str(token), str(client_id), nonce=form.get("nonce"),
                                                       user_id=form.get("user_id"))
    except InvalidIdToken as error:
        return oauth_error(str(error))
    return line_json(200, claims)


async def verify_token_v21(request: web.Request) -> web.Response:
    """GET /oauth2/v2.1/verify?access_token=... for channel access tokens."""
    return _verify_access_token(request, request.query.get("access_token"))


async def issue_short_lived(request: web.Request) -> web.Response:
    """POST /v2/oauth/accessToken (client_credentials with the Messaging API channel's ID and secret)."""
    emulator = request.app[EMULATOR]
    form = await request.post()
    if form.get("grant_type") != "client_credentials" or not form.get("client_id") or not form.get("client_secret"):
        return oauth_error("some parameters missed or invalid")
    if form["client_id"] != emulator.config.channel_id or form["client_secret"] != emulator.config.channel_secret:
        return oauth_error("invalid client_id or client_secret", error="invalid_client")
    token = emulator.issue_access_token(SHORT_LIVED_TTL)
    return line_json(200, {"access_token": token, "expires_in": SHORT_LIVED_TTL, "token_type": "Bearer"})


async def verify_token(request: web.Request) -> web.Response:
    """POST /v2/oauth/verify (form: access_token)."""
    form = await request.post()
    return _verify_access_token(request, form.get("access_token"))


def _verify_access_token(request: web.Request, token) -> web.Response:
    emulator = request.app[EMULATOR]
    if not token or not emulator.token_is_valid(str(token)):
        return oauth_error("access token expired" if token else "some parameters missed or invalid")
    expires_at = emulator.issued_tokens.get(str(token))
    expires_in = int(expires_at - emulator.state.clock()) if expires_at else 10 * 365 * 24 * 3600
    return line_json(200, {"client_id": emulator.config.channel_id, "expires_in": expires_in, "scope": "P CM"})


async def revoke_token(request: web.Request) -> web.Response:
    form = await request.post()
    request.app[EMULATOR].issued_tokens.pop(str(form.get("access_token")), None)
    return web.Response(status=200)


async def issue_id_token(request: web.Request) -> web.Response:
    """POST /emulator/liff/id-token {"userId", "channelId"?, "nonce"?, "ttl"?} -> {"idToken": "..."}."""
    emulator = request.app[EMULATOR]
    body, error = await read_json(request)
    if error:
        return error
    if not isinstance(body, dict) or body.get("userId") not in emulator.state.users:
        return line_json(404, {"message": "Unknown userId: create the user first"})
    ttl = body.get("ttl")
    token = emulator.issue_id_token(body["userId"], channel_id=body.get("channelId"), nonce=body.get("nonce"),
                                    ttl=int(ttl) if ttl is not None else None)
    return line_json(200, {"idToken": token})


def add_routes(app: web.Application) -> None:
    r = app.router
    r.add_post("/oauth2/v2.1/verify", verify_id_token, name="verify_id_token")
    r.add_get("/oauth2/v2.1/verify", verify_token_v21, name="verify_access_token")
    r.add_post("/v2/oauth/accessToken", issue_short_lived, name="issue_access_token")
    r.add_post("/v2/oauth/verify", verify_token, name="verify_access_token_v2")
    r.add_post("/v2/oauth/revoke", revoke_token, name="revoke_access_token")
    r.add_post("/emulator/liff/id-token", issue_id_token)
