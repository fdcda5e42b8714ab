"""A program file's outcome: says what take-up means and from which data; holdout: may forbid a holdout."""

from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from foryou.outcomes.definitions import (DEFAULT_ALLOWANCE_STATUSES, Source, allows_holdout, holdout_reason,
                                         outcome_of)
from foryou.programs.definition import ProgramError, load_programs, parse_program

BASE = {"code": "x", "name": "X", "department": "課", "conditions": {"field": "age_years", "op": ">=", "value": 0}}


def program(**extra):
    return parse_program({**BASE, **extra}, "x.yml")


def test_an_allowance_outcome_names_the_codes_and_counts_every_status_but_rejected_by_default():
    outcome = outcome_of(program(outcome={"source": "allowances", "program": "JIDO_FUYO"}))
    assert (outcome.source, outcome.codes) == (Source.ALLOWANCES, ("JIDO_FUYO",))
    assert outcome.statuses == DEFAULT_ALLOWANCE_STATUSES and "却下" not in outcome.statuses


def test_a_checkup_outcome_may_name_several_kinds_and_reads_in_japanese():
    outcome = outcome_of(program(outcome={"source": "checkups", "kind": ["肺がん検診", "大腸がん検診"]}))
    assert outcome.codes == ("肺がん検診", "大腸がん検診")
    with translation.override("en"):
        assert outcome.label == "肺がん検診・大腸がん検診 done on or after the notice"


def test_a_program_without_an_outcome_has_none_and_allows_a_holdout():
    plain = program()
    assert outcome_of(plain) is None
    assert allows_holdout(plain) and holdout_reason(plain) == ""


def test_applications_are_accepted_as_a_source():
    assert outcome_of(program(outcome={"source": "applications"})).source == Source.APPLICATIONS


def test_a_holdout_can_be_forbidden_with_a_reason():
    assert not allows_holdout(program(holdout="forbidden"))
    vaccination = program(holdout={"forbidden": "接種期限があるため"})
    assert not allows_holdout(vaccination) and holdout_reason(vaccination) == "接種期限があるため"


@pytest.mark.parametrize("extra, path", [
    ({"outcome": {"source": "tax"}}, "outcome.source"),
    ({"outcome": {"source": "allowances"}}, "outcome.program"),
    ({"outcome": {"source": "allowances", "program": "JIDO_FUYO", "status": ["支給中"]}}, "outcome.status"),
    ({"outcome": {"source": "checkups", "kind": []}}, "outcome.kind"),
    ({"outcome": {"source": "checkups", "kind": "特定健診", "program": "X"}}, "outcome.program"),
    ({"outcome": "checkups"}, "outcome"),
    ({"holdout": "never"}, "holdout"),
])
def test_a_wrong_outcome_or_holdout_is_an_error_naming_the_key(extra, path):
    with pytest.raises(ProgramError) as error:
        program(**extra)
    assert error.value.path == path and "x.yml" in str(error.value)


def test_shipped_programs_with_data_for_it_have_outcomes_and_vaccinations_forbid_holdouts():
    programs = {p.code: p for p in load_programs(Path(settings.PROGRAMS_DIR))}
    assert outcome_of(programs["jido-fuyo-teate"]).codes == ("JIDO_FUYO",)
    assert outcome_of(programs["tokutei-kenshin"]).codes == ("特定健診",)
    assert outcome_of(programs["suido-ryokin-genmen"]) is None  # no data on water bills
    assert not allows_holdout(programs["mashin-fushin-yobo-sesshu"])
    assert allows_holdout(programs["jido-fuyo-teate"])


@pytest.mark.django_db
def test_a_program_may_be_named_by_its_code():
    assert outcome_of("kenko-shinsa").codes == ("健康診査",)
    assert not allows_holdout("suito-yobo-sesshu") and "定期接種" in holdout_reason("suito-yobo-sesshu")
