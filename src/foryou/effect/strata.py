"""Each recipient's stratum at freeze time: ward (区) and age band from the analysis snapshot the send
froze against, channel (LINE or email) from the registration. Persons not found in the snapshot are a
stratum of their own ("?"): they are randomized too, never dropped."""

from foryou.console.population import _band_sql
from foryou.enrollment.models import Registration
from foryou.residents import store

STRATA = ["ward", "age_band", "channel"]
UNKNOWN = "?"


def strata_of(numbers: list[str]) -> dict[str, tuple[str, str]]:
    """registration number → (resident id, "ward|age band|channel")."""
    registrations = dict(Registration.objects.filter(number__in=numbers).values_list("number", "resident_id"))
    channels = dict(Registration.objects.filter(number__in=numbers).values_list("number", "channel"))
    ids = sorted(set(registrations.values()))
    places: dict[str, tuple[str, str]] = {}
    if ids:
        with store.connect() as con:
            as_of = store_as_of(con)
            band, params = _band_sql(as_of)
            rows = con.execute(f"SELECT resident_id, ward_code, {band} FROM persons WHERE is_current AND "
                               f"resident_id IN (SELECT unnest($ids::VARCHAR[]))", params | {"ids": ids}).fetchall()
        places = {rid: (ward or UNKNOWN, age) for rid, ward, age in rows}
    out = {}
    for number in numbers:
        rid = registrations.get(number, "")
        ward, age = places.get(rid, (UNKNOWN, UNKNOWN))
        out[number] = (rid, f"{ward}|{age}|{channels.get(number) or UNKNOWN}")
    return out


def store_as_of(con):
    import json
    from datetime import date

    row = con.execute("SELECT value FROM meta WHERE key = 'as_of'").fetchone()
    return date.fromisoformat(json.loads(row[0]))


def parts(stratum: str) -> dict[str, str]:
    """"13101|18-39|line" → {"ward": "13101", "age_band": "18-39", "channel": "line"}"""
    return dict(zip(STRATA, (stratum.split("|") + [UNKNOWN] * 3)[:3]))
