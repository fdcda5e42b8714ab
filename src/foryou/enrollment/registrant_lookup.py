"""Who a registrant is, read from the analysis snapshot: the console keeps only a registration's
宛名番号, the registry (persons table) keeps the name, reading, birth date and address.

Name search compares the match keys of foryou.enrollment.matching (NFKC, variant kanji folded, kana
folded) so that 髙橋 finds 高橋 and さいとう finds サイトウ. Only registrants are searched, never the
whole registry: their keys are computed once per snapshot and kept in memory (a few hundred
thousand short strings at most)."""

import re
import threading
from dataclasses import dataclass
from datetime import date

from foryou.enrollment.addresses import registry_address
from foryou.enrollment.matching import kana_key, name_key
from foryou.residents import store

_COLUMNS = ("resident_id", "name", "name_kana", "birth_date", "birth_date_kind", "postal_code", "ward_name",
            "town_name", "address_number", "katagaki", "is_current", "protected", "household_id")
# IN (SELECT unnest(…)) is a hash semi-join; list_contains would scan the list once per person.
_WANTED = "resident_id IN (SELECT unnest($ids::VARCHAR[]))"
_BY_IDS = f"SELECT {', '.join(_COLUMNS)} FROM persons WHERE {_WANTED}"
_KEYS = f"SELECT resident_id, name, name_kana FROM persons WHERE {_WANTED}"
_PROTECTED_HOUSEHOLD = "SELECT bool_or(protected) FROM households WHERE household_id = $household"
_KANA_ONLY = re.compile(r"^[\u3041-\u3096\u30a1-\u30fa\u30fc\uff66-\uff9f\s\u3000・ー]+$")


@dataclass(frozen=True)
class Person:
    resident_id: str
    name: str
    name_kana: str
    birth_date: date | None
    birth_date_kind: str
    postal_code: str
    address: str
    is_current: bool
    protected: bool  # the person or their household is under 支援措置: the address is never shown


def _person(row: dict, protected_household: bool = False) -> Person:
    address = registry_address(row)
    # A departed resident carried forward keeps no name or birth date (docs/privacy.md): blank, not None.
    return Person(row["resident_id"], row["name"] or "", row["name_kana"] or "", row["birth_date"],
                  row["birth_date_kind"] or "",
                  row["postal_code"] or "", address, bool(row["is_current"]),
                  bool(row["protected"]) or protected_household)


def people(resident_ids: list[str]) -> dict[str, Person]:
    """The registry's record of each id (those not in the snapshot are left out). Raises NoSnapshot."""
    ids = sorted(set(resident_ids))
    if not ids:
        return {}
    with store.connect() as con:
        rows = [dict(zip(_COLUMNS, r)) for r in con.execute(_BY_IDS, {"ids": ids}).fetchall()]
    return {row["resident_id"]: _person(row) for row in rows}


def person(resident_id: str) -> Person | None:
    """One registrant's record, protection of the whole household included. Raises NoSnapshot."""
    with store.connect() as con:
        row = con.execute(_BY_IDS, {"ids": [resident_id]}).fetchone()
        if row is None:
            return None
        row = dict(zip(_COLUMNS, row))
        household = con.execute(_PROTECTED_HOUSEHOLD, {"household": row["household_id"]}).fetchone()
    return _person(row, bool(household and household[0]))


class _KeyCache:
    """resident_id → (name key, kana key) for the current snapshot; new registrants are added as found."""

    def __init__(self):
        self.lock = threading.Lock()
        self.snapshot = None
        self.keys: dict[str, tuple[str, str]] = {}
        self.missing: set[str] = set()  # asked for, not in this snapshot

    def get(self, resident_ids: set[str]) -> dict[str, tuple[str, str]]:
        snapshot = store.current_snapshot_name()
        with self.lock:
            if snapshot != self.snapshot:
                self.snapshot, self.keys, self.missing = snapshot, {}, set()
            wanted = sorted(resident_ids - self.keys.keys() - self.missing)
        if wanted:
            with store.connect() as con:
                rows = con.execute(_KEYS, {"ids": wanted}).fetchall()
            found = {rid: (name_key(name), kana_key(kana)) for rid, name, kana in rows}
            with self.lock:
                if snapshot == self.snapshot:
                    self.keys.update(found)
                    self.missing.update(set(wanted) - found.keys())
        with self.lock:
            return {rid: self.keys[rid] for rid in resident_ids if rid in self.keys}


_cache = _KeyCache()


def looks_like_kana(query: str) -> bool:
    return bool(_KANA_ONLY.match(query))


def matching_ids(query: str, resident_ids: set[str]) -> set[str]:
    """Those of resident_ids whose name (kanji) or reading (kana) contains the query, as match keys
    compare them. Raises NoSnapshot."""
    wanted_name = name_key(query)
    wanted_kana = kana_key(query) if looks_like_kana(query) else ""
    if not wanted_name and not wanted_kana:
        return set()
    return {rid for rid, (name, kana) in _cache.get(resident_ids).items()
            if (wanted_name and wanted_name in name) or (wanted_kana and wanted_kana in kana)}
