"""Per-column cleaning and checks, as DuckDB SQL over the all-text staging tables.

Identifiers come only from residents/layout.py; allowed-code lists are bound as parameters. Each column
is read in three steps: its trimmed text ("n__raw", `raw_sql`), for date columns the date of a value
already written plainly as YYYYMMDD ("n__plain", `plain_date_sql`), and its cleaned value(s) with the
conditions that are problems (`column_sql`).

Fast paths: most values of a real export are already clean (ASCII digits, canonical katakana, 8-digit
dates, no surrounding spaces). Each rule first asks, vectorised, whether a value is already in its
clean form and passes it through; only the others take the general path (full-width translation, the
Python kana and registry-date normalisers on distinct values). With `fast=False` every value takes the
general path: tests/residents/test_import_fast_paths_clean_as_the_general_path.py checks that both give
the same tables and problems.
"""

from dataclasses import dataclass, field

from foryou.residents import layout
from foryou.residents.importer.values import KATAKANA_NAME_SQL
from foryou.residents.layout import Column

FULLWIDTH = "０１２３４５６７８９－，"
HALFWIDTH = "0123456789-,"
SPACES = " \t　"  # stripped from both ends of every field: ASCII space, tab, ideographic space
# An 8-digit date whose year parse_registry_date accepts (1800–2200; 2200 itself takes the general path).
PLAIN_DATE = "(1[89]|2[01])[0-9]{6}"

# Columns whose offending value may be shown in a problem report (identifiers and codes, never
# names, dates of birth, addresses or tax figures).
SHOWABLE_TYPES = {layout.RESIDENT_ID, layout.DIGITS, layout.CODE, layout.FLAG, layout.POSTAL_CODE}
DATE_TYPES = (layout.REGISTRY_DATE, layout.DATE)


@dataclass
class ColumnSql:
    names: list[str]  # the cleaned columns, in order
    selects: list[str]  # "expr AS name" items over the trimmed level ("n__raw", "n__plain", the date maps)
    # (condition over "n__raw" and the cleaned columns, reason code, value expression or None)
    checks: list[tuple[str, str, str | None]] = field(default_factory=list)
    helpers: list[str] = field(default_factory=list)  # "expr AS name" over the cleaned columns, for checks
    params: dict = field(default_factory=dict)


def trimmed(name: str, fast: bool = True) -> str:
    """The field without surrounding spaces; an empty field is NULL. Most fields have none, and asking
    (its first and last characters: code points, as trim sees them) costs a third of trimming."""
    plain = f"NULLIF(trim(\"{name}\", '{SPACES}'), '')"
    if not fast:
        return plain
    spaces = ", ".join(f"'{space}'" for space in SPACES)
    return (f"CASE WHEN \"{name}\"[1] IN ({spaces}) OR \"{name}\"[-1] IN ({spaces}) THEN {plain} "
            f"ELSE NULLIF(\"{name}\", '') END")


def raw_sql(column: Column, present: bool, fast: bool = True) -> str:
    return trimmed(column.name, fast) if present else "CAST(NULL AS VARCHAR)"


def plain_date_sql(column: Column, fast: bool = True) -> str:
    """The calendar date of a value written as 8 ASCII digits (YYYYMMDD), else NULL: for those
    parse_registry_date answers 'exact' and this date. Everything else is parsed in Python."""
    if not fast:
        return "CAST(NULL AS DATE)"
    raw = f'"{column.name}__raw"'
    return f"CASE WHEN regexp_full_match({raw}, '{PLAIN_DATE}') THEN CAST(try_strptime({raw}, '%Y%m%d') AS DATE) END"


def date_map_alias(column: Column) -> str:
    return ("rd_" if column.type == layout.REGISTRY_DATE else "cd_") + column.name


