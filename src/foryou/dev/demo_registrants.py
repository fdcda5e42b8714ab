"""Demo registrants: residents of the synthetic city who 'registered' — so that targeting finds
recipients and a notice reaches phones in the simulator and mail in the local mailbox. Half are
parents of young children (the programs for infants tell guardians); the rest are adults at random.
Each gets an active registration in the console, a subscriber in the gateway, and, for LINE, a friend
of the local LINE platform. Deterministic for a seed; safe to run again."""

import hashlib
import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from foryou.enrollment.models import Registration
from foryou.shared.numbers import new_number
from foryou.gateway import number_keys
from foryou.gateway.models import Subscriber
from foryou.residents import store
from foryou.gateway.db import DB

GUARDIANS = """
SELECT DISTINCT g.resident_id FROM persons c
JOIN persons g ON g.household_id = c.household_id AND g.resident_id <> c.resident_id AND g.is_current
JOIN households h ON h.household_id = c.household_id
WHERE c.is_current AND c.relationship = '子' AND c.birth_date > current_date - INTERVAL 6 YEAR
  AND g.birth_date <= current_date - INTERVAL 20 YEAR AND NOT h.protected
ORDER BY 1
"""
ADULTS = """
SELECT p.resident_id FROM persons p JOIN households h ON h.household_id = p.household_id
WHERE p.is_current AND p.birth_date <= current_date - INTERVAL 20 YEAR AND NOT h.protected ORDER BY 1
"""


def line_user_id(resident_id: str, seed: int) -> str:
    return "U" + hashlib.sha256(f"demo-line:{seed}:{resident_id}".encode()).hexdigest()[:32]


def choose(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    con = store.connect()
    with con:
        guardians = [r[0] for r in con.execute(GUARDIANS).fetchall()]
        adults = [r[0] for r in con.execute(ADULTS).fetchall()]
    chosen = rng.sample(guardians, min(len(guardians), count // 2))
    rest = [a for a in adults if a not in set(chosen)]
    chosen += rng.sample(rest, min(len(rest), count - len(chosen)))
    return chosen


def seed_registrants(count: int, seed: int, line=None) -> int:
    """Create up to `count` demo registrants (none if some exist already); returns how many exist."""
    if Registration.objects.exists():
        if line is not None:  # prepared without the LINE platform (--no-serve): befriend it now
            ids = Subscriber.objects.exclude(line_user_id=None).values_list("line_user_id", flat=True)
            for n, user_id in enumerate(ids):
                if line.state.get_user(user_id) is None:
                    line.create_user(f"住民{n + 1:04d}", user_id=user_id)
        return Registration.objects.active().count()
    rng = random.Random(seed + 1)
    now = timezone.now()
    registrations, subscribers = [], []
    for n, resident_id in enumerate(choose(count, seed)):
        kind = rng.choices(["line", "email", "both"], weights=[70, 20, 10])[0]
        number = new_number()
        activated = now - timedelta(days=rng.randint(0, 700))
        user_id = line_user_id(resident_id, seed) if kind in ("line", "both") else None
        email = f"demo{n + 1:04d}@example.jp" if kind in ("email", "both") else ""
        consent = rng.random() < 0.6
        registrations.append(Registration(
            number=number, resident_id=resident_id, status=Registration.Status.ACTIVE, issued_at=activated,
            expires_at=activated + timedelta(days=90), activated_at=activated,
            channel="email" if kind == "email" else "line", has_email=bool(email), tax_consent=consent,
            consent_terms="2021-01" if consent else ""))
        subscribers.append(Subscriber(
            number=number, number_hash=number_keys.digest(number), status=Subscriber.Status.ACTIVE, expires_at=activated + timedelta(days=90),
            line_user_id=user_id, email=email, email_confirmed_at=activated if email else None,
            tax_consent=consent, consent_terms="2021-01" if consent else "", activated_at=activated))
        if line is not None and user_id and line.state.get_user(user_id) is None:
            line.create_user(f"住民{n + 1:04d}", user_id=user_id)
    with transaction.atomic():
        Registration.objects.bulk_create(registrations, batch_size=1000)
    with transaction.atomic(using=DB):
        Subscriber.objects.bulk_create(subscribers, batch_size=1000)
    return len(registrations)
