"""A synthetic city that reacts to a notice (SIMULATED take-up, dev and demo only).

Given an export and the residents told and held out on a day, write a LATER export — the same files,
plus the allowance records or checkups of the residents who took the program up in the window — so that
importing it records take-up through the real importer path. The true effect is a parameter: the
estimator is tested against it (tests/outcomes), and the demo shows it.

    from foryou.dev.synth.reaction import Reaction, simulate
    counts = simulate(Path("export-0601"), Path("export-0701"), [
        Reaction("jido-fuyo-teate", notified=ids_told, holdout=ids_held_out, start=date(2026, 6, 1),
                 days=30, base=0.03, effect=0.08),
    ], seed=7)
    # counts == {"jido-fuyo-teate": {"notified": 221, "holdout": 8}}; then
    # foryou import export-0701 --as-of 2026-07-01   (any date on or after start + days - 1)

Each notified resident takes the program up in the window with probability base + effect, each held-out
resident with probability base; nobody else changes. Take-up that would happen anyway falls uniformly
over the window; take-up caused by the notice comes mostly in its first days (exponential, mean a
quarter of the window), as responses to reminders do. Days are 0 .. days − 1 after `start`.

What a take-up row is comes from the program's `outcome:` (foryou.outcomes.definitions): an allowance
record (its first 制度コード, 受給開始日 = the day, 状態 申請中) or a checkup (its first 種別, 実施日 = the
day). A program without one, or whose outcome is in-product applications, cannot be simulated.
"""

import shutil
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Sequence

import numpy as np

from foryou.residents import layout

APPLIED = "申請中"


@dataclass
class Reaction:
    program: str  # program code; its outcome: says what a take-up row is
    notified: Sequence[str]  # 宛名番号 of residents told on `start`
    holdout: Sequence[str]  # 宛名番号 of residents held out (told later, or not at all)
    start: date
    days: int = 30
    base: float = 0.03  # take-up in the window without the notice (0.03 = 3%)
    effect: float = 0.0  # additional take-up among the notified, in proportion (0.08 = +8 percentage points)

    def check(self) -> None:
        if self.days < 1:
            raise ValueError(f"{self.program}: days must be at least 1, got {self.days}")
        if not 0 <= self.base <= 1:
            raise ValueError(f"{self.program}: base must be between 0 and 1 (a proportion), got {self.base}")
        if not 0 <= self.base + self.effect <= 1:
            raise ValueError(f"{self.program}: base + effect must be between 0 and 1, got {self.base + self.effect}")


def draw(rng: np.random.Generator, reaction: Reaction) -> dict[str, list[tuple[str, date]]]:
    """Who in each group takes the program up, and on which day."""
    out = {}
    for group, ids, p_caused in (("notified", reaction.notified, reaction.effect), ("holdout", reaction.holdout, 0.0)):
        ids = np.asarray(list(ids), dtype=object)
        u = rng.random(len(ids))
        anyway = u < reaction.base
        caused = ~anyway & (u < reaction.base + max(p_caused, 0.0))
        if p_caused < 0:  # a notice that puts people off: some who would have, do not
            anyway &= rng.random(len(ids)) < (reaction.base + p_caused) / reaction.base
        day = rng.integers(0, reaction.days, len(ids))
        early = np.floor(rng.exponential(reaction.days / 4, len(ids))).astype(np.int64) % reaction.days
        day = np.where(caused, early, day)
        took = anyway | caused
        out[group] = [(str(rid), reaction.start + timedelta(days=int(d))) for rid, d in zip(ids[took], day[took])]
    return out


def _encoding(path: Path) -> str:
    raw = path.read_bytes()
    try:
        raw.decode("utf-8")
        return "utf-8-sig" if raw.startswith(b"\xef\xbb\xbf") else "utf-8"
    except UnicodeDecodeError:
        return "cp932"


