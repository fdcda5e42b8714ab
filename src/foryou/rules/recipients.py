"""From target persons to recipients: the registrants to tell.

A program tells the person, the registered guardians in the person's household, or both. Never told:
anyone no longer resident, anyone in a household under 支援措置 (target's or recipient's), inactive
registrations, and registrants lacking a consent the program's fields need. A recipient appears once
per run, with every target they are told about, even when several household members qualify.
"""

from dataclasses import dataclass

import sqlglot
from sqlglot import exp

from foryou.rules import compiler, language
from foryou.rules.ages import latest_birth_for_age
from foryou.rules.catalog import ADULT_AGE, GUARDIANS_BY_RELATIONSHIP
from foryou.rules.compiler import EvalContext, lit


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


TEMPLATE = """
WITH targets AS (:targets),
links AS (
  SELECT t.resident_id AS target_id, t.resident_id AS recipient_id FROM targets t WHERE :tell_person
  UNION ALL
  SELECT t.resident_id, g.resident_id
  FROM targets t
  JOIN persons c ON c.resident_id = t.resident_id
  JOIN persons g ON g.household_id = c.household_id AND g.is_current AND g.resident_id <> c.resident_id
  WHERE :tell_guardians AND g.birth_date <= :adult_born_by AND (:guardian_rule)
)
SELECT r.registration_number, r.resident_id, list(DISTINCT l.target_id ORDER BY l.target_id) AS target_ids
FROM links l
JOIN registrants r ON r.resident_id = l.recipient_id
JOIN persons rp ON rp.resident_id = r.resident_id AND rp.is_current
JOIN persons tp ON tp.resident_id = l.target_id
WHERE r.active AND r.consented
  AND NOT coalesce((SELECT h.protected FROM households h WHERE h.household_id = rp.household_id), FALSE)
  AND NOT coalesce((SELECT h.protected FROM households h WHERE h.household_id = tp.household_id), FALSE)
GROUP BY r.registration_number, r.resident_id
ORDER BY r.registration_number
"""


def guardian_rule() -> exp.Expression:
    """(c.relationship = '子' AND g.relationship IN (世帯主, 妻, 夫 …)) OR (c.relationship = '孫' AND …)"""
    rules = [
        exp.and_(
            exp.EQ(this=exp.column("relationship", "c"), expression=lit(child)),
            exp.In(this=exp.column("relationship", "g"), expressions=[lit(g) for g in guardians]),
        )
        for child, guardians in GUARDIANS_BY_RELATIONSHIP.items()
    ]
    return exp.or_(*rules)


def recipients_query(conditions: language.Conditions | None, ctx: EvalContext, tell: str) -> str:
    """With conditions None, the targets are the temporary table given_targets (see resolve_ids)."""
    targets = (compiler.ids_query(conditions, ctx) if conditions is not None
               else sqlglot.parse_one("SELECT resident_id FROM given_targets", read="duckdb"))
    query = exp.replace_placeholders(
        sqlglot.parse_one(TEMPLATE, read="duckdb"),
        targets=targets,
        tell_person=exp.Boolean(this=tell in ("person", "both")),
        tell_guardians=exp.Boolean(this=tell in ("guardians", "both")),
        adult_born_by=lit(latest_birth_for_age(ADULT_AGE, "years", ctx.as_of)),
        guardian_rule=guardian_rule(),
    )
    return query.sql(dialect="duckdb")


def load_registrants(con, registrants, needed_consents: set[str]) -> None:
    """A temporary table of registrants (a read-only snapshot connection may hold temp tables)."""
    rows = list(registrants)
    con.execute("CREATE OR REPLACE TEMP TABLE registrants "
                "(registration_number VARCHAR, resident_id VARCHAR, active BOOLEAN, consented BOOLEAN)")
    con.execute(
        "INSERT INTO registrants SELECT unnest($numbers), unnest($ids), unnest($active), unnest($consented)",
        {
            "numbers": [r.registration_number for r in rows],
            "ids": [r.resident_id for r in rows],
            "active": [r.active for r in rows],
            "consented": [needed_consents <= set(r.consents) for r in rows],
        },
    )


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
