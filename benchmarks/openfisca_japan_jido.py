"""児童扶養手当 over a synthetic export by OpenFisca-Japan, for bench_targeting.py's comparison. Runs in
OpenFisca-Japan's OWN virtualenv (AGPL: never installed with foryou), with only the standard library,
numpy and openfisca-core / openfisca-japan:

    $OPENFISCA_JAPAN_PYTHON benchmarks/openfisca_japan_jido.py EXPORT_DIR YYYY-MM-DD

Builds one simulation of every current resident (persons.csv, their households and roles, birth dates,
incomes from resident_tax.csv) and computes 児童扶養手当_最大 for every household; prints the seconds
taken (build + compute, not reading the CSVs) on its last line. Written against openfisca-core's SimulationBuilder API
(OpenFisca-Japan 2.2.0, OpenFisca-Core 41.5.7: `python3.11 -m venv ~/openfisca-japan/.venv &&
~/openfisca-japan/.venv/bin/pip install openfisca-japan==2.2.0`). Registry dates that are not calendar
days become NaT.
"""

import csv
import datetime
import sys
import time

import numpy as np
from openfisca_core.simulation_builder import SimulationBuilder
from openfisca_japan import CountryTaxBenefitSystem

# 続柄 → the household role OpenFisca-Japan knows; anyone else lives in the household as 親 (extended family).
ROLES = {"世帯主": "自分", "妻": "配偶者", "夫": "配偶者", "妻(未届)": "配偶者", "夫(未届)": "配偶者", "子": "子", "孫": "子"}


def iso_day(value: str) -> str:
    """YYYYMMDD → YYYY-MM-DD; registry dates that are not calendar days (00 day or month) → NaT."""
    value = value.strip()
    try:
        return datetime.date(int(value[:4]), int(value[4:6]), int(value[6:])).isoformat() if len(value) == 8 else "NaT"
    except ValueError:  # 00 day or month, or a day the month does not have (a registry's 2月30日)
        return "NaT"


def main(export: str, as_of: str) -> None:
    started = time.perf_counter()
    ids, households, roles, births = [], [], [], []
    with open(f"{export}/persons.csv", encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            if row.get("消除日"):
                continue
            ids.append(row["宛名番号"])
            households.append(row["世帯番号"])
            roles.append(ROLES.get(row["続柄"], "親"))
            births.append(iso_day(row["生年月日"]))
    year = int(as_of[:4]) if as_of[5:7] >= "04" else int(as_of[:4]) - 1
    income = dict.fromkeys(ids, 0.0)
    with open(f"{export}/resident_tax.csv", encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["宛名番号"] in income and row["課税年度"] == str(year):
                income[row["宛名番号"]] = float(row["合計所得金額"] or 0)
    read_seconds = time.perf_counter() - started
    started = time.perf_counter()  # OpenFisca's build + compute only, as the 2.8 s figure is
    household_ids = sorted(set(households))
    index = {h: i for i, h in enumerate(household_ids)}

    system = CountryTaxBenefitSystem()
    builder = SimulationBuilder()
    builder.create_entities(system)
    builder.declare_person_entity("人物", ids)
    entity = builder.declare_entity("世帯", household_ids)
    builder.join_with_persons(entity, np.array([index[h] for h in households]), np.array(roles))
    simulation = builder.build(system)
    simulation.set_input("誕生年月日", as_of, np.array(births, dtype="datetime64[D]"))
    simulation.set_input("所得", str(year), np.array([income[i] for i in ids]))
    amounts = simulation.calculate("児童扶養手当_最大", as_of)
    seconds = time.perf_counter() - started
    print(f"{int((amounts > 0).sum())} households with 児童扶養手当_最大 > 0")
    print(f"{read_seconds:.1f} s reading the CSVs in Python (not counted)")
    print(seconds)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
