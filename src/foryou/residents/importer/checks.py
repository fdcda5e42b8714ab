"""Per-column cleaning and checks, as DuckDB SQL over the all-text staging tables.

Identifiers come only from residents/layout.py; allowed-code lists are bound as parameters. Each column
type yields the SQL for its cleaned value(s) and the conditions that are problems.
"""

from dataclasses import dataclass, field

from foryou.residents import layout
from foryou.residents.importer.values import KATAKANA_NAME_SQL
from foryou.residents.layout import Column

FULLWIDTH = "０１２３４５６７８９－，"
HALFWIDTH = "0123456789-,"

# Columns whose offending value may be shown in a problem report (identifiers and codes, never
# names, dates of birth, addresses or tax figures).
SHOWABLE_TYPES = {layout.RESIDENT_ID, layout.DIGITS, layout.CODE, layout.FLAG, layout.POSTAL_CODE}


@dataclass
class ColumnSql:
    selects: list[str]  # "expr AS name" items for the clean table
    # (condition over the clean table, reason code, value expression or None)
    checks: list[tuple[str, str, str | None]] = field(default_factory=list)
    params: dict = field(default_factory=dict)


def trimmed(name: str) -> str:
    # Strip ASCII and ideographic spaces; an empty field is NULL.
    return f"NULLIF(trim(\"{name}\", ' \t　'), '')"


def column_sql(column: Column, present: bool) -> ColumnSql:
    n = column.name
    raw = trimmed(n) if present else "CAST(NULL AS VARCHAR)"
    kind = column.type
    sql = ColumnSql(selects=[f"{raw} AS \"{n}__raw\""])
    if kind in (layout.TEXT,):
        sql.selects.append(f"{raw} AS \"{n}\"")
    elif kind in (layout.DIGITS, layout.RESIDENT_ID):
        digits = f"translate({raw}, '{FULLWIDTH}', '{HALFWIDTH}')"
        sql.selects.append(_fast_first(raw, "[0-9]+", raw, f"CASE WHEN regexp_full_match({digits}, '[0-9]+') THEN {digits} END", n))
        sql.checks.append((f'"{n}__raw" IS NOT NULL AND "{n}" IS NULL', "not_digits", f'"{n}__raw"'))
        if kind == layout.RESIDENT_ID:
            sql.checks.append((f'"{n}" IS NOT NULL AND NOT fy_check_digit_ok("{n}")', "bad_check_digit", f'"{n}"'))
    elif kind == layout.KANA:
        sql.selects.append(
            f"CASE WHEN regexp_full_match({raw}, '{KATAKANA_NAME_SQL}') THEN {raw} "
            f"ELSE NULLIF(fy_kana({raw}), '') END AS \"{n}\""
        )
        sql.checks.append((f'"{n}__raw" IS NOT NULL AND "{n}" IS NULL', "not_kana", None))
    elif kind == layout.REGISTRY_DATE:
        # Joined from the distinct-value map built by build.py ("kind|effective").
        sql.selects += [
            f"NULLIF(split_part(rd_{n}.parsed, '|', 1), '') AS \"{n}_kind\"",
            f"TRY_CAST(NULLIF(split_part(rd_{n}.parsed, '|', 2), '') AS DATE) AS \"{n}\"",
        ]
        sql.checks.append((f'"{n}__raw" IS NOT NULL AND "{n}_kind" IS NULL', "bad_date", None))
    elif kind == layout.DATE:
        sql.selects.append(f"TRY_CAST(NULLIF(cd_{n}.parsed, '') AS DATE) AS \"{n}\"")
        sql.checks.append((f'"{n}__raw" IS NOT NULL AND "{n}" IS NULL', "bad_date", None))
    elif kind in (layout.INTEGER, layout.COUNT):
        number = f"replace(translate({raw}, '{FULLWIDTH}', '{HALFWIDTH}'), ',', '')"
        pattern = "-?[0-9]{1,15}" if kind == layout.INTEGER else "[0-9]{1,15}"
        sql.selects.append(_fast_first(raw, pattern, f"CAST({raw} AS BIGINT)",
                                       f"CASE WHEN regexp_full_match({number}, '{pattern}') THEN CAST({number} AS BIGINT) END", n))
        code = "not_integer" if kind == layout.INTEGER else "not_count"
        sql.checks.append((f'"{n}__raw" IS NOT NULL AND "{n}" IS NULL', code, None))
    elif kind == layout.FLAG:
        sql.selects.append(
            f"CASE lower({raw}) WHEN '1' THEN TRUE WHEN '有' THEN TRUE WHEN 'true' THEN TRUE "
            f"WHEN '0' THEN FALSE WHEN '無' THEN FALSE WHEN 'false' THEN FALSE END AS \"{n}\""
        )
        sql.checks.append((f'"{n}__raw" IS NOT NULL AND "{n}" IS NULL', "bad_flag", f'"{n}__raw"'))
    elif kind == layout.POSTAL_CODE:
        digits = f"replace(translate({raw}, '{FULLWIDTH}', '{HALFWIDTH}'), '-', '')"
        sql.selects.append(_fast_first(raw, "[0-9]{7}", raw, f"CASE WHEN regexp_full_match({digits}, '[0-9]{{7}}') THEN {digits} END", n))
        sql.checks.append((f'"{n}__raw" IS NOT NULL AND "{n}" IS NULL', "bad_postal_code", f'"{n}__raw"'))
    elif kind == layout.CODE:
        param = f"codes_{n}"
        value = raw
        if n == "sex":
            words = " ".join(f"WHEN '{w}' THEN '{c}'" for w, c in layout.SEX_WORDS.items())
            value = f"CASE {raw} {words} ELSE {raw} END"
        sql.selects.append(f"CASE WHEN list_contains(${param}, {value}) THEN {value} END AS \"{n}\"")
        sql.checks.append((f'"{n}__raw" IS NOT NULL AND "{n}" IS NULL', "bad_code", f'"{n}__raw"'))
        sql.params[param] = list(column.codes)
    else:  # pragma: no cover - layout.py and this function change together
        raise ValueError(f"unknown column type {kind}")
    if column.required:
        sql.checks.insert(0, (f'"{n}__raw" IS NULL', "required", None))
    return sql


def _fast_first(raw: str, pattern: str, fast: str, slow: str, name: str) -> str:
    """A value that is already plain ASCII (the common case) skips the full-width translation, which costs
    more than the rest of the cleaning together; anything else takes the general path, same result."""
    return f"CASE WHEN regexp_full_match({raw}, '{pattern}') THEN {fast} ELSE {slow} END AS \"{name}\""


# 11 - (weighted sum mod 11), where 10 and 11 give 0: written as (11 - s % 11) % 11 % 10 so that the
# weighted sum is computed once per row (the importer's most expensive check at a million residents).
CHECK_DIGIT_MACRO = """
CREATE OR REPLACE TEMP MACRO fy_check_digit_ok(id) AS
  length(id) >= 2 AND
  (11 - list_sum([(ascii(id[length(id) - i - 1]) - 48) * (2 + i % 6)
                  FOR i IN range(length(id) - 1)]) % 11) % 11 % 10 = ascii(id[length(id)]) - 48
"""
