"""LIFF pages identify the LINE user by an ID token, verified server-side with LINE Login's verify
endpoint (the local LINE platform implements the same endpoint for the demo and tests)."""

import json
import urllib.error
import urllib.parse
import urllib.request

from django.conf import settings


class InvalidIdToken(Exception):
    pass


def verify_id_token(id_token: str) -> str:
    """The LINE user ID (`sub`) of a valid ID token issued to our LINE Login channel."""
    if not id_token:
        raise InvalidIdToken("no ID token")
    body = urllib.parse.urlencode({"id_token": id_token, "client_id": settings.LINE_LOGIN_CHANNEL_ID}).encode()
    request = urllib.request.Request(settings.LINE_LOGIN_VERIFY_URL, data=body, method="POST",
                                     headers={"Content-Type": "application/x-www-form-urlencoded"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            claims = json.loads(response.read())
    except urllib.error.HTTPError as exc:
        raise InvalidIdToken(f"LINE refused the ID token ({exc.code})") from None
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise InvalidIdToken(f"LINE Login could not be reached: {exc}") from None
    sub = claims.get("sub", "")
    if not (isinstance(sub, str) and sub.startswith("U") and len(sub) == 33):
        raise InvalidIdToken("the ID token has no LINE user")
    return sub
