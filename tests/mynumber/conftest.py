import json
import re
from urllib.parse import urlsplit

import pytest
import requests
from joserfc.jwk import RSAKey

from foryou.dev.cardidp import Client, IdpThread, TestCard
from foryou.dev.cardidp.provider import AUTHORIZE
from foryou.gateway.mynumber import config, relying_party

CLIENT_ID = "RP00000015"
REDIRECT_URI = "http://localhost/mynumber/callback"
CLIENT_KEY = RSAKey.generate_key(2048, parameters={"kid": "rp-1", "alg": "RS256"})


@pytest.fixture(scope="session")
def idp_server():
    with IdpThread(clients=[Client(CLIENT_ID, [REDIRECT_URI], CLIENT_KEY.as_dict(private=False))]) as server:
        yield server


@pytest.fixture
def idp(idp_server, settings):
    """The shared identity provider, the gateway's settings pointed at it, no card and no fault left over."""
    settings.MYNUMBER_ISSUER = idp_server.issuer
    settings.MYNUMBER_CLIENT_ID = CLIENT_ID
    settings.MYNUMBER_CLIENT_KEY = json.dumps(CLIENT_KEY.as_dict(private=True))
    settings.MYNUMBER_REDIRECT_URI = REDIRECT_URI
    relying_party._cache.clear()
    config._checked.cache_clear()
    idp_server.provider.cards = []
    idp_server.provider.faults = set()
    yield idp_server
    relying_party._cache.clear()
    config._checked.cache_clear()


def read_card(authorization_url: str, card: TestCard | None = None, *, cancel: bool = False) -> str:
    """What the tester does on the provider's page: pick the card (or cancel); the redirect back (a URL)."""
    page = requests.get(authorization_url, allow_redirects=False, timeout=10)
    assert page.status_code == 200, page.text
    request_id = re.search(r'name="request" value="([^"]+)"', page.text).group(1)
    base = "{0.scheme}://{0.netloc}".format(urlsplit(authorization_url))
    form = {"request": request_id, "action": "cancel" if cancel else "read", "card": "free"}
    if card is not None:
        form |= {"name": card.name, "address": card.address, "birthdate": card.birthdate, "gender": card.gender}
    answer = requests.post(base + AUTHORIZE, data=form, allow_redirects=False, timeout=10)
    assert answer.status_code == 302, answer.text
    return answer.headers["Location"]


def local(url: str) -> str:
    """The redirect back, as a path the Django test client can get."""
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}"


IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def city(tmp_path, data_dir, db):
    """A small synthetic city imported by the product's own importer (the registry the console matches)."""
    import io
    from datetime import date

    from foryou.dev.synth import generate
    from foryou.residents.services import run_import

    generate(300, seed=5, out_dir=tmp_path / "export", as_of=date(2026, 11, 27))
    assert run_import(tmp_path / "export", date(2026, 11, 27), stream=io.StringIO()).status == "applied"


def resident(where: str = "NOT protected", protected_households: bool = False) -> dict:
    """One current resident of the city (columns the test cards need); by default outside protected households."""
    from foryou.dev.cardidp.cards import _COLUMNS
    from foryou.residents import store

    with store.connect() as con:
        row = con.execute(f"SELECT {', '.join(_COLUMNS)} FROM persons WHERE is_current AND birth_date_kind = 'exact' "
                          f"AND {'TRUE' if protected_households else 'hid NOT IN (SELECT hid FROM households WHERE protected)'} "
                          f"AND {where} "
                          "ORDER BY resident_id LIMIT 1").fetchone()
    return dict(zip(_COLUMNS, row))


@pytest.fixture
def chat(line, settings, data_dir):
    """The gateway pointed at the local LINE platform (pushes and ID tokens), tasks run at once."""
    from foryou.dev.lineemu.wiring import point_settings_at

    point_settings_at(settings, line, "2000000002-card")
    settings.TASKS = IMMEDIATE
    return line


def texts(line, user_id: str) -> list[str]:
    return [entry["message"].get("text", "") for entry in line.messages(user_id)]