def column_sql(column: Column, fast: bool = True, mapped: bool = True) -> ColumnSql:
    """`mapped`: a date column has a map of its other (not plain) values joined as date_map_alias()."""
    n = column.name
    raw = f'"{n}__raw"'
    kind = column.type
    sql = ColumnSql(names=[n], selects=[])
    if kind in (layout.TEXT,):
        sql.selects.append(f"{raw} AS \"{n}\"")
    elif kind in (layout.DIGITS, layout.RESIDENT_ID):
        digits = f"translate({raw}, '{FULLWIDTH}', '{HALFWIDTH}')"
        general = f"CASE WHEN regexp_full_match({digits}, '[0-9]+') THEN {digits} END"
        sql.selects.append(_fast_first(fast, raw, "[0-9]+", raw, general, n))
        sql.checks.append((f'{raw} IS NOT NULL AND "{n}" IS NULL', "not_digits", raw))
        if kind == layout.RESIDENT_ID:
            sql.helpers.append(f'TRY_CAST("{n}" AS UBIGINT) AS "{n}__number"')
            sql.checks.append((f'"{n}" IS NOT NULL AND NOT fy_check_digit_ok_as_number("{n}", "{n}__number")',
                               "bad_check_digit", f'"{n}"'))
    elif kind == layout.KANA:
        # (An empty field must not reach the Python normaliser: it is a NULL there, and 'required' here.)
        general = f"CASE WHEN {raw} IS NOT NULL THEN NULLIF(fy_kana({raw}), '') END"
        sql.selects.append(_fast_first(fast, raw, KATAKANA_NAME_SQL, raw, general, n))
        sql.checks.append((f'{raw} IS NOT NULL AND "{n}" IS NULL', "not_kana", None))
    elif kind == layout.REGISTRY_DATE:
        # The map holds "kind|effective" for each distinct value that is not plain (build.py).
        plain = f'"{n}__plain"'
        alias = date_map_alias(column)
        mapped_kind = f"NULLIF(split_part({alias}.parsed, '|', 1), '')" if mapped else "CAST(NULL AS VARCHAR)"
        mapped_date = f"TRY_CAST(NULLIF(split_part({alias}.parsed, '|', 2), '') AS DATE)" if mapped else "CAST(NULL AS DATE)"
        sql.names = [f"{n}_kind", n]
        sql.selects += [
            f"CASE WHEN {plain} IS NOT NULL THEN 'exact' ELSE {mapped_kind} END AS \"{n}_kind\"",
            f"coalesce({plain}, {mapped_date}) AS \"{n}\"",
        ]
        sql.checks.append((f'{raw} IS NOT NULL AND "{n}_kind" IS NULL', "bad_date", None))
    elif kind == layout.DATE:
        mapped_date = f"TRY_CAST(NULLIF({date_map_alias(column)}.parsed, '') AS DATE)" if mapped else "CAST(NULL AS DATE)"
        sql.selects.append(f"coalesce(\"{n}__plain\", {mapped_date}) AS \"{n}\"")
        sql.checks.append((f'{raw} IS NOT NULL AND "{n}" IS NULL', "bad_date", None))
    elif kind in (layout.INTEGER, layout.COUNT):
        number = f"replace(translate({raw}, '{FULLWIDTH}', '{HALFWIDTH}'), ',', '')"
        pattern = "-?[0-9]{1,15}" if kind == layout.INTEGER else "[0-9]{1,15}"
        general = f"CASE WHEN regexp_full_match({number}, '{pattern}') THEN CAST({number} AS BIGINT) END"
        sql.selects.append(_fast_first(fast, raw, pattern, f"CAST({raw} AS BIGINT)", general, n))
        code = "not_integer" if kind == layout.INTEGER else "not_count"
        sql.checks.append((f'{raw} IS NOT NULL AND "{n}" IS NULL', code, None))
    elif kind == layout.FLAG:
        general = (f"CASE lower({raw}) WHEN '1' THEN TRUE WHEN '有' THEN TRUE WHEN 'true' THEN TRUE "
                   f"WHEN '0' THEN FALSE WHEN '無' THEN FALSE WHEN 'false' THEN FALSE END")
        if fast:
            general = f"CASE {raw} WHEN '0' THEN FALSE WHEN '1' THEN TRUE ELSE {general} END"
        sql.selects.append(f"{general} AS \"{n}\"")
        sql.checks.append((f'{raw} IS NOT NULL AND "{n}" IS NULL', "bad_flag", raw))
    elif kind == layout.POSTAL_CODE:
        digits = f"replace(translate({raw}, '{FULLWIDTH}', '{HALFWIDTH}'), '-', '')"
        general = f"CASE WHEN regexp_full_match({digits}, '[0-9]{{7}}') THEN {digits} END"
        sql.selects.append(_fast_first(fast, raw, "[0-9]{7}", raw, general, n))
        sql.checks.append((f'{raw} IS NOT NULL AND "{n}" IS NULL', "bad_postal_code", raw))
    elif kind == layout.CODE:
        param = f"codes_{n}"
        value = raw
        if n == "sex":
            words = " ".join(f"WHEN '{w}' THEN '{c}'" for w, c in layout.SEX_WORDS.items())
            value = f"CASE {raw} {words} ELSE {raw} END"
        sql.selects.append(f"CASE WHEN list_contains(${param}, {value}) THEN {value} END AS \"{n}\"")
        sql.checks.append((f'{raw} IS NOT NULL AND "{n}" IS NULL', "bad_code", raw))
        sql.params[param] = list(column.codes)
    else:  # pragma: no cover - layout.py and this function change together
        raise ValueError(f"unknown column type {kind}")
    if column.required:
        sql.checks.insert(0, (f"{raw} IS NULL", "required", None))
    return sql


def _fast_first(fast: bool, raw: str, pattern: str, plain: str, general: str, name: str) -> str:
    """A value already in its clean form (`pattern`: plain ASCII digits, canonical katakana) is taken as it
    is; anything else takes the general path (full-width translation, the kana normaliser): same result."""
    if not fast:
        return f"{general} AS \"{name}\""
    return f"CASE WHEN regexp_full_match({raw}, '{pattern}') THEN {plain} ELSE {general} END AS \"{name}\""


# 11 - (weighted sum mod 11), where 10 and 11 give 0: written as (11 - s % 11) % 11 % 10. Called with
# ASCII digits only (the cleaned 宛名番号). Up to 19 digits the number is read as an integer and its
# digits taken arithmetically (leading zeros weigh nothing): seven times cheaper than the general form
# over a list of characters, which longer numbers take. The importer passes the integer from a column
# of its own (`number`), as a macro repeats its argument's expression wherever it is used.
_INTEGER_SUM = " + ".join(f"(number // {10 ** (i + 1)} % 10) * {2 + i % 6}" for i in range(18))
CHECK_DIGIT_MACRO = f"""
CREATE OR REPLACE TEMP MACRO fy_check_digit_ok_as_number(id, number) AS
  CASE WHEN length(id) BETWEEN 2 AND 19
       THEN (11 - ({_INTEGER_SUM}) % 11) % 11 % 10 = number % 10
       ELSE length(id) >= 2 AND
            (11 - list_sum([(ascii(id[length(id) - i - 1]) - 48) * (2 + i % 6)
                            FOR i IN range(length(id) - 1)]) % 11) % 11 % 10 = ascii(id[length(id)]) - 48
  END;
CREATE OR REPLACE TEMP MACRO fy_check_digit_ok(id) AS fy_check_digit_ok_as_number(id, TRY_CAST(id AS UBIGINT));
"""
