"""Allowance receipts (手当受給) that fit the households and their incomes.

児童手当 goes to the higher-earning parent of every household with children of school age up to the
March after their 18th birthday (the 2024 rule); 児童扶養手当 and ひとり親家庭等医療費助成 to most
low-income single parents; 特別児童扶養手当 and 心身障害児童福祉手当 for a few children with disabilities;
生活保護 for a share of low-income elderly. Rows end (受給終了) when the child ages out, the family
moves away or the recipient dies.
"""

from dataclasses import dataclass

import numpy as np

from foryou.residents import layout
from foryou.dev.synth import dates, households
from foryou.dev.synth.finances import Finances
from foryou.dev.synth.model import City

PROGRAMS = tuple(layout.ALLOWANCE_PROGRAMS)
P = {code: i for i, code in enumerate(PROGRAMS)}
S = {status: i for i, status in enumerate(layout.ALLOWANCE_STATUSES)}
REL = households.REL
NEVER = int(dates.NEVER)


@dataclass
class Allowances:
    person: np.ndarray
    program: np.ndarray  # index into PROGRAMS
    start: np.ndarray
    end: np.ndarray  # NEVER while open
    status: np.ndarray  # index into layout.ALLOWANCE_STATUSES

    def __len__(self):
        return len(self.person)


class _Rows:
    def __init__(self):
        self.parts = []

    def add(self, person, program, start, end, status):
        person = np.asarray(person, dtype=np.int64)
        k = len(person)
        b = lambda v: np.broadcast_to(np.asarray(v, dtype=np.int64), (k,))  # noqa: E731
        self.parts.append((person, b(program), b(start), b(end), b(status)))

    def build(self, city: City) -> Allowances:
        cols = [np.concatenate([p[i] for p in self.parts]) if self.parts else np.zeros(0, np.int64) for i in range(5)]
        person, program, start, end, status = cols
        end = np.where(end < NEVER, np.maximum(end, start), end)  # never before the start
        order = np.lexsort((start, program, city.resident_id[person]))
        return Allowances(person[order], program[order], start[order], end[order], status[order])


def _open_status(rng, k, p_stopped, p_applied):
    u = rng.random(k)
    return np.where(u < p_stopped, S["支給停止"], np.where(u < p_stopped + p_applied, S["申請中"], S["受給中"]))


