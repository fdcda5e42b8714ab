"""The 申請する link of an email notice: a signed, expiring token naming the subscriber (the gateway's own
row id, meaningless outside it) and the program. Nothing readable about the person is in it. In LINE the
link is the program's LIFF page, and the LINE user's verified ID token names the registrant instead."""

from dataclasses import dataclass

from django.conf import settings
from django.core import signing

SALT = "foryou.casework.apply"
MAX_AGE_DAYS = 90  # a notice's link works for a season, like the notice itself


@dataclass(frozen=True)
class ApplyLink:
    subscriber_id: int
    program: str


def token_for(subscriber_id: int, program: str) -> str:
    return signing.dumps([subscriber_id, program], salt=SALT, compress=True)


def url_for(subscriber_id: int, program: str) -> str:
    return f"{settings.GATEWAY_PUBLIC_URL.rstrip('/')}/casework/{program}/e/{token_for(subscriber_id, program)}/"


def line_url(program: str) -> str:
    """The program's form as a LIFF page (LINE opens it in its own browser with the user's ID token)."""
    return f"https://liff.line.me/{settings.LIFF_ID}/casework/{program}/?via=line" if settings.LIFF_ID else \
        f"{settings.GATEWAY_PUBLIC_URL.rstrip('/')}/casework/{program}/?via=line"


def read(token: str) -> ApplyLink | None:
    try:
        subscriber_id, program = signing.loads(token, salt=SALT, max_age=MAX_AGE_DAYS * 86400)
        return ApplyLink(int(subscriber_id), str(program))
    except (signing.BadSignature, ValueError, TypeError):
        return None
