"""Tables derived from the imported ones, which targeting reads instead of aggregating a million rows per
query. The import builds them into each snapshot (importer/build.py); in-memory cities for program
examples and property tests build them the same way (rules/schema.py); a snapshot built before a table
existed gets it as a view when opened (store.open_snapshot), slower but with the same answers."""

from foryou.residents import layout

# Each household's total income per tax year, over its current members who have a tax row for that year:
# what `household_income` means (rules/catalog.py). A household none of whose members has a row for the
# year has no row here, so its income is unknown (NULL), as when summing the members' rows directly.
HOUSEHOLD_INCOMES = (
    "SELECT p.hid, t.fiscal_year, SUM(t.total_income) AS total_income "
    "FROM persons p JOIN resident_tax t ON t.pid = p.pid WHERE p.is_current GROUP BY p.hid, t.fiscal_year"
)

# Per household and tax year, whether every current member with a tax row for the year is exempt
# (非課税区分 2; a row without a status is not counted against it). A household none of whose members
# has a row has no row here: every member is then exempt, as far as anyone knows (rules/compiler.py reads
# a missing row as TRUE, as the reference evaluator does for members without a row).
TAX_EXEMPT_STATUS = "2"
HOUSEHOLD_EXEMPTIONS = (
    f"SELECT p.hid, t.fiscal_year, bool_and(t.tax_status = '{TAX_EXEMPT_STATUS}') AS all_exempt "
    "FROM persons p JOIN resident_tax t ON t.pid = p.pid WHERE p.is_current GROUP BY p.hid, t.fiscal_year"
)

# Every allowance row of a current person, with the person's household key: "a member of the household
# receives 生活保護" is then one semi-join on hid against a few thousand rows, where it was a join of
# every current person with the allowances inside each household test (rules/compiler.py,
# `member_allowance`). Rows of persons no longer current are left out, as they are no members.
MEMBER_ALLOWANCES = (
    "SELECT p.hid, a.program_code, a.status, a.start_date, a.end_date "
    "FROM allowances a JOIN persons p ON p.pid = a.pid WHERE p.is_current"
)

DERIVED = {"household_incomes": HOUSEHOLD_INCOMES, "household_exemptions": HOUSEHOLD_EXEMPTIONS,
           "member_allowances": MEMBER_ALLOWANCES}

# Household facts carried on every person's row (columns hh_*), so that the household tests programs use
# most read one column of the person instead of a semi-join of persons with persons (rules/compiler.py,
# `household_fact`). Each is over the household's current members, as household tests are:
#   hh_youngest_child_birth  the latest birth date among members whose 続柄 is 子 or 孫 (NULL: none)
#   hh_has_spouse            whether a member's 続柄 is a spouse's (妻, 夫, 妻(未届), 夫(未届))
#   hh_members               how many members (households.members)
#   hh_protected             whether a member is under 支援措置 (households.protected): recipients read it
CHILD_RELATIONSHIPS = ("子", "孫")
SPOUSE_RELATIONSHIPS = layout.SPOUSE_RELATIONSHIPS
HOUSEHOLD_FACT_COLUMNS = ("hh_youngest_child_birth", "hh_has_spouse", "hh_members", "hh_protected")

# The order persons are stored in: households whose youngest child (子 or 孫) was born latest first, then
# the other households, each household's members together in key order. DuckDB keeps each column's
# minimum and maximum per group of 122,880 rows, so "a child younger than N" (児童扶養手当 and six more
# programs) skips the groups of older or childless households without reading them: 児童扶養手当's
# count at 3.8M residents reads a quarter of persons (decision 0078).
PERSONS_ORDER = "{youngest} DESC NULLS LAST, {pid}"


def _in(values: tuple[str, ...]) -> str:
    return "(" + ", ".join(f"'{v}'" for v in values) + ")"


def household_facts(persons: str) -> str:
    """One row per household with current members in `persons` (which has hid, is_current,
    relationship, birth_date, protected): its hid and the facts above, without the hh_ prefix."""
    return (f"SELECT hid, max(birth_date) FILTER (WHERE relationship IN {_in(CHILD_RELATIONSHIPS)}) AS youngest_child_birth, "
            f"coalesce(bool_or(relationship IN {_in(SPOUSE_RELATIONSHIPS)}), FALSE) AS has_spouse, "
            f"count(*) AS members, coalesce(bool_or(protected), FALSE) AS protected "
            f"FROM {persons} WHERE is_current GROUP BY hid")


def persons_with_household_facts(persons: str, facts: str | None = None) -> str:
    """Every row of `persons` with the household facts appended (a person whose household has no current
    member, i.e. one no longer current, gets NULL, FALSE, NULL and FALSE)."""
    facts = facts or f"({household_facts(persons)})"
    return (f"SELECT p.*, h.youngest_child_birth AS hh_youngest_child_birth, "
            f"coalesce(h.has_spouse, FALSE) AS hh_has_spouse, h.members AS hh_members, "
            f"coalesce(h.protected, FALSE) AS hh_protected "
            f"FROM {persons} p LEFT JOIN {facts} h ON h.hid = p.hid")
