"""From target persons to recipients: the registrants to tell.

A program tells the person, the registered guardians in the person's household, or both. Never told:
anyone no longer resident, anyone in a household under 支援措置 (target's or recipient's), inactive
registrations, and registrants lacking a consent the program's fields need. A recipient appears once
per run, with every target they are told about, even when several household members qualify.
"""

from dataclasses import dataclass
from functools import lru_cache

import sqlglot
from sqlglot import exp

from foryou.rules import compiler, language
from foryou.rules.ages import latest_birth_for_age
from foryou.rules.catalog import ADULT_AGE, GUARDIANS_BY_RELATIONSHIP
from foryou.rules.compiler import EvalContext
from foryou.rules.sqlnodes import lit


@dataclass(frozen=True)
class Registrant:
    registration_number: str
    resident_id: str
    active: bool = True
    consents: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Recipient:
    registration_number: str
    resident_id: str
    target_ids: tuple[str, ...]


# Each link carries what the recipient's row says (宛名番号; whether their household is under 支援措置,
# hh_protected, stored on every person's row at import from the household's current members, as the
# households table's `protected`): joining the links back to every person and the households table
# twice cost 3/4 of the recipients' time at 3,800,000 residents. A recipient is a current person: the
# target itself when current (given targets may not be), or a guardian (the join tests it).
TEMPLATE = """
WITH targets AS (:targets),
links AS (
  SELECT t.resident_id AS target_id, t.hh_protected AS target_protected, t.resident_id AS recipient_id,
         t.hh_protected AS recipient_protected
  FROM targets t WHERE :tell_person AND t.is_current
  UNION ALL
  SELECT t.resident_id, t.hh_protected, g.resident_id, g.hh_protected
  FROM targets t
  JOIN persons g ON g.hid = t.hid AND g.is_current AND g.pid <> t.pid
  WHERE :tell_guardians AND g.birth_date <= :adult_born_by AND (:guardian_rule)
)
SELECT r.registration_number, r.resident_id, list(DISTINCT l.target_id ORDER BY l.target_id) AS target_ids
FROM links l
JOIN registrants r ON r.resident_id = l.recipient_id
WHERE r.active AND r.consented AND NOT coalesce(l.recipient_protected, FALSE) AND NOT coalesce(l.target_protected, FALSE)
GROUP BY r.registration_number, r.resident_id
ORDER BY r.registration_number
"""

# Targets given by 宛名番号 (a trigger run's newly qualified), with the columns the links read.
GIVEN_TARGETS = ("SELECT p.pid, p.hid, p.resident_id, p.relationship, p.hh_protected, p.is_current FROM persons AS p "
                 "WHERE p.resident_id IN (SELECT resident_id FROM given_targets)")


def guardian_rule() -> exp.Expression:
    """(t.relationship = '子' AND g.relationship IN (世帯主, 妻, 夫 …)) OR (t.relationship = '孫' AND …)"""
    rules = [
        exp.and_(
            exp.EQ(this=exp.column("relationship", "t"), expression=lit(child)),
            exp.In(this=exp.column("relationship", "g"), expressions=[lit(g) for g in guardians]),
        )
        for child, guardians in GUARDIANS_BY_RELATIONSHIP.items()
    ]
    return exp.or_(*rules)


def recipients_query(conditions: language.Conditions | None, ctx: EvalContext, tell: str) -> str:
    """With conditions None, the targets are the temporary table given_targets (see resolve_ids)."""
    if conditions is None:
        return _recipients_sql(None, None, ctx, tell)
    return _recipients_sql(conditions.root, tuple(sorted(conditions.lookups.items())), ctx, tell)


@lru_cache(maxsize=256)
def _recipients_sql(root, lookups, ctx: EvalContext, tell: str) -> str:
    """Compiled once per (conditions, day, tax year, whom to tell): compiling costs more than a small query."""
    targets = (compiler.targets_query(language.Conditions(root, dict(lookups)), ctx,
                                      ["pid", "hid", "resident_id", "relationship", "hh_protected", "is_current"])
               if root is not None else sqlglot.parse_one(GIVEN_TARGETS, read="duckdb"))
    query = exp.replace_placeholders(
        _template(),
        targets=targets,
        tell_person=exp.Boolean(this=tell in ("person", "both")),
        tell_guardians=exp.Boolean(this=tell in ("guardians", "both")),
        adult_born_by=lit(latest_birth_for_age(ADULT_AGE, "years", ctx.as_of)),
        guardian_rule=guardian_rule(),
    )
    return query.sql(dialect="duckdb")


@lru_cache(maxsize=1)
def _template() -> exp.Expression:
    return sqlglot.parse_one(TEMPLATE, read="duckdb")


def load_registrants(con, registrants, needed_consents: set[str]) -> None:
    """A temporary table of registrants (a read-only snapshot connection may hold temp tables). Passed to
    DuckDB as NumPy arrays, which it scans column by column: unnesting Python lists was four times slower,
    and a pandas frame no faster but ~45 MB more resident in every process that sends (decision 0089)."""
    import numpy

    rows = list(registrants)
    columns = {
        "registration_number": numpy.array([r.registration_number for r in rows], dtype=object),
        "resident_id": numpy.array([r.resident_id for r in rows], dtype=object),
        "active": numpy.array([r.active for r in rows], dtype=bool),
        "consented": numpy.array([needed_consents <= set(r.consents) for r in rows], dtype=bool),
    }
    con.execute("CREATE OR REPLACE TEMP TABLE registrants "
                "(registration_number VARCHAR, resident_id VARCHAR, active BOOLEAN, consented BOOLEAN)")
    con.register("registrants_given", columns)
    try:
        con.execute("INSERT INTO registrants SELECT * FROM registrants_given")
    finally:
        con.unregister("registrants_given")


def resolve(con, conditions: language.Conditions, ctx: EvalContext, tell: str, registrants) -> list[Recipient]:
    load_registrants(con, registrants, conditions.consents())
    rows = con.execute(recipients_query(conditions, ctx, tell)).fetchall()
    return [Recipient(number, rid, tuple(targets)) for number, rid, targets in rows]


def resolve_ids(con, target_ids: list[str], conditions: language.Conditions, ctx: EvalContext, tell: str,
                registrants) -> list[Recipient]:
    """Recipients for given target persons (a trigger run's newly qualified), with the same exclusions
    and the consents the program's conditions need."""
    load_registrants(con, registrants, conditions.consents())
    con.execute("CREATE OR REPLACE TEMP TABLE given_targets (resident_id VARCHAR)")
    con.execute("INSERT INTO given_targets SELECT unnest($ids)", {"ids": list(target_ids)})
    rows = con.execute(recipients_query(None, ctx, tell)).fetchall()
    return [Recipient(number, rid, tuple(targets)) for number, rid, targets in rows]
