"""The field catalog: every field a condition may test, with its type, Japanese label, where it is read
from, and the consent it needs. The compiler and the reference evaluator both read fields from here."""

from dataclasses import dataclass

from foryou.residents import layout

INT = "int"
MONEY = "money"
DATE = "date"
CODE = "code"
TEXT = "text"
BOOL = "bool"
AGE = "age"  # an age computed from the birth date on a given day; compiles to a birth-date range

PERSON = "person"  # a column of persons
TAX = "tax"  # a column of resident_tax for the tax year in use
HOUSEHOLD = "household"  # an aggregate over the person's current household

TAX_CONSENT = "tax"

NUMERIC = {INT, MONEY, AGE}
COMPARISONS = ("==", "!=", "<", "<=", ">", ">=")
OPERATORS_BY_TYPE = {
    INT: COMPARISONS + ("in", "not_in", "between", "is_null", "not_null"),
    MONEY: COMPARISONS + ("between", "is_null", "not_null"),
    AGE: COMPARISONS + ("between", "is_null", "not_null"),
    DATE: COMPARISONS + ("between", "is_null", "not_null"),
    CODE: ("==", "!=", "in", "not_in", "is_null", "not_null"),
    TEXT: ("==", "!=", "in", "not_in", "is_null", "not_null"),
    BOOL: ("==", "!=", "is_null", "not_null"),
}


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    type: str
    source: str
    column: str = ""  # column in persons or resident_tax; for AGE, the birth-date column
    unit: str = ""  # AGE: "years" or "months"
    codes: tuple[str, ...] = ()
    consent: str | None = None

    @property
    def needs_tax(self) -> bool:
        return self.consent == TAX_CONSENT


FIELDS = {
    f.key: f
    for f in (
        Field("age_years", "年齢", AGE, PERSON, "birth_date", unit="years"),
        Field("age_months", "月齢", AGE, PERSON, "birth_date", unit="months"),
        Field("birth_date", "生年月日", DATE, PERSON, "birth_date"),
        Field("sex", "性別", CODE, PERSON, "sex", codes=layout.SEX_CODES),
        Field("relationship", "続柄", CODE, PERSON, "relationship", codes=layout.RELATIONSHIPS),
        Field("ward", "行政区", TEXT, PERSON, "ward_name"),
        Field("ward_code", "行政区コード", TEXT, PERSON, "ward_code"),
        Field("town_code", "町字コード", TEXT, PERSON, "town_code"),
        Field("town", "町字", TEXT, PERSON, "town_name"),
        Field("postal_code", "郵便番号", TEXT, PERSON, "postal_code"),
        Field("resident_since", "住民となった年月日", DATE, PERSON, "resident_since"),
        Field("total_income", "合計所得金額", MONEY, TAX, "total_income", consent=TAX_CONSENT),
        Field("income_levy", "所得割額", MONEY, TAX, "income_levy", consent=TAX_CONSENT),
        Field("per_capita_levy", "均等割額", MONEY, TAX, "per_capita_levy", consent=TAX_CONSENT),
        Field("tax_status", "非課税区分", CODE, TAX, "tax_status", codes=layout.TAX_STATUSES, consent=TAX_CONSENT),
        Field("tax_exempt", "住民税非課税", BOOL, TAX, "tax_status", consent=TAX_CONSENT),
        Field("dependants", "扶養親族数", INT, TAX, "dependants", consent=TAX_CONSENT),
        Field("household_size", "世帯人数", INT, HOUSEHOLD),
        Field("children_under_18", "18歳未満の世帯員数", INT, HOUSEHOLD),
        Field("household_income", "世帯の合計所得金額", MONEY, HOUSEHOLD, "total_income", consent=TAX_CONSENT),
    )
}

# 非課税区分 value meaning "exempt" (tax_exempt is true for it).
TAX_EXEMPT_STATUS = "2"

# Guardians of a person, by the person's 続柄 in the household: who is told about a child.
GUARDIANS_BY_RELATIONSHIP = {
    "子": ("世帯主", "妻", "夫", "妻(未届)", "夫(未届)"),
    "孫": ("子", "子の妻", "子の夫"),
}
ADULT_AGE = 18
