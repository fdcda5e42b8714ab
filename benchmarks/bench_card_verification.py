"""My Number Card verification end to end on a synthetic city (default 1,000,000 residents): the callback
from the local デジタル認証アプリ (token request with private_key_jwt and PKCE, the ID token checked against the
provider's JWKS, userinfo, the card sealed), the console's side (opened, matched against the registry,
registration written, decision queued) and the gateway's side of the decision (linked, activated).

    .venv/bin/python benchmarks/bench_card_verification.py [--residents N] [--export DIR] [--repeat 15]

Budget: 1 s per verification. Printed with its ratio to a floor measured in the same run: the cheapest
part of any match (sealing and opening the card, and the registry query for everyone born that day).
The bridge's own HTTP round trips (every few seconds) are not part of it.
"""

import argparse
import base64
import json
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

AS_OF = date(2026, 11, 27)
ROOT = Path(__file__).resolve().parent.parent
REDIRECT_URI = "http://localhost/mynumber/callback"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--residents", type=int, default=1_000_000)
    parser.add_argument("--export", type=Path, help="Reuse (or create) the synthetic export here.")
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="foryou-bench-card-"))
    os.environ.update(FORYOU_DEMO="1", FORYOU_DATA_DIR=str(work / "var"), DJANGO_SETTINGS_MODULE="foryou.settings.embedded",
                      AUTHLIB_INSECURE_TRANSPORT="")
    export = args.export or work / "export"
    import django

    django.setup()
    import requests
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client as WebClient
    from joserfc.jwk import RSAKey

    from foryou.dev.cardidp import Client, IdpThread
    from foryou.dev.cardidp.cards import card_of
    from foryou.dev.cardidp.provider import AUTHORIZE
    from foryou.dev.synth import generate
    from foryou.enrollment.card_verification import apply_sealed_identity
    from foryou.enrollment.matching.search import _BORN_ON
    from foryou.gateway.models import OutboundEvent
    from foryou.gateway.mynumber import services as gateway_card
    from foryou.residents import store
    from foryou.residents.services import run_import
    from foryou.shared.bridge import messages
    from foryou.shared.bridge.sealing import open_sealed, seal

    if not (export / "persons.csv").exists():
        with open(os.devnull, "w") as quiet:
            generate(args.residents, 1, export, as_of=AS_OF, stream=quiet)
    call_command("migrate", verbosity=0)
    call_command("migrate", database="gateway", verbosity=0)
    with open(os.devnull, "w") as quiet:
        run = run_import(export, AS_OF, stream=quiet)
    print(f"city: {run.counts['current_persons']:,} current residents")

    settings.ALLOWED_HOSTS = ["*"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"  # the outcome letters
    key = RSAKey.generate_key(2048, parameters={"kid": "bench", "alg": "RS256"})
    idp = IdpThread([Client("RP00000001", [REDIRECT_URI], key.as_dict(private=False))]).start()
    settings.MYNUMBER_ISSUER, settings.MYNUMBER_CLIENT_ID = idp.issuer, "RP00000001"
    settings.MYNUMBER_CLIENT_KEY, settings.MYNUMBER_REDIRECT_URI = json.dumps(key.as_dict(private=True)), REDIRECT_URI
    columns = ("resident_id", "name", "birth_date", "sex", "ward_name", "town_name", "address_number", "katagaki")
    with store.connect() as con:
        people = [dict(zip(columns, r)) for r in con.execute(
            f"SELECT {', '.join(columns)} FROM persons WHERE is_current AND NOT protected AND birth_date_kind = 'exact' "
            f"AND hash(resident_id) % 997 = 1 LIMIT {int(args.repeat)}").fetchall()]
    web = WebClient()

    def read(person) -> str:
        """Up to the provider's redirect back (the resident's time on the card app: not measured)."""
        started = web.post("/mynumber/start", {"via": "web", "email": "bench@example.jp"})
        page = requests.get(started["Location"], timeout=10).text
        request_id = page.split('name="request" value="', 1)[1].split('"', 1)[0]
        card = card_of(person)
        back = requests.post(idp.base_url + AUTHORIZE, allow_redirects=False, timeout=10, data={
            "request": request_id, "action": "read", "card": "free", "name": card.name, "address": card.address,
            "birthdate": card.birthdate, "gender": card.gender}).headers["Location"]
        parts = urlsplit(back)
        return f"{parts.path}?{parts.query}"

    times, outcomes = [], []
    for person in people:
        callback = read(person)
        started = time.perf_counter()
        assert web.get(callback).status_code == 200
        event = OutboundEvent.objects.filter(kind=messages.IDENTITY_SEALED).latest("id")
        decision = apply_sealed_identity(messages.IdentitySealedBody.from_dict(event.body))
        from foryou.bridge.models import PendingPush

        push = PendingPush.objects.filter(kind=messages.IDENTITY_DECIDED).latest("id")
        from django.db import transaction

        with transaction.atomic(using="gateway"):
            gateway_card.apply_decided(messages.IdentityDecidedBody.from_dict(push.body))
        times.append((time.perf_counter() - started) * 1000)
        outcomes.append(decision.outcome)

    with store.connect() as con:
        def floor_once(person):
            started = time.perf_counter()
            open_sealed(seal(card_of(person).claims()))
            con.execute(_BORN_ON, {"day": person["birth_date"]}).fetchall()
            return (time.perf_counter() - started) * 1000
        floor = statistics.median(floor_once(p) for p in people)
    median = statistics.median(times)
    print(f"card verification end to end: median {median:.0f} ms, max {max(times):.0f} ms over {len(times)} cards "
          f"(budget 1000 ms); outcomes {dict((str(o), outcomes.count(o)) for o in set(outcomes))}")
    print(f"floor (seal + open + registry query for the birth date): {floor:.1f} ms — end to end is "
          f"{median / floor:.0f}× the floor")
    idp.stop()


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