def build(rng: np.random.Generator, city: City, fin: Finances) -> Allowances:
    today, n_hh = city.today, len(city.hh_kind)
    fy = dates.fiscal_year(city.as_of)
    income = fin.income[fy]
    rows = _Rows()
    child = (city.rel == REL["子"]) | (city.rel == REL["孫"])
    # Eligible for 児童手当 until the 31 March after the 18th birthday.
    ages_out = dates.from_ymd(dates.ymd(city.birth) // 10000 + 18 + (dates.ymd(city.birth) % 10000 > 401), 3, 31)
    minor = child & (ages_out >= today)
    aged_out = child & (ages_out < today) & (ages_out >= today - 3 * 365)

    # The recipient: the parent generation of the children (head/spouse, or 子/子の妻 for 孫).
    parent_rel = np.isin(city.rel, [REL[layout.HEAD], REL["妻"], REL["夫"]])
    grand_parent_rel = np.isin(city.rel, [REL["子"], REL["子の妻"], REL["子の夫"]]) & (city.age >= 20)
    has_grand = np.zeros(n_hh, bool)
    has_grand[city.hh[city.rel == REL["孫"]]] = True
    candidate = np.where(has_grand[city.hh], grand_parent_rel, parent_rel)
    score = np.where(candidate, income + 1, np.iinfo(np.int64).min)
    best = np.maximum.reduceat(score, city.hh_start)
    idx = np.arange(city.n)
    recipient = np.minimum.reduceat(np.where(candidate & (score == best[city.hh]), idx, city.n), city.hh_start)
    ok_hh = recipient < city.n
    rec = np.where(ok_hh, recipient, 0)

    def per_hh(mask, values, fn, empty):
        out = np.full(n_hh, empty, dtype=np.int64)
        if mask.any():
            fn.at(out, city.hh[mask], values[mask])
        return out

    eldest_minor_birth = per_hh(minor, city.birth, np.minimum, NEVER)
    n_minor = per_hh(minor, np.ones(city.n, np.int64), np.add, 0)
    eldest_aged_out_birth = per_hh(aged_out, city.birth, np.minimum, NEVER)
    last_aged_out = per_hh(aged_out, ages_out, np.maximum, -NEVER)
    rec_since, rec_removed = city.since[rec], city.removed[rec]
    rec_current = ok_hh & (rec_removed > today)

    # 児童手当: about 4 % get it from their employer instead (公務員).
    paid = ok_hh & (n_minor > 0) & (rng.random(n_hh) < 0.96)
    start = np.minimum(np.maximum(eldest_minor_birth, rec_since) + rng.integers(5, 30, n_hh), today)
    h = np.flatnonzero(paid & rec_current)
    rows.add(rec[h], P["JIDO_TEATE"], start[h], NEVER, _open_status(rng, len(h), 0.012, 0.006))
    h = np.flatnonzero(paid & ok_hh & ~rec_current)
    rows.add(rec[h], P["JIDO_TEATE"], np.minimum(start[h], rec_removed[h]), rec_removed[h], S["受給終了"])
    # Children who aged out in the last three years (no younger child left in the household).
    done = ok_hh & (n_minor == 0) & (last_aged_out > -NEVER) & (rng.random(n_hh) < 0.96)
    h = np.flatnonzero(done)
    first = np.maximum(eldest_aged_out_birth[h] + rng.integers(5, 30, len(h)), rec_since[h])
    rows.add(rec[h], P["JIDO_TEATE"], first, np.minimum(last_aged_out[h], rec_removed[h]), S["受給終了"])

    # Single parents: 児童扶養手当 under the income limit (partial payment up to about 2.88 million).
    lone = ok_hh & (city.hh_kind == households.T["single_parent"]) & (n_minor > 0)
    limit = 2_880_000 + 380_000 * np.maximum(n_minor - 1, 0)
    low = lone & (income[rec] <= limit)
    became = dates.uniform_days(rng, np.maximum(eldest_minor_birth, rec_since), np.full(n_hh, today))
    fuyo = low & (rng.random(n_hh) < 0.88)
    h = np.flatnonzero(fuyo & rec_current)
    rows.add(rec[h], P["JIDO_FUYO"], became[h], NEVER, _open_status(rng, len(h), 0.08, 0.02))
    iryo = low & (rng.random(n_hh) < 0.85)
    h = np.flatnonzero(iryo & rec_current)
    rows.add(rec[h], P["HITORIOYA_IRYO"], became[h], NEVER, _open_status(rng, len(h), 0.0, 0.01))
    # Income rose above the limit: the allowance ended some time in the last three years.
    h = np.flatnonzero(lone & rec_current & ~low & (rng.random(n_hh) < 0.25))
    ended = dates.uniform_days(rng, np.maximum(became[h], today - 3 * 365), np.full(len(h), today))
    rows.add(rec[h], P["JIDO_FUYO"], became[h], ended, S["受給終了"])
    h = np.flatnonzero((fuyo | iryo) & ok_hh & ~rec_current)
    rows.add(rec[h], np.where(fuyo[h], P["JIDO_FUYO"], P["HITORIOYA_IRYO"]),
             np.minimum(became[h], rec_removed[h]), rec_removed[h], S["受給終了"])

    # Children with disabilities (about 0.4 % of minors, certified after six months of age): one row
    # per child, paid to the recipient.
    disabled = np.flatnonzero(minor & ok_hh[city.hh] & (rng.random(city.n) < 0.004) & (city.birth + 180 <= today))
    parent = rec[city.hh[disabled]]
    certified = dates.uniform_days(rng, np.maximum(city.birth[disabled] + 180, city.since[parent]),
                                   np.full(len(disabled), today))
    alive = city.removed[parent] > today
    rows.add(parent[alive], P["TOKUBETSU_JIDO_FUYO"], certified[alive], NEVER,
             _open_status(rng, int(alive.sum()), 0.03, 0.02))
    also = alive & (rng.random(len(disabled)) < 0.6)
    rows.add(parent[also], P["SHINSHIN_SHOGAI_JIDO"], certified[also], NEVER, S["受給中"])
    rejected = alive & ~also & (rng.random(len(disabled)) < 0.08)  # the city's own, stricter grades
    rows.add(parent[rejected], P["SHINSHIN_SHOGAI_JIDO"], certified[rejected], NEVER, S["却下"])

    # 生活保護: about one in eight low-income elderly living alone, fewer couples and lone parents.
    heads = city.hh_start
    poor = (income[heads] < 600_000) & (city.age[heads] >= 65)
    p = np.where(city.hh_kind == households.T["elderly_alone"], 0.13,
                 np.where(city.hh_kind == households.T["elderly_couple"], 0.035, 0.0))
    p = np.where((city.hh_kind == households.T["single_parent"]) & (income[heads] < 1_000_000) & (n_minor > 0), 0.08, p)
    p = np.where(poor | (city.hh_kind == households.T["single_parent"]), p, 0.0)
    hogo = rng.random(n_hh) < p
    began = np.maximum(today - np.floor(rng.exponential(6 * 365, n_hh)).astype(np.int64), city.since[heads])
    began = np.minimum(began, today)
    head_current = city.removed[heads] > today
    h = np.flatnonzero(hogo & head_current)
    rows.add(heads[h], P["SEIKATSU_HOGO"], began[h], NEVER, _open_status(rng, len(h), 0.01, 0.01))
    h = np.flatnonzero(hogo & ~head_current)
    gone = city.removed[heads[h]]
    rows.add(heads[h], P["SEIKATSU_HOGO"], np.minimum(began[h], gone), gone, S["受給終了"])
    return rows.build(city)
