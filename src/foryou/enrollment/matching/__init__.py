"""Matching an application to the resident registry: staff see a short list of candidates.

    towns = read_towns_csv(export_dir / "towns.csv")      # or towns_from_snapshot(con); build once
    found = candidates(con, ApplicationData(...), towns)  # best first, never a protected person
    found.protected_match                                 # a protected person also fitted: by hand

Names are compared through match keys (normalize.py), addresses against the city's own town list
(address.py), and each candidate carries its score and the reasons for it (scoring.py).
"""

from foryou.enrollment.matching.address import (
    AddressKey, TownIndex, address_key, number_key, read_towns_csv, towns_from_snapshot,
)
from foryou.enrollment.matching.normalize import kana_key, name_key, printable_name
from foryou.enrollment.matching.scoring import ApplicationData
from foryou.enrollment.matching.search import MIN_SCORE, Candidate, CandidateList, candidates

__all__ = [
    "AddressKey", "ApplicationData", "Candidate", "CandidateList", "MIN_SCORE", "TownIndex", "address_key",
    "candidates", "kana_key", "name_key", "number_key", "printable_name", "read_towns_csv", "towns_from_snapshot",
]
