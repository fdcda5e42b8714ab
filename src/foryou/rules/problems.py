"""Every problem the condition language reports, defined once: a code and its message with named
parameters. Program files, logs and commands read the English; the console shows the same message
translated (gettext), so rewording one here can never leave staff reading English."""

from django.utils.translation import gettext, gettext_noop

PROBLEMS = {
    # lookup tables (lookups:)
    "lookups_not_mapping": gettext_noop("must be a mapping of lookup names to tables"),
    "lookup_not_mapping": gettext_noop("must be a mapping with 'by' and 'table'"),
    "lookup_by_not_count_field": gettext_noop("must name a whole-number field such as dependants, got %(value)s"),
    "lookup_table_empty": gettext_noop("must map 0, 1, 2, … to whole numbers"),
    "lookup_table_gaps": gettext_noop("keys must be 0, 1, 2, … without gaps, got %(keys)s"),
    # the tree
    "too_deep": gettext_noop("the tree is nested more than %(depth)s levels deep"),
    "not_a_condition": gettext_noop("must be a condition (a mapping such as {field: …, op: …, value: …})"),
    "several_kinds": gettext_noop("must have exactly one of all, any, not, field, …; got %(keys)s"),
    "empty_group": gettext_noop("'%(kind)s' needs a non-empty list of conditions"),
    "unknown_condition": gettext_noop("unknown condition %(kind)s; use all, any, not, field, reaches_age, "
                                      "turns_age_in_fiscal_year, household, checkup or allowance"),
    "unknown_key": gettext_noop("unknown key; allowed here: %(allowed)s"),
    # field comparisons
    "unknown_field": gettext_noop("unknown field %(field)s; known fields: %(known)s"),
    "unknown_operator_for_field": gettext_noop("unknown operator %(op)s for %(field)s; use one of %(allowed)s"),
    "at_is_for_ages": gettext_noop("'at' applies to ages only and must be one of %(points)s"),
    "takes_no_value": gettext_noop("%(op)s takes no value"),
    "value_and_lookup": gettext_noop("give either value or lookup, not both"),
    "unknown_lookup": gettext_noop("unknown lookup table %(name)s; define it under lookups"),
    "lookup_needs_number": gettext_noop("a lookup compares a number with <, <=, ==, … only"),
    "lookup_with_age": gettext_noop("ages cannot be compared with a lookup table"),
    "operator_not_for_ages": gettext_noop("operator %(op)s does not apply to ages"),
    "missing_value": gettext_noop("missing value"),
    "needs_values": gettext_noop("%(op)s needs a non-empty list of values"),
    "between_needs_two": gettext_noop("between needs a list of two values [low, high]"),
    "range_reversed": gettext_noop("the range starts (%(low)s) after it ends (%(high)s)"),
    "one_value_only": gettext_noop("%(op)s compares with one value, got a list"),
    "field_whole_number": gettext_noop("%(field)s is a whole number, got %(value)s"),
    "field_true_or_false": gettext_noop("%(field)s is true or false, got %(value)s"),
    "field_text": gettext_noop("%(field)s is a text, got %(value)s"),
    "field_choice": gettext_noop("%(field)s must be one of %(choices)s, got %(value)s"),
    # ages, household, checkups, allowances
    "reaches_age_not_mapping": gettext_noop("must be a mapping such as {months: 2, within_days: 14}"),
    "years_or_months": gettext_noop("give exactly one of years or months"),
    "household_not_mapping": gettext_noop("must be a mapping with one of %(quantifiers)s"),
    "one_quantifier": gettext_noop("give exactly one of %(quantifiers)s"),
    "unknown_operator": gettext_noop("unknown operator %(op)s; use one of %(allowed)s"),
    "checkup_not_mapping": gettext_noop("must be a mapping such as {kind: 特定健診, within_days: 365}"),
    "one_window": gettext_noop("give at most one of within_days, in_fiscal_year, between"),
    "allowance_not_mapping": gettext_noop("must be a mapping such as {program: JIDO_FUYO, status: [受給中]}"),
    # values
    "not_whole_number": gettext_noop("must be a whole number, got %(value)s"),
    "not_count": gettext_noop("must be a whole number ≥ 0, got %(value)s"),
    "not_days": gettext_noop("must be a whole number of days ≥ 0, got %(value)s"),
    "not_age": gettext_noop("must be an age between 0 and 150, got %(value)s"),
    "not_true_or_false": gettext_noop("must be true or false"),
    "not_choice": gettext_noop("must be one of %(choices)s, got %(value)s"),
    "not_texts": gettext_noop("must be a text or a non-empty list of texts, got %(value)s"),
    "not_date": gettext_noop("must be a date written YYYY-MM-DD, got %(value)s"),
    "not_date_pair": gettext_noop("must be a list of two dates [start, end]"),
    "window_reversed": gettext_noop("the window starts (%(start)s) after it ends (%(end)s)"),
}


def english(code: str, params: dict) -> str:
    return PROBLEMS[code] % params


def localized(code: str, params: dict) -> str:
    """The message in the active language (Japanese in the console)."""
    return gettext(PROBLEMS[code]) % params