def _append(path: Path, rows: list[dict[str, str]], export: layout.ExportFile) -> None:
    """Add rows to an export file in its own encoding, column order and line ending."""
    encoding = _encoding(path)
    raw = path.read_bytes()
    text = raw.decode(encoding)
    first = text.splitlines()[0] if text else ""
    newline = "\r\n" if "\r\n" in text[: len(first) + 2] or not text else "\n"
    by_header = {c.header: c.name for c in export.columns} | {c.name: c.name for c in export.columns}
    header = [h.strip() for h in first.split(",")]
    lines = [",".join(row.get(by_header.get(h, ""), "") for h in header) for row in rows]
    tail = "" if not text or text.endswith(("\n", "\r")) else newline
    with open(path, "ab") as handle:
        handle.write((tail + newline.join(lines) + newline).encode("utf-8" if encoding == "utf-8-sig" else encoding))


def _rows(outcome, events: list[tuple[str, date]]) -> tuple[layout.ExportFile, list[dict[str, str]]]:
    from foryou.outcomes.definitions import Source

    if outcome.source == Source.ALLOWANCES:
        status = APPLIED if APPLIED in outcome.statuses else outcome.statuses[0]
        return layout.ALLOWANCES, [{"resident_id": rid, "program_code": outcome.codes[0], "start_date": f"{day:%Y%m%d}",
                                    "end_date": "", "status": status} for rid, day in events]
    return layout.CHECKUPS, [{"resident_id": rid, "kind": outcome.codes[0], "done_on": f"{day:%Y%m%d}"}
                             for rid, day in events]


def simulate(export_dir: Path, out_dir: Path, reactions: list[Reaction], *, seed: int = 1,
             programs_dir=None) -> dict[str, dict[str, int]]:
    """Write into `out_dir` the export of `export_dir` plus the simulated take-up of each reaction.
    Returns, per program, how many in each group took it up (summed over the program's reactions, e.g. one
    per wording variant). `out_dir` must differ from `export_dir`."""
    from foryou.outcomes.definitions import Source, outcome_of
    from foryou.programs.catalog import get_program

    export_dir, out_dir = Path(export_dir), Path(out_dir)
    if export_dir.resolve() == out_dir.resolve():
        raise ValueError("write the later export to another directory than the earlier one")
    outcomes = {}
    for reaction in reactions:
        reaction.check()
        outcome = outcome_of(get_program(reaction.program, programs_dir, revisions=False))
        if outcome is None or outcome.source == Source.APPLICATIONS:
            raise ValueError(f"{reaction.program}: its program file has no outcome: read from allowances or checkups")
        outcomes[reaction.program] = outcome
    missing = [e.filename for e in layout.EXPORT_FILES if not (export_dir / e.filename).is_file()]
    if missing:
        raise FileNotFoundError(f"{export_dir} is not an export: {', '.join(missing)} missing")
    out_dir.mkdir(parents=True, exist_ok=True)
    for path in export_dir.glob("*.csv"):
        shutil.copyfile(path, out_dir / path.name)
    rng = np.random.Generator(np.random.PCG64(seed))
    counts, added = {}, {layout.ALLOWANCES.filename: [], layout.CHECKUPS.filename: []}
    for reaction in reactions:
        groups = draw(rng, reaction)
        total = counts.setdefault(reaction.program, {"notified": 0, "holdout": 0})  # summed over its reactions
        for group, events in groups.items():
            total[group] += len(events)
        export, rows = _rows(outcomes[reaction.program], groups["notified"] + groups["holdout"])
        added[export.filename].extend(rows)
    for export in (layout.ALLOWANCES, layout.CHECKUPS):
        if added[export.filename]:
            _append(out_dir / export.filename, added[export.filename], export)
    return counts


def read_ids(path: Path) -> list[str]:
    """Resident ids from a file, one a line (blank lines and # comments ignored)."""
    lines = Path(path).read_text(encoding="utf-8-sig").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]
