"""Every program file names its topic — one of the topics residents can turn off — so a notice about it
honours their choice; a topic the vocabulary does not know is refused with the file, the key and the
topics it may be; only a program with a topic may let urgent notices override it."""

from pathlib import Path

import pytest

import foryou

from foryou.programs.definition import load_programs
from foryou.programs.definition import ProgramError, parse_program
from foryou.shared import topics

BASE = {"code": "x", "name": "制度", "department": "健康支援課", "conditions": {"field": "age_years", "op": ">=",
                                                                             "value": 18}}


SHIPPED = Path(foryou.__file__).parents[2] / "programs"


def test_every_shipped_program_names_a_known_topic():
    programs = load_programs(SHIPPED)
    assert programs and all(p.topic in topics.CODES for p in programs), [p.code for p in programs if not p.topic]
    assert {p.code for p in programs if p.urgent_overrides_topic} == {"mashin-fushin-yobo-sesshu"}


def test_an_unknown_topic_is_refused_naming_the_file_the_key_and_the_choices():
    with pytest.raises(ProgramError) as refused:
        parse_program({**BASE, "topic": "sports"}, "x.yml")
    assert str(refused.value).startswith("x.yml: topic: unknown topic 'sports'; write one of checkups, vaccinations")


@pytest.mark.parametrize(("extra", "problem"), [
    ({"urgent_overrides_topic": True}, "urgent_overrides_topic: needs a topic"),
    ({"topic": "vaccinations", "urgent_overrides_topic": "yes"}, "urgent_overrides_topic: must be true or false"),
])
def test_an_urgent_override_needs_a_topic_and_a_yes_or_no(extra, problem):
    with pytest.raises(ProgramError, match=problem):
        parse_program({**BASE, **extra}, "x.yml")


def test_the_topic_and_the_override_are_read():
    program = parse_program({**BASE, "topic": "vaccinations", "urgent_overrides_topic": True}, "x.yml")
    assert (program.topic, program.urgent_overrides_topic) == ("vaccinations", True)
