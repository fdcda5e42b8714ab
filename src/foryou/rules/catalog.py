"""The field catalog: every field a condition may test, with its type, Japanese label, where it is read
from, and the consent it needs. The compiler and the reference evaluator both read fields from here."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from foryou.residents import derived, layout

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
    label: str  # lazily translated
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
        Field("age_years", _("Age"), AGE, PERSON, "birth_date", unit="years"),
        Field("age_months", _("Age in months"), AGE, PERSON, "birth_date", unit="months"),
        Field("birth_date", _("Date of birth"), DATE, PERSON, "birth_date"),
        Field("sex", _("Sex"), CODE, PERSON, "sex", codes=layout.SEX_CODES),
        Field("relationship", _("Relationship"), CODE, PERSON, "relationship", codes=layout.RELATIONSHIPS),
        Field("ward", _("Ward"), TEXT, PERSON, "ward_name"),
        Field("ward_code", _("Ward code"), TEXT, PERSON, "ward_code"),
        Field("town_code", _("Town code"), TEXT, PERSON, "town_code"),
        Field("town", _("Town"), TEXT, PERSON, "town_name"),
        Field("postal_code", _("Postal code"), TEXT, PERSON, "postal_code"),
        Field("resident_since", _("Resident since"), DATE, PERSON, "resident_since"),
        Field("total_income", _("Total income"), MONEY, TAX, "total_income", consent=TAX_CONSENT),
        Field("income_levy", _("Income-based levy"), MONEY, TAX, "income_levy", consent=TAX_CONSENT),
        Field("per_capita_levy", _("Per-capita levy"), MONEY, TAX, "per_capita_levy", consent=TAX_CONSENT),
        Field("tax_status", _("Tax status"), CODE, TAX, "tax_status", codes=layout.TAX_STATUSES, consent=TAX_CONSENT),
        Field("tax_exempt", _("Exempt from resident tax"), BOOL, TAX, "tax_status", consent=TAX_CONSENT),
        Field("dependants", _("Dependants"), INT, TAX, "dependants", consent=TAX_CONSENT),
        Field("household_size", _("Household size"), INT, HOUSEHOLD),
        Field("children_under_18", _("Household members under 18"), INT, HOUSEHOLD),
        Field("household_income", _("Household total income"), MONEY, HOUSEHOLD, "total_income", consent=TAX_CONSENT),
    )
}

# 非課税区分 value meaning "exempt" (tax_exempt is true for it).
TAX_EXEMPT_STATUS = derived.TAX_EXEMPT_STATUS

# Guardians of a person, by the person's 続柄 in the household: who is told about a child.
GUARDIANS_BY_RELATIONSHIP = {
    "子": ("世帯主", "妻", "夫", "妻(未届)", "夫(未届)"),
    "孫": ("子", "子の妻", "子の夫"),
}
ADULT_AGE = 18
