"""Scores one registered person against one application, with the reasons staff read.

Weights add up to 100. The name and its reading carry most of it, because they are what an applicant
types most carefully; the address is typed loosely (and may be out of date), so it only confirms.
Birth date is required before scoring at all (the search only reads persons born that day).
"""

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from foryou.enrollment.matching import address as addr
from foryou.enrollment.matching.normalize import kana_key, kana_loose, name_key, name_parts

NAME, NAME_FAMILY, NAME_GIVEN = 35, 18, 9
KANA, KANA_LOOSE, KANA_FAMILY, KANA_GIVEN = 25, 20, 12, 6
BIRTH, BIRTH_PARTLY_KNOWN = 20, 15
TOWN, NUMBER, POSTAL = 10, 5, 5
# Name and reading together must give at least this (a family name, or better) before a person is
# proposed: birth date and address alone also fit a neighbour, or a twin.
MIN_IDENTITY = 12

EXACT = "exact"
# Registry dates with unknown or impossible parts (jp/dates.py): which parts must agree.
_KNOWN_PARTS = {"unknown_day": 2, "non_calendar": 2, "unknown_month": 1}


@dataclass(frozen=True)
class ApplicationData:
    name: str
    name_kana: str
    birth_date: date
    postal_code: str
    address: str
    phone: str = ""
    email: str = ""


@dataclass(frozen=True)
class ApplicantKeys:
    """The application's match keys, computed once per search."""

    name_plain: str
    name: str
    kana: str
    kana_loose: str
    postal: str
    address: addr.AddressKey
    address_text: str

    @classmethod
    def of(cls, application: ApplicationData, towns: addr.TownIndex) -> "ApplicantKeys":
        kana = kana_key(application.name_kana)
        return cls(_plain(application.name), name_key(application.name), kana, kana_loose(kana),
                   addr.postal_key(application.postal_code),
                   addr.address_key(application.address, towns), addr.town_text(application.address))


def _plain(text: str) -> str:
    return "".join(name_parts(text))


def birth_date_fits(applied: date, registered: date | None, kind: str) -> bool:
    if registered is None:
        return False
    if kind == EXACT:
        return applied == registered
    parts = _KNOWN_PARTS.get(kind)
    if parts is None:
        return False
    return (applied.year, applied.month)[:parts] == (registered.year, registered.month)[:parts]


def _partial(applied: str, parts: list[str], key) -> str | None:
    """'family' or 'given' when only that part of a registered two-part name agrees."""
    if len(parts) < 2:
        return None
    family, given = key(parts[0]), key("".join(parts[1:]))
    if family and applied.startswith(family):
        return "family"
    if given and applied.endswith(given):
        return "given"
    return None


def score(keys: ApplicantKeys, person: dict) -> tuple[int, list[str]]:
    """(0–100, reasons) for one registry row (name, name_kana, birth_date_kind, postal_code,
    town_code, town_name, address_number)."""
    points, reasons = score_identity(keys, person)
    more, why = score_rest(keys, person)
    return min(points + more, 100), reasons + why


def score_identity(keys: ApplicantKeys, person: dict) -> tuple[int, list[str]]:
    """Points and reasons from the name and its reading (row: name, name_kana)."""
    points, reasons = 0, []

    registered_name = person["name"] or ""
    if keys.name and keys.name == name_key(registered_name):
        points += NAME
        same = keys.name_plain == _plain(registered_name)
        reasons.append(_("name matches") if same else _("name matches (after variant folding)"))
    else:
        part = _partial(keys.name, name_parts(registered_name), name_key)
        if part == "family":
            points += NAME_FAMILY
            reasons.append(_("family name matches, given name differs"))
        elif part == "given":
            points += NAME_GIVEN
            reasons.append(_("given name matches, family name differs"))
        else:
            reasons.append(_("name differs"))

    registered_kana = kana_key(person["name_kana"] or "")
    if keys.kana and keys.kana == registered_kana:
        points += KANA
        reasons.append(_("kana matches"))
    elif keys.kana_loose and keys.kana_loose == kana_loose(registered_kana):
        points += KANA_LOOSE
        reasons.append(_("kana matches apart from long vowels"))
    else:
        kana_parts = (person["name_kana"] or "").split()
        part = _partial(keys.kana, kana_parts, kana_key)
        if part == "family":
            points += KANA_FAMILY
            reasons.append(_("family name kana matches"))
        elif part == "given":
            points += KANA_GIVEN
            reasons.append(_("given name kana matches"))
        else:
            reasons.append(_("kana differs"))
    return points, reasons


def score_rest(keys: ApplicantKeys, person: dict) -> tuple[int, list[str]]:
    """Points and reasons from birth date, address and postal code (the row's birth date already fits)."""
    points, reasons = 0, []
    if person["birth_date_kind"] == EXACT:
        points += BIRTH
        reasons.append(_("birth date matches"))
    else:
        points += BIRTH_PARTLY_KNOWN
        reasons.append(_("birth date fits a registry date that is partly unknown"))

    town, number = _address_agrees(keys, person)
    if town and number:
        points += TOWN + NUMBER
        reasons.append(_("address matches the registered town and number"))
    elif town:
        points += TOWN
        reasons.append(_("address matches the registered town, not the number"))
    else:
        reasons.append(_("address differs from the registered one"))

    if keys.postal and keys.postal == addr.postal_key(person["postal_code"] or ""):
        points += POSTAL
        reasons.append(_("postal code matches"))
    return points, reasons


def _address_agrees(keys: ApplicantKeys, person: dict) -> tuple[bool, bool]:
    typed = keys.address
    if typed.town_code:
        town = typed.town_code == person["town_code"]
    else:
        # No single town read from the text: accept the registered town's name anywhere in it.
        name = addr.town_text(person["town_name"] or "")
        town = bool(name) and name in keys.address_text
    registered = addr.number_key(person["address_number"] or "")
    # Residents append the room to the number ("1-2-3-405"): extra trailing parts still agree.
    number = bool(registered) and (typed.number == registered or typed.number.startswith(registered + "-"))
    return town, town and number
